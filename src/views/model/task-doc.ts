/**
 * The task detail document (read-only Markdown): input, data stage, the
 * messages as sent, the AI response with its info line (streamed text while it
 * arrives), output, error with stage and `.aip` line, prints and logs, pins.
 * The run database keeps no data value nor rendered prompt: those sections say
 * so unless the AiExchangeStore recorded the exchange.
 */
import { messageText, type ChatMessage } from '../../runtime/ai/messages';
import { InoutBmc } from '../../runtime/model/inout';
import { LogBmc, type Log } from '../../runtime/model/log';
import type { ModelManager } from '../../runtime/model/model-manager';
import { PinBmc, type PinWithContent } from '../../runtime/model/pin';
import { RunBmc } from '../../runtime/model/run';
import { TaskBmc, type Task } from '../../runtime/model/task';
import type { EpochUs, Id } from '../../runtime/model/types';
import type { AiExchange } from './ai-exchange-store';
import { durationMs, formatCost, formatDuration, formatInt, joinParts } from './format';
import { code, fence } from './markdown';
import { agentDisplayName, errorInfo, modelChain, nodeState, stateText, taskLabel } from './node-view';
import { pinText } from './pins';
import { runModelAlias } from './run-stats';

export interface DocLinks {
  /** A link target that opens the run's agent (at a 1-based line). */
  openAgent(runId: Id, line?: number): string | undefined;
  /** A link target that opens the run document. */
  openRun?(runId: Id): string | undefined;
}

export interface TaskDocInput {
  mm: ModelManager;
  taskId: Id;
  exchange?: AiExchange;
  links?: DocLinks;
  /** Only the prompt section (the "Open Prompt" action). */
  promptOnly?: boolean;
}

export function renderTaskDoc(i: TaskDocInput): string {
  const { mm } = i;
  const task = TaskBmc.find(mm, i.taskId);
  if (!task) return `# Task ${i.taskId}\n\nThis task is no longer in the run database.\n`;
  const run = RunBmc.get(mm, task.run_id);
  const now = mm.now();
  const state = nodeState(task);
  const alias = runModelAlias(mm, run.id);
  const out: string[] = [];
  const agent = agentDisplayName(run);
  out.push(`# Task ${task.idx ?? task.id} — ${taskLabel(task)}`);
  const runRef = i.links?.openRun?.(run.id);
  out.push(
    joinParts([
      `**${stateText(state)}**`,
      runRef ? `[${agent} (run ${run.id})](${runRef})` : `${agent} (run ${run.id})`,
      timeOf(task.start, task.end, now),
    ]),
  );
  if (i.promptOnly) {
    out.push(promptSection(task, i.exchange));
    return `${out.join('\n\n')}\n`;
  }
  const chain = modelChain(task.model_ov ?? run.model, task.model_ov ? undefined : alias, task.model_upstream);
  if (chain) out.push(`Model: ${chain}`);
  if (task.label) out.push(`Label: ${task.label}`);

  out.push('## Input', contentBlock(mm, task.input_uid, TaskBmc.inputForDisplay(mm, task)) ?? '_No input._');

  out.push('## Data');
  const dataTime = timeOf(task.data_start, task.data_end, now);
  const dataLogs = LogBmc.listForTask(mm, task.id).filter((l) => l.stage === 'Data' && l.kind !== 'RunStep');
  out.push(
    task.data_start === null
      ? '_The Data stage has not run._'
      : `Data stage ${task.data_end === null ? 'running' : 'ran'} (${dataTime ?? '?'}). The data value is not stored in the run database${dataLogs.length ? '; its prints are under Prints and logs' : ''}.`,
  );

  out.push(promptSection(task, i.exchange));
  out.push(responseSection(task, i.exchange, now));

  out.push('## Output', contentBlock(mm, task.output_uid, TaskBmc.outputForDisplay(mm, task)) ?? (task.end === null ? '_Not yet._' : '_No output._'));

  if (task.end_state === 'Skip' || task.end_skip_reason) out.push('## Skipped', task.end_skip_reason ? `Reason: ${task.end_skip_reason}` : 'No reason given.');

  const err = task.end_state === 'Err' ? errorInfo(mm, task.end_err_id) : undefined;
  if (err) {
    const link = i.links?.openAgent(run.id, err.line);
    const where = joinParts([err.stage ? `Stage: **${err.stage}**` : undefined, err.line !== undefined ? `line ${err.line}` : undefined]);
    out.push('## Error', where + (link ? ` — [open ${run.agent_path ?? 'agent'}${err.line !== undefined ? `:${err.line}` : ''}](${link})` : ''), fence(err.message));
  }

  const logs = LogBmc.listForTask(mm, task.id).filter((l) => l.kind !== 'RunStep');
  out.push('## Prints and logs', logs.length ? fence(logs.map(logLine).join('\n')) : '_None._');

  out.push('## Pins', pinsBlock(PinBmc.listForTask(mm, task.id)));
  return `${out.join('\n\n')}\n`;
}

