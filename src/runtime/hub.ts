/**
 * The Hub (§7.3): a typed event bus between the runtime and its hosts. The
 * runtime publishes; hosts subscribe. Delivery is synchronous and in order,
 * but a listener can never hurt a run: a throw (or a rejected promise) is
 * reported to `onListenerError` and ignored, and async listeners are never awaited.
 */
import type { ChatMessage } from './ai/messages';
import type { Log } from './model/log';
import type { EndState, Id, ModelEvent, Stage } from './model/types';

export type ExecStatus = 'StartExec' | 'RunStart' | 'RunEnd' | 'EndExec';

export type HubEvent =
  /** Console lines as the original CLI prints them (run banners, skips, log messages). */
  | { type: 'Message'; text: string }
  /** Short notices, e.g. "Agent currently running, wait until done." */
  | { type: 'InfoShort'; text: string }
  /** A failure surfaced to the user (already stored in `err`/`log` when it belongs to a run). */
  | {
      type: 'Error';
      message: string;
      error?: unknown;
      runId?: Id;
      taskId?: Id;
      stage?: Stage;
      /** Set when a run could not start (agent not found or not loadable): there is no run row. */
      agentRef?: string;
      parentRunId?: Id;
    }
  /** Executor lifecycle (§7.2). */
  | { type: 'Executor'; status: ExecStatus }
  /** Lua `print` (also stored as an AgentPrint log row). */
  | { type: 'LuaPrint'; text: string; runId?: Id; taskId?: Id; stage?: Stage }
  /** A DB change (§6.1). */
  | { type: 'Model'; event: ModelEvent }
  /** A log row was written (every rtLog/rtStep row, structured). */
  | { type: 'Log'; log: Log }
  /** A run row got its `start` (top-level or sub-agent). */
  | { type: 'RunStarted'; runId: Id; parentRunId?: Id }
  /** A run row got its `end`. */
  | { type: 'RunEnded'; runId: Id; parentRunId?: Id; endState: EndState | null }
  /** The messages of a task's AI call, as sent (the DB does not keep them). */
  | { type: 'TaskAiRequest'; runId: Id; taskId: Id; model: string; messages: ChatMessage[] }
  /** Streamed answer text since the previous delta (batched, a few per second per task). */
  | { type: 'TaskAiDelta'; runId: Id; taskId: Id; text: string }
  /** The task's AI answer is complete. */
  | { type: 'TaskAiResponse'; runId: Id; taskId: Id; info: string; content?: string; reasoning?: string }
  /** "Refresh from DB" ping (e.g. a work row awaits confirmation). */
  | { type: 'RtModelChange' }
  /** Watch mode asks for a redo. */
  | { type: 'DoExecRedo' }
  | { type: 'Quit' };

export type HubEventType = HubEvent['type'];
export type HubEventOf<T extends HubEventType> = Extract<HubEvent, { type: T }>;
export type HubListener<E = HubEvent> = (event: E) => void | Promise<void>;

export interface HubOptions {
  /** Where listener failures go; defaults to `console.error`. */
  onListenerError?: (error: unknown, event: HubEvent) => void;
}

export class Hub {
  private listeners: HubListener[] = [];
  private readonly onListenerError: (error: unknown, event: HubEvent) => void;

  constructor(opts: HubOptions = {}) {
    this.onListenerError =
      opts.onListenerError ?? ((error, event) => console.error(`[aipack] hub listener failed on '${event.type}':`, error));
  }

  /** Receive every event. Returns the unsubscribe function. */
  subscribe(listener: HubListener): () => void {
    // Copy-on-write: a publish in progress keeps iterating its own snapshot.
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Receive events of one type. Returns the unsubscribe function. */
  on<T extends HubEventType>(type: T, listener: HubListener<HubEventOf<T>>): () => void {
    return this.subscribe((e) => (e.type === type ? listener(e as HubEventOf<T>) : undefined));
  }

  publish(event: HubEvent): void {
    for (const listener of this.listeners) {
      try {
        const r = listener(event);
        if (r && typeof (r as Promise<void>).then === 'function') {
          (r as Promise<void>).then(undefined, (err) => this.report(err, event));
        }
      } catch (err) {
        this.report(err, event);
      }
    }
  }

  message(text: string): void {
    this.publish({ type: 'Message', text });
  }

  infoShort(text: string): void {
    this.publish({ type: 'InfoShort', text });
  }

  get listenerCount(): number {
    return this.listeners.length;
  }

  private report(error: unknown, event: HubEvent): void {
    try {
      this.onListenerError(error, event);
    } catch {
      // The error reporter itself failed; nothing sensible left to do.
    }
  }
}
