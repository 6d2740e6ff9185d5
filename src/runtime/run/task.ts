/**
 * One task (§2.7, §2.14): Data → messages → AI → Output, each milestone written
 * through rtStep/rtModel so any host sees it. Errors are recorded on the task with
 * their stage, unless the run is being cancelled (then the run's cancel marks it).
 */
import { yieldIfBusy } from '../loop-turn';
import type { Agent } from '../agent/types';
import type { AiResponse } from '../ai/exec-chat';
import { messageSize, messageText } from '../ai/messages';
import { modelPricing } from '../ai/pricing';
import { withRetry } from '../ai/retry';
import { resolveProvider } from '../ai/routing';
import { errorMessage } from '../errors';
import type { Id, Stage } from '../model/types';
import { readDirective, wrongStageMessage } from './directive';
import { buildChatMessages, parseAttachments } from './messages';
import { apiKeyFor, redactKey } from './ai-redact';
import { RetryBudget, withRequestTimeout } from './ai-timeout';
import { agentWithOptions, optionsForLua, type RunCtx } from './run-context';
import { runLuaStage, type StageTask } from './stage';

/** Streamed text goes out at most every 100 ms per task, so a fast stream cannot flood the hosts. */
class DeltaBatcher {
  private buf = '';
  private timer?: ReturnType<typeof setTimeout>;
  constructor(private readonly publish: (text: string) => void) {}
  push(text: string): void {
    this.buf += text;
    this.timer ??= setTimeout(() => this.flush(), 100);
  }
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buf === '') return;
    const text = this.buf;
    this.buf = '';
    this.publish(text);
  }
}

/** What a task produced before output post-processing (§2.10). */
type TaskResult = { kind: 'none' } | { kind: 'ai'; content?: string } | { kind: 'output'; value: unknown };

/** First string among `path`, `name`, `label`, `_label` (legacy console label), §2.8. */
export function inputLabel(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const o = input as Record<string, unknown>;
  for (const k of ['path', 'name', 'label', '_label']) if (typeof o[k] === 'string') return o[k] as string;
  return undefined;
}

/** Runs the task and post-processes its output; resolves to the task's output value (null → undefined). */
export async function runAgentTask(rc: RunCtx, t: StageTask, beforeAll: unknown, input: unknown): Promise<unknown> {
  const { hub, rtModel } = rc.deps;
  // With many tasks finishing together, their continuations chain in one microtask run: give
  // the event loop (the host's UI) a turn when that run has held it for a slice.
  const busy = yieldIfBusy();
  if (busy) await busy;
  const label = inputLabel(input) ?? String(t.idx);
  hub.message(`\n==== Running input: ${label}`);

  const res = await runTaskStages(rc, t, beforeAll, input);

  const text = res.kind === 'ai' ? res.content : res.kind === 'output' && typeof res.value === 'string' ? res.value : undefined;
  if (text !== undefined) hub.message(`-> Agent Output:\n\n${text}\n`);
  hub.message(`==== DONE (input: ${label})`);

  let output: unknown = res.kind === 'ai' ? res.content : res.kind === 'output' ? res.value : undefined;
  const read = readDirective(output);
  if ('directive' in read) {
    const d = read.directive;
    if (d.kind !== 'Skip') throw new Error(wrongStageMessage(d.kind, 'Output'));
    // ⚠ The raw directive table stays the output; the task still ends Ok (§2.3).
    hub.infoShort(`Aipack Skip input at Output stage${d.reason ? ` (Reason: ${d.reason})` : ''}`);
  }
  if (output === null) output = undefined;
  rtModel.updateTaskOutput(t.taskId, output);
  return output;
}

async function runTaskStages(rc: RunCtx, t: StageTask, beforeAll: unknown, inputIn: unknown): Promise<TaskResult> {
  const { deps, runId } = rc;
  const { rtStep, rtModel, hub } = deps;
  const taskId = t.taskId;
  const recordErr = (stage: Stage, err: unknown) => {
    if (!rc.cancel.isCancelled()) rtModel.setTaskEndError(runId, taskId, stage, err);
  };

  // -- Data
  const runModelResolved = rc.agent.modelResolved;
  let agent: Agent = rc.agent;
  let input = inputIn;
  let data: unknown;
  let attachments: ReturnType<typeof parseAttachments> = [];
  let skip = false;
  rtStep.taskDataStart(runId, taskId);
  try {
    if (agent.dataScript) {
      const value = await runLuaStage(rc, 'Data', agent.dataScript, { input, before_all: beforeAll, options: optionsForLua(agent) }, t);
      const read = readDirective(value);
      if ('value' in read) data = read.value;
      else {
        const d = read.directive;
        if (d.kind === 'Skip') {
          rtModel.recSkipTask(runId, taskId, 'Data', d.reason);
          skip = true;
        } else if (d.kind === 'DataResponse') {
          const r = d.response;
          if (r.input !== undefined) input = r.input;
          data = r.data;
          attachments = parseAttachments(r.attachments);
          agent = agentWithOptions(agent, r.options);
        } else {
          throw new Error(wrongStageMessage(d.kind, 'Data'));
        }
      }
    }
  } catch (err) {
    recordErr('Data', err);
    rtStep.taskDataEnd(runId, taskId);
    throw err;
  }
  rtStep.taskDataEnd(runId, taskId);
  if (skip) {
    rtModel.setTaskEndStateToSkip(runId, taskId);
    return { kind: 'none' };
  }

  // -- AI
  rtStep.taskAiStart(runId, taskId);
  let ai: AiResponse | undefined;
  try {
    ai = await runAi(rc, t, agent, runModelResolved, { input, data, before_all: beforeAll }, attachments);
  } catch (err) {
    recordErr('Ai', err);
    throw err;
  }
  rtStep.taskAiEnd(runId, taskId);
  if (rc.base.dry === 'res') return { kind: 'none' };

  // -- Output
  rtStep.taskOutputStart(runId, taskId);
  let result: TaskResult;
  try {
    if (agent.outputScript) {
      const value = await runLuaStage(
        rc,
        'Output',
        agent.outputScript,
        { input, data, before_all: beforeAll, ai_response: ai, options: optionsForLua(agent) },
        t,
      );
      result = { kind: 'output', value };
    } else {
      result = { kind: 'ai', content: ai?.content };
    }
  } catch (err) {
    recordErr('Output', err);
    rtStep.taskOutputEnd(runId, taskId);
    throw err;
  }
  rtStep.taskOutputEnd(runId, taskId);
  void hub;
  return result;
}

