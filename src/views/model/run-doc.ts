/**
 * The run detail document (read-only Markdown): agent, model(s), concurrency,
 * duration, cumulative task time, tokens, cost and cache savings, pins, the
 * per-task table, sub-agent runs and run-level logs.
 */
import { LogBmc } from '../../runtime/model/log';
import type { ModelManager } from '../../runtime/model/model-manager';
import { PinBmc } from '../../runtime/model/pin';
import { RunBmc } from '../../runtime/model/run';
import { TaskBmc } from '../../runtime/model/task';
import type { Id } from '../../runtime/model/types';
import { durationMs, firstLine, formatCost, formatDuration, formatInt } from './format';
import { fence, table } from './markdown';
import { agentDisplayName, errorInfo, modelChain, nodeState, stateText, taskLabel } from './node-view';
import { runModelAlias, runStats } from './run-stats';
import { type DocLinks, logLine, pinsBlock } from './task-doc';

export interface RunDocInput {
  mm: ModelManager;
  runId: Id;
  links?: DocLinks & { openTask?(taskId: Id): string | undefined };
  /** Rows of the task table at most (a 10,000-task run stays readable). */
  maxTaskRows?: number;
}

export function renderRunDoc(i: RunDocInput): string {
  const { mm } = i;
  const run = RunBmc.find(mm, i.runId);
  if (!run) return `# Run ${i.runId}\n\nThis run is no longer in the run database.\n`;
  const now = mm.now();
  const stats = runStats(mm, run.id);
  const state = nodeState(run);
  const agent = agentDisplayName(run);
  const out: string[] = [`# Run ${run.id} — ${agent}${run.label ? ` — ${run.label}` : ''}`];
  const ms = durationMs(run.start, run.end, now);

  const models = [modelChain(run.model, runModelAlias(mm, run.id)), ...stats.modelOverrides.map((m) => modelChain(m))].filter(Boolean);
  const rows: [string, string][] = [
    ['State', stateText(state)],
    ['Agent', run.agent_path ?? agent],
  ];
  if (run.parent_id !== null) rows.push(['Parent run', String(run.parent_id)]);
  if (models.length) rows.push([models.length > 1 ? 'Models' : 'Model', models.join(', ')]);
  if (run.concurrency !== null) rows.push(['Concurrency', String(run.concurrency)]);
  rows.push(['Tasks', `${stats.ended}/${stats.tasks} ended${stats.failed ? `, ${stats.failed} failed` : ''}${stats.running ? `, ${stats.running} running` : ''}`]);
  if (ms !== undefined) rows.push(['Duration', `${formatDuration(ms)}${run.end === null ? ' (running)' : ''}`]);
  rows.push(['Cumulative task time', formatDuration(stats.taskMs)]);
  rows.push([
    'Tokens',
    `${formatInt(stats.promptTokens)} prompt${stats.cachedTokens ? ` (${formatInt(stats.cachedTokens)} cached)` : ''}, ${formatInt(stats.completionTokens)} completion`,
  ]);
  rows.push(['Cost', formatCost(run.total_cost ?? stats.cost)]);
  if (stats.cacheSaving !== 0) rows.push(['Cache savings', formatCost(stats.cacheSaving)]);
  if (run.flow_redo_count) rows.push(['Flow redo count', String(run.flow_redo_count)]);
  if (run.end_skip_reason) rows.push(['Skip reason', run.end_skip_reason]);
  out.push(table(['', ''], rows));

  const err = run.end_state === 'Err' ? errorInfo(mm, run.end_err_id) : undefined;
  if (err) {
    const link = i.links?.openAgent(run.id, err.line);
    out.push('## Error', `${err.stage ? `Stage: **${err.stage}**` : ''}${link ? ` — [open ${run.agent_path ?? 'agent'}${err.line !== undefined ? `:${err.line}` : ''}](${link})` : ''}`, fence(err.message));
  }

  out.push('## Pins', pinsBlock(PinBmc.listForRun(mm, run.id)));

  const tasks = TaskBmc.listForRun(mm, run.id);
  const max = i.maxTaskRows ?? 2000;
  out.push(`## Tasks (${tasks.length})`);
  if (tasks.length === 0) out.push('_No tasks._');
  else {
    const taskRows = tasks.slice(0, max).map((t) => {
      const tms = durationMs(t.start, t.end, now);
      const tok = t.tk_prompt_total !== null || t.tk_completion_total !== null ? formatInt((t.tk_prompt_total ?? 0) + (t.tk_completion_total ?? 0)) : '';
      const e = t.end_state === 'Err' ? errorInfo(mm, t.end_err_id) : undefined;
      const result = e ? `⚠ ${firstLine(e.message, 80)}` : t.end_skip_reason ? `skipped: ${firstLine(t.end_skip_reason, 60)}` : t.output_short !== null ? firstLine(t.output_short, 60) : '';
      const link = i.links?.openTask?.(t.id);
      const label = taskLabel(t);
      return [t.idx ?? '', link ? `[${label.replace(/[[\]]/g, '')}](${link})` : label, stateText(nodeState(t)), tms !== undefined ? formatDuration(tms) : '', tok, t.cost !== null ? formatCost(t.cost) : '', result];
    });
    out.push(table(['#', 'Task', 'State', 'Duration', 'Tokens', 'Cost', 'Output / error'], taskRows));
    if (tasks.length > max) out.push(`_… and ${tasks.length - max} more tasks._`);
  }

  const subs = RunBmc.listChildren(mm, run.id);
  if (subs.length) {
    out.push(`## Sub-agent runs (${subs.length})`);
    out.push(
      subs
        .map((s) => {
          const link = i.links?.openRun?.(s.id);
          const name = `${s.agent_name ?? 'run'} (run ${s.id})`;
          return `- ${link ? `[${name}](${link})` : name} — ${stateText(nodeState(s))}`;
        })
        .join('\n'),
    );
  }

  const logs = LogBmc.list(mm, { run_id: run.id, task_id: null }).filter((l) => l.kind !== 'RunStep');
  out.push('## Run logs', logs.length ? fence(logs.map(logLine).join('\n')) : '_None._');
  return `${out.join('\n\n')}\n`;
}
