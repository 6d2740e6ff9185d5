/**
 * The `CTX` global (§3): literals computed once per run from the directory context
 * and the agent, then the run/task ids and the stage added per stage execution.
 */
import * as path from 'node:path';
import type { Agent } from '../agent/types';
import { AIPACK_VERSION } from '../version';

export interface CtxDirs {
  /** Process (or host) current dir, absolute. */
  pwd: string;
  sessionUid: string;
  workspaceDir?: string;
  aipackWksDir?: string;
  baseDir: string;
  /** `<wks>/.aipack/.session/<uid>/tmp` when there is a workspace. */
  tmpDir?: string;
}

export interface CtxIds {
  runUid: string;
  runNum: number;
  parentRunUid?: string;
  taskUid?: string;
  /** `idx + 1` */
  taskNum?: number;
  stage: 'BeforeAll' | 'Data' | 'Output' | 'AfterAll';
  redoCount: number;
}

/** The literal part of CTX (strings only), in the original's order. */
export function ctxLiterals(dirs: CtxDirs, agent: Agent): Record<string, string> {
  const out: Record<string, string> = {};
  out.PWD = dirs.pwd;
  out.SESSION_UID = dirs.sessionUid;
  if (dirs.tmpDir) out.TMP_DIR = dirs.tmpDir;
  out.AIPACK_VERSION = AIPACK_VERSION;
  const ref = agent.agentRef;
  if (ref.kind === 'PackRef') {
    const identity = `${ref.namespace}@${ref.name}`;
    out.PACK_NAMESPACE = ref.namespace;
    out.PACK_NAME = ref.name;
    if (ref.subPath) out.PACK_SUB_PATH = ref.subPath;
    out.PACK_REF = ref.subPath ? `${identity}/${ref.subPath}` : identity;
    out.PACK_IDENTITY = identity;
    out.PACK_DIR = ref.packDir;
    if (dirs.aipackWksDir) out.PACK_WORKSPACE_SUPPORT_DIR = path.join(dirs.aipackWksDir, 'support', 'pack', ref.namespace, ref.name);
    out.PACK_BASE_SUPPORT_DIR = path.join(dirs.baseDir, 'support', 'pack', ref.namespace, ref.name);
  }
  if (dirs.workspaceDir) out.WORKSPACE_DIR = dirs.workspaceDir;
  if (dirs.aipackWksDir) out.WORKSPACE_AIPACK_DIR = dirs.aipackWksDir;
  out.BASE_AIPACK_DIR = dirs.baseDir;
  out.AGENT_NAME = agent.name;
  out.AGENT_FILE_NAME = agent.fileName;
  out.AGENT_FILE_PATH = agent.filePath;
  out.AGENT_FILE_DIR = agent.fileDir;
  out.AGENT_FILE_STEM = path.parse(agent.fileName).name;
  return out;
}

/**
 * Full CTX for one stage execution. ⚠ The original gives `RUN_FLOW_REDO_COUNT` as a
 * string in Data/Output; the spec's port decision is an integer everywhere.
 */
export function buildCtx(literals: Record<string, string>, ids: CtxIds): Record<string, unknown> {
  const ctx: Record<string, unknown> = { ...literals };
  ctx.RUN_UID = ids.runUid;
  ctx.RUN_NUM = ids.runNum;
  if (ids.parentRunUid) ctx.PARENT_RUN_UID = ids.parentRunUid;
  if (ids.taskUid) ctx.TASK_UID = ids.taskUid;
  if (ids.taskNum !== undefined) ctx.TASK_NUM = ids.taskNum;
  ctx.STAGE = ids.stage;
  ctx.RUN_FLOW_REDO_COUNT = ids.redoCount;
  return ctx;
}
