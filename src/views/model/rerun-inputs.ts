/**
 * Inputs for "Rerun" of a run from the tree. The inputs a run was started
 * with are remembered when the host tells us (`InputsMemo.remember`); when it
 * did not, they are rebuilt from the task rows (TypedContent, §6.5) — exact
 * unless a Before All reshaped them (then the tasks hold the reshaped inputs).
 */
import { InoutBmc } from '../../runtime/model/inout';
import type { ModelManager } from '../../runtime/model/model-manager';
import { RunBmc } from '../../runtime/model/run';
import { TaskBmc, type Task } from '../../runtime/model/task';
import type { Id } from '../../runtime/model/types';

export interface RerunPlan {
  agentRef: string;
  inputs: unknown[] | undefined;
  /** Where the inputs came from. */
  source: 'remembered' | 'tasks' | 'none';
  /** Set when the rebuilt inputs may differ from the original ones. */
  warning?: string;
}

export class InputsMemo {
  private readonly byRun = new WeakMap<object, Map<Id, unknown[] | undefined>>();

  remember(runtime: object, runId: Id, inputs: unknown[] | undefined): void {
    let m = this.byRun.get(runtime);
    if (!m) this.byRun.set(runtime, (m = new Map()));
    m.set(runId, inputs);
    if (m.size > 500) m.delete(m.keys().next().value as Id);
  }

  get(runtime: object, runId: Id): { inputs: unknown[] | undefined } | undefined {
    const m = this.byRun.get(runtime);
    return m?.has(runId) ? { inputs: m.get(runId) } : undefined;
  }
}

/** The stored value of a task input: JSON values parsed back, text as text. */
export function taskInputValue(mm: ModelManager, task: Task): unknown {
  if (task.input_uid) {
    const inout = InoutBmc.findByUid(mm, task.input_uid);
    if (inout?.content !== undefined && inout?.content !== null) {
      if (inout.typ === 'Json') {
        try {
          return JSON.parse(inout.content);
        } catch {
          return inout.content;
        }
      }
      return inout.content;
    }
  }
  if (task.input_short === null) return null;
  // A short JSON value is stored pretty-printed; text equal to that exact form is taken as JSON.
  const s = task.input_short;
  try {
    const v = JSON.parse(s) as unknown;
    if (v !== null && typeof v === 'object' && JSON.stringify(v, null, 2) === s) return v;
  } catch {
    // Plain text.
  }
  return s;
}

export function rerunPlan(mm: ModelManager, runtime: object, runId: Id, memo?: InputsMemo): RerunPlan {
  const run = RunBmc.get(mm, runId);
  const agentRef = run.agent_name ?? run.agent_path;
  if (!agentRef) throw new Error(`Run ${runId} has no agent to rerun`);
  const remembered = memo?.get(runtime, runId);
  if (remembered) return { agentRef, inputs: remembered.inputs, source: 'remembered' };
  const tasks = TaskBmc.listForRun(mm, runId);
  if (tasks.length === 0) return { agentRef, inputs: undefined, source: 'none' };
  const inputs = tasks.map((t) => taskInputValue(mm, t));
  const onlyNull = inputs.length === 1 && inputs[0] === null;
  return {
    agentRef,
    inputs: onlyNull ? undefined : inputs,
    source: 'tasks',
    warning: 'Rerun with the inputs the tasks received (a Before All may have reshaped the original ones).',
  };
}
