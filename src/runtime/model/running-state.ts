/**
 * RunningState derivation (§6.3) for runs, tasks and work rows, and the task
 * sub-states the views draw (data stage, AI stage).
 */
import type { EndState, EpochUs, RunningState } from './types';

interface Timed {
  start: EpochUs | null;
  end: EpochUs | null;
  end_state: EndState | null;
}

/** `end` set ⇒ Ended(end_state); else `start` set ⇒ Running; else Waiting. */
export function runningState(row: Timed): RunningState {
  if (row.end !== null && row.end !== undefined) return { kind: 'Ended', endState: row.end_state ?? null };
  if (row.start !== null && row.start !== undefined) return { kind: 'Running' };
  return { kind: 'Waiting' };
}

interface TaskTimes {
  data_start: EpochUs | null;
  data_end: EpochUs | null;
  ai_start: EpochUs | null;
  ai_end: EpochUs | null;
  ai_gen_start: EpochUs | null;
  ai_gen_end: EpochUs | null;
  end_state: EndState | null;
}

const has = (v: unknown) => v !== null && v !== undefined;

export function taskDataState(t: TaskTimes): RunningState {
  if (has(t.data_end)) return { kind: 'Ended', endState: t.end_state ?? null };
  if (has(t.data_start)) return { kind: 'Running' };
  return has(t.end_state) ? { kind: 'NotScheduled' } : { kind: 'Waiting' };
}

export function taskAiState(t: TaskTimes): RunningState {
  const aiDone = has(t.ai_start) && has(t.ai_end);
  const ended = has(t.end_state);
  const genStart = has(t.ai_gen_start);
  const genEnd = has(t.ai_gen_end);
  // An ended task whose generation never finished was cut off: the request was cancelled.
  if (ended && genStart && !genEnd) return { kind: 'Ended', endState: 'Cancel' };
  if (!ended && genStart && !genEnd) return { kind: 'Running' };
  if (aiDone && genStart && genEnd) return { kind: 'Ended', endState: 'Ok' };
  // Generation finished but the AI stage did not: the response handling failed.
  if (!aiDone && genStart && genEnd) return { kind: 'Ended', endState: 'Err' };
  if (aiDone && !genStart && !genEnd) return { kind: 'NotScheduled' };
  return { kind: 'Unknown' };
}

/** Short label for a state, e.g. `Ended(Ok)`, `Running`. */
export function runningStateLabel(s: RunningState): string {
  return s.kind === 'Ended' ? `Ended(${s.endState ?? 'None'})` : s.kind;
}