async function runAi(
  rc: RunCtx,
  t: StageTask,
  agent: Agent,
  runModelResolved: string,
  scope: { input: unknown; data: unknown; before_all: unknown },
  attachments: ReturnType<typeof parseAttachments>,
): Promise<AiResponse | undefined> {
  const { deps, runId } = rc;
  const { rtStep, rtModel, hub } = deps;
  const taskId: Id = t.taskId;
  const messages = await buildChatMessages(agent, scope, attachments, (p) => deps.scriptEnv.resolvePath(p));

  if (rc.base.verbose) {
    hub.message('\n');
    for (const m of messages) hub.message(`-- ${m.role}:\n${messageText(m)}`);
  }
  if (rc.base.dry === 'req') return undefined;

  const model = agent.modelResolved;
  if (model !== runModelResolved) rtModel.updateTaskModelOv(runId, taskId, model);
  if (messages.length === 0) {
    hub.message('-! No instruction, skipping genai.');
    return undefined;
  }

  const promptSize = messages.reduce((n, m) => n + messageSize(m), 0);
  rtStep.taskAiGenStart(runId, taskId, promptSize);
  try {
    hub.message(`-> Sending rendered instruction to ${model} ...`);
    try {
      const r = resolveProvider(model);
      const p = modelPricing(r.provider.id, r.nameNoNs);
      if (p) {
        rtModel.updateTaskModelPricing(runId, taskId, {
          name: p.pricing_model,
          input_normal: p.pricing_input,
          input_cached: p.pricing_input_cached,
          output_normal: p.pricing_output,
        });
      }
    } catch {
      // Routing errors surface from the call itself, with the full message.
    }
    const cache = messages.some((m) => m.cache === true);
    const deltas = new DeltaBatcher((text) => hub.publish({ type: 'TaskAiDelta', runId, taskId, text }));
    const request = {
      model,
      messages,
      options: {
        temperature: agent.options.temperature,
        top_p: agent.options.top_p,
        prompt_cache_key: cache ? deps.sessionUid : undefined,
      },
      signal: rc.cancel.signal,
      host: deps.host,
      stream: deps.stream,
      onDelta: (text: string) => deltas.push(text),
    };
    let result;
    try {
      // Each attempt restarts the exchange the hosts show (a retry streams its answer anew).
      // An error that echoes the key is masked before any log, err row or host sees it.
      const key = await apiKeyFor(deps.host, model);
      // All attempts together get attempts × timeout + retries × max wait; a backoff wait ends when that is spent.
      const budget = new RetryBudget(deps.requestTimeoutMs, deps.retry, rc.cancel.signal);
      const attempt = () => {
        deltas.flush();
        hub.publish({ type: 'TaskAiRequest', runId, taskId, model, messages });
        return withRequestTimeout(model, budget.attemptMs(), rc.cancel.signal, (signal) => deps.execChat({ ...request, signal }), deps.requestTimeoutMs).catch(
          (err: unknown) => Promise.reject(redactKey(err, key)),
        );
      };
      try {
        result = await withRetry(attempt, deps.retry, budget.signal, (r) => {
          deps.rtLog.sysWarn(
            { runId, taskId, stage: 'Ai' },
            `AI request failed (attempt ${r.attempt} of ${r.of}), retrying in ${(r.delayMs / 1000).toFixed(1)} s: ${errorMessage(r.error)}`,
          );
        });
      } finally {
        budget.dispose();
      }
    } finally {
      deltas.flush();
    }
    hub.publish({
      type: 'TaskAiResponse',
      runId,
      taskId,
      info: result.response.info,
      content: result.response.content,
      reasoning: result.response.reasoning_content,
    });
    const u = result.response.usage;
    rtModel.updateTaskUsage(
      runId,
      taskId,
      {
        prompt_tokens: u.prompt_tokens,
        prompt_tokens_cached: u.prompt_tokens_details.cached_tokens,
        prompt_tokens_cache_creation: u.prompt_tokens_details.cache_creation_tokens,
        completion_tokens: u.completion_tokens,
        completion_tokens_reasoning: u.completion_tokens_details.reasoning_tokens,
      },
      result.providerModel,
    );
    if (result.price) {
      rtModel.updateTaskCost(runId, taskId, result.price.cost, result.price.cost_cache_write, result.price.cost_cache_saving);
    }
    if (rc.base.verbose) {
      hub.message(`\n-- AI Output (${result.response.info})\n\n${result.response.content ?? ''}\n`);
    }
    return result.response;
  } finally {
    rtStep.taskAiGenEnd(runId, taskId);
  }
}
