/**
 * Which `aip.*` calls are valid in which stage. Two sources, both the
 * runtime's own:
 * - the run-bound functions (`aip.task.*`, `aip.run.*`, `aip.agent.*`) are
 *   asked directly: each catalog impl is called once with a stand-in run
 *   binding outside a task (as Before All / After All have), and the ones that
 *   throw are task-only, with the runtime's own message;
 * - the flow directives are plain values whose meaning the pipeline decides
 *   per stage (§2.3): that table is below.
 * Nothing of an agent is run; the stand-in binding does nothing.
 */
import type { CallContext, CatalogEntry, RunBinding } from '../runtime/script/catalog';
import { RUN_BOUND_CATALOGS } from '../runtime/script/aip/index';
import type { LuaStage } from './aip-doc';

export interface StageRule {
  /** Stages where the call does what it says. */
  stages: readonly LuaStage[];
  /** Why it does not elsewhere. */
  message: string;
  /** Error when the runtime fails there, warning when it silently ignores the value. */
  severity: (stage: LuaStage) => 'error' | 'warning';
}

const ALL: readonly LuaStage[] = ['BeforeAll', 'Data', 'Output', 'AfterAll'];

/** §2.3: what each stage does with a returned directive. After All ignores all but redo. */
const FLOW_RULES: Record<string, StageRule> = {
  before_all_response: {
    stages: ['BeforeAll'],
    message: "'aip.flow.before_all_response' is only understood when returned from # Before All",
    severity: (s) => (s === 'AfterAll' ? 'warning' : 'error'),
  },
  data_response: {
    stages: ['Data'],
    message: "'aip.flow.data_response' is only understood when returned from # Data",
    severity: (s) => (s === 'AfterAll' ? 'warning' : 'error'),
  },
  redo_run: {
    stages: ['BeforeAll', 'AfterAll'],
    message: "'aip.flow.redo_run' is only allowed in # Before All and # After All",
    severity: () => 'error',
  },
  skip: {
    stages: ['BeforeAll', 'Data'],
    message: "'aip.flow.skip' skips the run (from # Before All) or the task (from # Data); elsewhere the directive is kept as a plain value",
    severity: () => 'warning',
  },
};

let probed: Promise<Map<string, StageRule>> | undefined;

/** Rules keyed `module.name`; computed once. */
export function stageRules(): Promise<Map<string, StageRule>> {
  probed ??= probe();
  return probed;
}

async function probe(): Promise<Map<string, StageRule>> {
  const rules = new Map<string, StageRule>();
  for (const [name, rule] of Object.entries(FLOW_RULES)) rules.set(`flow.${name}`, rule);
  const done = async () => undefined;
  const binding = (inTask: boolean): RunBinding => ({
    stage: inTask ? 'Data' : 'BeforeAll',
    inTask,
    runAgent: async () => ({ redo_requested: false }),
    setRunLabel: done,
    setTaskLabel: done,
    pinRun: done,
    pinTask: done,
  });
  /** The error a call raises with plausible arguments, or undefined when it goes through. */
  const attempt = async (module: string, entry: CatalogEntry, inTask: boolean): Promise<string | undefined> => {
    const call: CallContext = {
      fnName: `aip.${module}.${entry.name}`,
      host: {} as CallContext['host'],
      signal: new AbortController().signal,
      run: binding(inTask),
    };
    try {
      await entry.impl(call, 'probe', 'probe');
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
  };
  for (const cat of RUN_BOUND_CATALOGS) {
    for (const entry of cat.entries) {
      // Task-only: fails outside a task, works inside one (an argument error fails in both and says nothing).
      const outside = await attempt(cat.module, entry, false);
      if (outside === undefined || (await attempt(cat.module, entry, true)) !== undefined) continue;
      rules.set(`${cat.module}.${entry.name}`, { stages: ['Data', 'Output'], message: outside, severity: () => 'error' });
    }
  }
  return rules;
}

export { ALL as ALL_STAGES };
