/**
 * What one run carries through its stages: the services it records to, its ids,
 * the CTX literals, the base options (dry/verbose/redo count) and its cancel token.
 */
import type { RuntimeLimits } from '../config/limits';
import type { Agent } from '../agent/types';
import type { ChatResult, ExecChatRequest } from '../ai/exec-chat';
import type { RetryPolicy } from '../ai/retry';
import type { CancelTrx } from '../cancel';
import { type AgentOptions, mergeOptions, resolveModel } from '../config/options';
import type { DirContext } from '../dir-context/dir-context';
import type { Host } from '../host';
import type { Hub } from '../hub';
import type { ModelManager } from '../model/model-manager';
import type { Id } from '../model/types';
import type { RtLog } from '../rt-log';
import type { RtModel } from '../rt-model';
import type { RtStep } from '../rt-step';
import type { RunScope } from '../runtime';
import type { ModuleCatalog, ScriptEnv } from '../script/catalog';

export type DryMode = 'req' | 'res';

/** Options of a top-level run that sub-agent runs never inherit (§2.11). */
export interface RunBaseOptions {
  dry?: DryMode;
  verbose?: boolean;
  /** `CTX.RUN_FLOW_REDO_COUNT` (§10.2). */
  redoCount?: number;
}

export interface RunAgentResponse {
  outputs?: unknown[];
  after_all?: unknown;
  redo_requested: boolean;
}

/** The services a run needs. The Runtime fills them; tests can substitute any of them. */
export interface RunDeps {
  host: Host;
  hub: Hub;
  mm: ModelManager;
  rtStep: RtStep;
  rtModel: RtModel;
  rtLog: RtLog;
  dirCtx: DirContext;
  sessionUid: string;
  /** Every `aip.*` module available to scripts (the run-bound ones are added per stage). */
  catalogs: ModuleCatalog[];
  /** The chat call (§9); `execChatFull` in production. */
  execChat: (req: ExecChatRequest) => Promise<ChatResult>;
  /** Find + parse + options cascade (§5.5, §4.1). */
  loadAgent: (name: string, opts: { baseDir?: string; overrides?: AgentOptions }) => Promise<Agent>;
  scriptEnv: ScriptEnv;
  /** Per-stage CPU budget for Lua (ms); none by default. */
  cpuBudgetMs?: number;
  /** Stream AI answers (progress events); the result is identical. */
  stream?: boolean;
  /** Retries of the AI call on 429 / 5xx / connection errors. */
  retry: RetryPolicy;
  /** Limit of one AI request attempt (ms); a timeout is retried like a dropped connection. */
  requestTimeoutMs?: number;
  /** The run's limits (config `[limits]`, env, host), refreshed at each run start. */
  limits?: RuntimeLimits;
  /** Set once the session is claimed and stale leftovers cleaned (first run of the runtime). */
  leftoversDone?: true;
}

export interface RunCtx {
  deps: RunDeps;
  agent: Agent;
  runId: Id;
  runUid: string;
  runNum: number;
  parentRunUid?: string;
  literals: Record<string, string>;
  base: RunBaseOptions;
  cancel: CancelTrx;
  /** The Runtime's scope of this run (sub-agents start through it). */
  scope?: RunScope;
  /** Agent names from the top-level run down to this one (sub-agent depth limit). */
  chain?: string[];
}

/** The agent with `overlay` merged over its options and its model re-resolved (§2.4, §2.5). */
export function agentWithOptions(agent: Agent, overlay: AgentOptions | undefined): Agent {
  if (!overlay || Object.keys(overlay).length === 0) return agent;
  const options = mergeOptions(agent.options, overlay);
  const model = options.model ?? agent.model;
  return { ...agent, options, model, modelResolved: resolveModel(model, options.model_aliases) };
}

/** `options` as Lua sees it (§2.2). */
export function optionsForLua(agent: Agent): Record<string, unknown> {
  const o = agent.options;
  const out: Record<string, unknown> = { model: agent.model, resolved_model: agent.modelResolved };
  if (o.temperature !== undefined) out.temperature = o.temperature;
  if (o.top_p !== undefined) out.top_p = o.top_p;
  if (o.input_concurrency !== undefined) out.input_concurrency = o.input_concurrency;
  if (o.allow_run_on_task_fail !== undefined) out.allow_run_on_task_fail = o.allow_run_on_task_fail;
  if (o.model_aliases !== undefined) out.model_aliases = o.model_aliases;
  return out;
}
