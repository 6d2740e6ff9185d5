/**
 * Pins at the end of `aip run` (§10.3): the way packs talk to the user ("Action Needed: …",
 * a changed-files summary). Printed like aipack's run and task views: each pin as its label
 * followed by its content, run pins first, then each task's (named by its label or its input's
 * `_display`), then those of sub-agent runs; each list in pin order (priority, then creation).
 */
import type { ModelManager } from '../runtime/model/model-manager';
import { PinBmc, type PinWithContent } from '../runtime/model/pin';
import { RunBmc } from '../runtime/model/run';
import { TaskBmc } from '../runtime/model/task';
import type { Id } from '../runtime/model/types';
import { inputLabel } from '../runtime/run/task';

/** `{label, content}` of a stored pin; text that is not a Marker is shown under the default label. */
export function pinMarker(content: string | null): { label: string; content: string } {
  if (content === null) return { label: 'Pin:', content: 'No Content' };
  try {
    const v = JSON.parse(content) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return { label: typeof o.label === 'string' ? o.label : 'Pin:', content: typeof o.content === 'string' ? o.content : 'No Content' };
    }
  } catch {
    // Not JSON: plain text.
  }
  return { label: 'Pin:', content };
}

/** Label then content; further content lines are aligned under the first one. */
function pinBlock(p: PinWithContent, indent: string): string[] {
  const m = pinMarker(p.content);
  const lines = m.content.replace(/\s+$/, '').split(/\r?\n/);
  const pad = ' '.repeat(m.label.length + 1);
  return lines.map((l, i) => (i === 0 ? `${indent}${m.label} ${l}` : `${indent}${pad}${l}`).replace(/\s+$/, ''));
}

/** How a task is named: its label, else its input's `_display` or text, else a field that names it (as the console does). */
function taskName(mm: ModelManager, taskId: Id): string {
  const t = TaskBmc.get(mm, taskId);
  const label = t.label ?? inputText(TaskBmc.inputForDisplay(mm, t) ?? '');
  const first = label.split(/\r?\n/, 1)[0];
  const short = first.length > 80 ? `${first.slice(0, 79)}…` : first;
  return `task ${(t.idx ?? 0) + 1}${short ? ` (${short})` : ''}`;
}

/** A table input without `_display` is stored as JSON: name it by `path`/`name`/`label`, else one line of it. */
function inputText(display: string): string {
  const d = display.trim();
  if (!d.startsWith('{') && !d.startsWith('[')) return display;
  try {
    const named = inputLabel(JSON.parse(d));
    if (named !== undefined) return named;
  } catch {
    // Not JSON after all.
  }
  return d.replace(/\s*\n\s*/g, ' ');
}

/** The lines to print for a run and its sub-agent runs; empty when nobody pinned anything. */
export function runPinLines(mm: ModelManager, runId: Id): string[] {
  const out: string[] = [];
  const runs: Id[] = [runId];
  for (let i = 0; i < runs.length; i++) for (const c of RunBmc.listChildren(mm, runs[i])) runs.push(c.id);
  for (const id of runs) {
    const run = RunBmc.get(mm, id);
    const whose = id === runId ? '' : ` of sub-agent ${run.agent_name ?? `run ${id}`}`;
    const runPins = PinBmc.listForRun(mm, id);
    if (runPins.length > 0) {
      out.push(`Pins${whose}:`);
      for (const p of runPins) out.push(...pinBlock(p, '  '));
    }
    for (const t of TaskBmc.listForRun(mm, id)) {
      const pins = PinBmc.listForTask(mm, t.id);
      if (pins.length === 0) continue;
      out.push(`Pins of ${taskName(mm, t.id)}${whose}:`);
      for (const p of pins) out.push(...pinBlock(p, '  '));
    }
  }
  return out;
}
