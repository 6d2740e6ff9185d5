/**
 * What a Runs tree row shows for a run or a task: label, description
 * (duration · tokens · cost, live while running), state icon in the Testing
 * view's codicons and colours, Markdown tooltip and the contextValue that
 * selects its inline actions. Pure: the provider turns this into a TreeItem.
 */
import { resolveProvider } from '../../runtime/ai/routing';
import { ErrBmc } from '../../runtime/model/err';
import type { ModelManager } from '../../runtime/model/model-manager';
import type { Run } from '../../runtime/model/run';
import type { Task } from '../../runtime/model/task';
import type { EndState, EpochUs, Stage } from '../../runtime/model/types';
import { errorLocation } from './error-location';
import { durationMs, firstLine, formatCost, formatDuration, formatInt, formatTokens, joinParts } from './format';
import { pinText } from './pins';
import type { RunStats } from './run-stats';

export type NodeState = 'queued' | 'running' | 'ok' | 'failed' | 'skipped' | 'cancelled';

export interface IconSpec {
  /** Codicon id, e.g. `loading~spin`. */
  id: string;
  /** Theme colour id, e.g. `testing.iconPassed`. */
  color?: string;
}

export const STATE_ICONS: Record<NodeState, IconSpec> = {
  queued: { id: 'circle-large-outline', color: 'testing.iconQueued' },
  running: { id: 'loading~spin' },
  ok: { id: 'pass', color: 'testing.iconPassed' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  skipped: { id: 'circle-slash', color: 'testing.iconSkipped' },
  cancelled: { id: 'circle-slash', color: 'testing.iconSkipped' },
};

export interface NodeView {
  label: string;
  description: string;
  tooltip: string;
  icon: IconSpec;
  state: NodeState;
  contextValue: 'run.running' | 'run.done' | 'task.running' | 'task.done' | 'folder' | 'failure';
}

interface StateRow {
  start: EpochUs | null;
  end: EpochUs | null;
  end_state: EndState | null;
}

/**
 * An Err/Skip end state is written before the end time, so it shows at once;
 * a row without an end state shows its progress.
 */
export function nodeState(row: StateRow): NodeState {
  switch (row.end_state) {
    case 'Ok':
      return row.end !== null ? 'ok' : 'running';
    case 'Err':
      return 'failed';
    case 'Skip':
      return 'skipped';
    case 'Cancel':
      return 'cancelled';
    default:
      if (row.end !== null) return 'ok';
      return row.start !== null ? 'running' : 'queued';
  }
}

const STATE_TEXT: Record<NodeState, string> = {
  queued: 'Waiting',
  running: 'Running',
  ok: 'Ok',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

export function stateText(s: NodeState): string {
  return STATE_TEXT[s];
}

/** `alias → model → provider` (only the steps that add something). */
export function modelChain(resolved: string | null | undefined, alias?: string, upstream?: string | null): string | undefined {
  if (!resolved) return undefined;
  const parts: string[] = [];
  if (alias && alias !== resolved) parts.push(`\`${alias}\``);
  parts.push(`\`${resolved}\``);
  if (upstream && upstream !== resolved) parts.push(`\`${upstream}\``);
  try {
    parts.push(resolveProvider(resolved).provider.id);
  } catch {
    // An unroutable model still shows its name.
  }
  return parts.join(' → ');
}

export interface ErrorInfo {
  message: string;
  stage: Stage | null;
  line?: number;
}

export function errorInfo(mm: ModelManager, errId: number | null): ErrorInfo | undefined {
  if (errId === null) return undefined;
  const err = ErrBmc.get(mm, errId);
  const message = err.content ?? '';
  return { message, stage: err.stage, line: errorLocation(message)?.line };
}

function errorMarkdown(e: ErrorInfo): string {
  const where = joinParts([e.stage ? `stage ${e.stage}` : undefined, e.line !== undefined ? `.aip line ${e.line}` : undefined]);
  return `**Error**${where ? ` (${where})` : ''}:\n\n\`\`\`text\n${e.message}\n\`\`\``;
}

function tokensOf(prompt: number | null, completion: number | null): number | undefined {
  if (prompt === null && completion === null) return undefined;
  return (prompt ?? 0) + (completion ?? 0);
}

// -- Runs

/** A pack ref as is; a file path by its file name (the tooltip has the path). */
export function agentDisplayName(run: Pick<Run, 'id' | 'agent_name' | 'agent_path'>): string {
  const name = run.agent_name ?? run.agent_path;
  if (!name) return `run ${run.id}`;
  if (/\.aip$/i.test(name) && /[\\/]/.test(name) && !name.includes('@')) return name.split(/[\\/]/).pop() as string;
  return name;
}

export interface RunViewInput {
  run: Run;
  stats: RunStats;
  now: EpochUs;
  alias?: string;
  error?: ErrorInfo;
  pins?: { iden: string; content: string | null }[];
}

export function runView(i: RunViewInput): NodeView {
  const { run, stats } = i;
  const state = nodeState(run);
  const ms = durationMs(run.start, run.end, i.now);
  const tokens = stats.promptTokens + stats.completionTokens;
  const cost = run.total_cost ?? stats.cost;
  const progress = stats.tasks > 0 ? `${stats.ended}/${stats.tasks}` : undefined;
  const pins = i.pins?.length ? `📌 ${i.pins.length}` : undefined;
  const description =
    state === 'failed' && i.error
      ? joinParts([firstLine(i.error.message, 60), ms !== undefined ? formatDuration(ms) : undefined])
      : joinParts([
          state === 'running' ? progress : undefined,
          state === 'skipped' ? `skipped${run.end_skip_reason ? `: ${firstLine(run.end_skip_reason, 40)}` : ''}` : undefined,
          stats.failed > 0 ? `${stats.failed} failed` : undefined,
          ms !== undefined ? formatDuration(ms) : undefined,
          tokens > 0 ? formatTokens(tokens) : undefined,
          cost > 0 ? formatCost(cost) : undefined,
          pins,
        ]);
  const agent = agentDisplayName(run);
  const label = run.label ? `${agent} — ${run.label}` : agent;

  const md: string[] = [`**${agent}** — ${stateText(state)}${run.parent_id !== null ? ' (sub-agent run)' : ''}`];
  if (run.label) md.push(`Label: ${run.label}`);
  const chain = modelChain(run.model, i.alias);
  if (chain) md.push(`Model: ${chain}${stats.modelOverrides.length ? ` (task overrides: ${stats.modelOverrides.map((m) => `\`${m}\``).join(', ')})` : ''}`);
  if (run.concurrency !== null) md.push(`Concurrency: ${run.concurrency}`);
  md.push(
    joinParts([
      `Tasks: ${stats.ended}/${stats.tasks}${stats.failed ? ` (${stats.failed} failed)` : ''}`,
      ms !== undefined ? `Duration: ${formatDuration(ms)}` : undefined,
      stats.taskMs > 0 ? `Task time: ${formatDuration(stats.taskMs)}` : undefined,
    ]),
  );
  if (tokens > 0) md.push(`Tokens: ${formatInt(stats.promptTokens)} prompt${stats.cachedTokens ? ` (${formatInt(stats.cachedTokens)} cached)` : ''} · ${formatInt(stats.completionTokens)} completion`);
  if (cost > 0 || stats.cacheSaving !== 0) md.push(joinParts([`Cost: ${formatCost(cost)}`, stats.cacheSaving !== 0 ? `cache savings: ${formatCost(stats.cacheSaving)}` : undefined]));
  if (run.end_skip_reason) md.push(`Skip reason: ${run.end_skip_reason}`);
  if (i.error) md.push(errorMarkdown(i.error));
  if (i.pins?.length) md.push(`Pins:\n${i.pins.map((p) => `- **${p.iden}**: ${firstLine(pinText(p.content), 100)}`).join('\n')}`);
  if (run.agent_path) md.push(`Agent: \`${run.agent_path}\``);

  return {
    label,
    description,
    tooltip: md.join('\n\n'),
    icon: STATE_ICONS[state],
    state,
    contextValue: run.end === null ? 'run.running' : 'run.done',
  };
}

// -- Tasks

export interface TaskViewInput {
  task: Task;
  /** The run's resolved model (the task's when it has no override). */
  runModel: string | null;
  now: EpochUs;
  alias?: string;
  error?: ErrorInfo;
  pinCount?: number;
  pins?: { iden: string; content: string | null }[];
}

export function taskLabel(task: Task): string {
  const shown = task.label ?? (task.input_short !== null ? inputLabel(task.input_short) : undefined);
  return shown ? shown : `Task ${task.idx ?? task.id}`;
}

const LABEL_KEYS = ['path', 'name', 'label', '_label'];

/**
 * A row label from the stored short input: for a JSON object its first string
 * `path`, `name`, `label` or `_label` (as the console labels inputs, §2.8),
 * else the text on one line.
 */
export function inputLabel(short: string): string {
  if (/^[[{]/.test(short)) {
    for (const key of LABEL_KEYS) {
      const m = new RegExp(`"${key}":\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(short);
      if (m) {
        try {
          return firstLine(JSON.parse(`"${m[1]}"`) as string, 60);
        } catch {
          return firstLine(m[1], 60);
        }
      }
    }
    return firstLine(short.replace(/\s+/g, ' '), 60);
  }
  return firstLine(short, 60);
}

export function taskView(i: TaskViewInput): NodeView {
  const { task } = i;
  const state = nodeState(task);
  const ms = durationMs(task.start, task.end, i.now);
  const tokens = tokensOf(task.tk_prompt_total, task.tk_completion_total);
  const pinCount = i.pins?.length ?? i.pinCount ?? 0;
  const pins = pinCount > 0 ? `📌 ${pinCount}` : undefined;
  const time = ms !== undefined ? formatDuration(ms) : undefined;
  let description: string;
  if (state === 'failed' && i.error) description = joinParts([firstLine(i.error.message, 60), time]);
  else if (state === 'skipped') description = joinParts(['skipped', task.end_skip_reason ? firstLine(task.end_skip_reason, 40) : undefined, time]);
  else description = joinParts([time, tokens !== undefined ? formatTokens(tokens) : undefined, task.cost !== null ? formatCost(task.cost) : undefined, pins]);

  const model = task.model_ov ?? i.runModel;
  const md: string[] = [`**Task ${task.idx ?? ''}** — ${stateText(state)}${task.label ? ` — ${task.label}` : ''}`];
  if (task.input_short !== null) md.push(`Input: \`${firstLine(task.input_short, 80).replace(/`/g, "'")}\``);
  const chain = modelChain(model, task.model_ov ? undefined : i.alias, task.model_upstream);
  if (chain) md.push(`Model: ${chain}`);
  if (time) md.push(`Duration: ${time}`);
  if (tokens !== undefined) {
    md.push(
      `Tokens: ${formatInt(task.tk_prompt_total ?? 0)} prompt${task.tk_prompt_cached ? ` (${formatInt(task.tk_prompt_cached)} cached)` : ''} · ${formatInt(task.tk_completion_total ?? 0)} completion${task.tk_completion_reasoning ? ` (${formatInt(task.tk_completion_reasoning)} reasoning)` : ''}`,
    );
  }
  if (task.cost !== null) md.push(joinParts([`Cost: ${formatCost(task.cost)}`, task.cost_cache_saving ? `cache savings: ${formatCost(task.cost_cache_saving)}` : undefined]));
  if (task.end_skip_reason) md.push(`Skip reason: ${task.end_skip_reason}`);
  if (i.error) md.push(errorMarkdown(i.error));
  if (i.pins?.length) md.push(`Pins:\n${i.pins.map((p) => `- **${p.iden}**: ${firstLine(pinText(p.content), 100)}`).join('\n')}`);
  if (task.output_short !== null) md.push(`Output: \`${firstLine(task.output_short, 80).replace(/`/g, "'")}\``);

  return {
    label: taskLabel(task),
    description,
    tooltip: md.join('\n\n'),
    icon: STATE_ICONS[state],
    state,
    contextValue: task.end === null ? 'task.running' : 'task.done',
  };
}
