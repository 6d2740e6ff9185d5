/**
 * rtLog: log rows tied to their run, task and stage (system info/warn/error/
 * debug, agent prints, skips, RunStep milestones). Each row is also published
 * as a `Log` hub event; rows with a message go out as a console `Message`
 * too, as the original CLI prints them.
 */
import type { Hub } from './hub';
import { LogBmc, type Log } from './model/log';
import type { ModelManager } from './model/model-manager';
import type { Id, LogKind, RunStep, Stage } from './model/types';

export interface LogTarget {
  runId: Id;
  taskId?: Id;
  stage?: Stage;
}

export class RtLog {
  constructor(
    private readonly mm: ModelManager,
    private readonly hub: Hub,
  ) {}

  /** The core writer: one log row (+ events). Returns the log id. */
  recLog(runId: Id, taskId: Id | undefined, step: RunStep | undefined, stage: Stage | undefined, message: string | undefined, kind: LogKind | undefined): Id {
    const id = this.write({ run_id: runId, task_id: taskId ?? null, kind: kind ?? null, stage: stage ?? null, step: step ?? null, message: message ?? null });
    if (message !== undefined) this.hub.publish({ type: 'Message', text: message });
    return id;
  }

  /** A RunStep milestone row (message null, §6.4). */
  recStep(runId: Id, taskId: Id | undefined, step: RunStep): Id {
    return this.recLog(runId, taskId, step, undefined, undefined, 'RunStep');
  }

  // -- By stage (kind defaults to none, as the original's rec_log_* helpers)

  logRun(runId: Id, msg: string, kind?: LogKind): Id {
    return this.recLog(runId, undefined, undefined, undefined, msg, kind);
  }
  logBa(runId: Id, msg: string, kind?: LogKind): Id {
    return this.recLog(runId, undefined, undefined, 'BeforeAll', msg, kind);
  }
  logData(runId: Id, taskId: Id, msg: string, kind?: LogKind): Id {
    return this.recLog(runId, taskId, undefined, 'Data', msg, kind);
  }
  logAi(runId: Id, taskId: Id, msg: string, kind?: LogKind): Id {
    return this.recLog(runId, taskId, undefined, 'Ai', msg, kind);
  }
  logOutput(runId: Id, taskId: Id, msg: string, kind?: LogKind): Id {
    return this.recLog(runId, taskId, undefined, 'Output', msg, kind);
  }
  logAa(runId: Id, msg: string, kind?: LogKind): Id {
    return this.recLog(runId, undefined, undefined, 'AfterAll', msg, kind);
  }

  // -- By kind

  sysInfo(t: LogTarget, msg: string): Id {
    return this.recLog(t.runId, t.taskId, undefined, t.stage, msg, 'SysInfo');
  }
  sysWarn(t: LogTarget, msg: string): Id {
    return this.recLog(t.runId, t.taskId, undefined, t.stage, msg, 'SysWarn');
  }
  sysError(t: LogTarget, msg: string): Id {
    return this.recLog(t.runId, t.taskId, undefined, t.stage, msg, 'SysError');
  }
  sysDebug(t: LogTarget, msg: string): Id {
    return this.recLog(t.runId, t.taskId, undefined, t.stage, msg, 'SysDebug');
  }

  /** Lua `print` from a stage: an AgentPrint row and a `LuaPrint` event (not a console Message). */
  agentPrint(t: LogTarget, text: string): Id {
    const id = this.write({ run_id: t.runId, task_id: t.taskId ?? null, kind: 'AgentPrint', stage: t.stage ?? null, step: null, message: text });
    this.hub.publish({ type: 'LuaPrint', text, runId: t.runId, taskId: t.taskId, stage: t.stage });
    return id;
  }

  /** An AgentSkip row with the reason as message (no console line; rtModel.recSkip* prints it). */
  agentSkip(t: LogTarget, reason: string | undefined): Id {
    return this.write({ run_id: t.runId, task_id: t.taskId ?? null, kind: 'AgentSkip', stage: t.stage ?? null, step: null, message: reason ?? null });
  }

  /** Insert and publish the row as written, without reading it back (hot path). */
  private write(row: Omit<Log, 'id' | 'uid' | 'ctime' | 'mtime'>): Id {
    const log = LogBmc.insert(this.mm, row);
    this.hub.publish({ type: 'Log', log });
    return log.id;
  }
}