function timeOf(start: EpochUs | null, end: EpochUs | null, now: EpochUs): string | undefined {
  const ms = durationMs(start, end, now);
  return ms === undefined ? undefined : `${formatDuration(ms)}${end === null ? ' (running)' : ''}`;
}

/** Full TypedContent: JSON fenced as json, text as text. */
function contentBlock(mm: ModelManager, uid: string | null, shown: string | undefined): string | undefined {
  if (shown === undefined) return undefined;
  const typ = uid ? InoutBmc.findByUid(mm, uid)?.typ : undefined;
  const looksJson = typ === 'Json' || (typ === undefined && /^[[{]/.test(shown.trim()) && isJson(shown));
  return fence(shown, looksJson ? 'json' : 'text');
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function promptSection(task: Task, ex: AiExchange | undefined): string {
  const head = '## Prompt (messages as sent)';
  if (ex?.messages) {
    const parts = [head, ex.model ? `Model: ${code(ex.model)}` : ''];
    for (const m of ex.messages) parts.push(`### ${m.role}${m.cache ? ' (cache)' : ''}`, messageBlock(m));
    return parts.filter((p) => p !== '').join('\n\n');
  }
  if (task.ai_gen_start !== null) {
    return `${head}\n\n_The messages of this task were not recorded (the runtime does not store them)._${task.prompt_size !== null ? ` Prompt size: ${formatInt(task.prompt_size)} bytes.` : ''}`;
  }
  return `${head}\n\n_${task.ai_start !== null && task.ai_end !== null ? 'No AI request (no instruction).' : 'Not sent yet.'}_`;
}

function messageBlock(m: ChatMessage): string {
  if (typeof m.content === 'string') return fence(m.content);
  const lines: string[] = [];
  for (const p of m.content) {
    if (p.type === 'text') lines.push(fence(p.text));
    else lines.push(`_Attachment_ ${code(p.name ?? p.mime)} (${p.mime}, ${formatInt(p.base64.length)} base64 chars)`);
  }
  return lines.join('\n\n') || fence(messageText(m));
}

function responseSection(task: Task, ex: AiExchange | undefined, now: EpochUs): string {
  const parts = ['## AI response'];
  if (ex?.info) parts.push(code(ex.info));
  else {
    const tokens =
      task.tk_prompt_total !== null || task.tk_completion_total !== null
        ? `Prompt Tokens: ${formatInt(task.tk_prompt_total ?? 0)} | Completion Tokens: ${formatInt(task.tk_completion_total ?? 0)}`
        : undefined;
    const line = joinParts([
      timeOf(task.ai_gen_start, task.ai_gen_end, now),
      task.cost !== null ? `~$${Number(task.cost.toPrecision(4))}` : undefined,
      tokens,
      task.model_upstream ? `Model: ${task.model_upstream}` : undefined,
    ]);
    if (line) parts.push(code(line.replace(/ · /g, ' | ')));
  }
  if (ex?.reasoning) parts.push('### Reasoning', fence(ex.reasoning));
  if (ex && (ex.text || !ex.done)) parts.push(fence(ex.text + (ex.done ? '' : ' …')));
  if (ex?.error) parts.push(`AI call failed: ${ex.error}`);
  if (!ex && task.ai_gen_start === null) parts.push('_No response yet._');
  else if (!ex) parts.push('_The response text was not recorded; the output below is what the task kept._');
  return parts.join('\n\n');
}

export function logLine(l: Log): string {
  const kind = l.kind === 'AgentPrint' ? 'print' : l.kind === 'AgentSkip' ? 'skip' : (l.kind ?? 'log').replace(/^Sys/, '').toLowerCase();
  return `[${joinParts([l.stage ?? undefined, kind])}] ${l.message ?? ''}`;
}

export function pinsBlock(pins: PinWithContent[]): string {
  if (pins.length === 0) return '_None._';
  return pins.map((p) => `- **${p.iden}**${p.priority !== null ? ` (priority ${p.priority})` : ''}: ${pinContent(p.content)}`).join('\n');
}

function pinContent(content: string | null): string {
  const text = pinText(content);
  if (text === '') return '_empty_';
  return text.includes('\n') ? `\n\n${fence(text)}` : text;
}
