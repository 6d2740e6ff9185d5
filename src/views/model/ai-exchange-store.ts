/**
 * The AI exchange of each task as it was sent and received: the rendered
 * messages, the streamed text as it arrives, the response info line. The run
 * database does not store these, so the views keep them in memory per
 * runtime (bounded), fed by either
 *  - Hub events `TaskAiRequest` / `TaskAiDelta` / `TaskAiResponse` (proposed to
 *    the runtime; handled here as soon as the runtime publishes them), or
 *  - `recordingExecChat`, which the host passes as the pipeline's `execChat`.
 *    The pipeline writes the task's AI generation start step (logged as
 *    `TaskAiStart`) and calls execChat in the same synchronous turn, so the
 *    last such step seen on any attached hub
 *    names the task (and its runtime's store), even with one pipeline shared by
 *    every runtime.
 */
import type { ChatMessage } from '../../runtime/ai/messages';
import type { ChatResult, ExecChatRequest } from '../../runtime/ai/exec-chat';
import type { Hub, HubEvent } from '../../runtime/hub';
import type { Id } from '../../runtime/model/types';

export interface AiExchange {
  runId: Id;
  taskId: Id;
  model?: string;
  messages?: ChatMessage[];
  /** Streamed text so far (complete once `info` is set). */
  text: string;
  reasoning?: string;
  info?: string;
  error?: string;
  done: boolean;
}

/** The Hub events this store understands (not yet in the runtime's HubEvent union). */
export type AiHubEvent =
  | { type: 'TaskAiRequest'; runId: Id; taskId: Id; model: string; messages: ChatMessage[] }
  | { type: 'TaskAiDelta'; runId: Id; taskId: Id; text: string }
  | { type: 'TaskAiResponse'; runId: Id; taskId: Id; info: string; content?: string; reasoning?: string };

type ExecChat = (req: ExecChatRequest) => Promise<ChatResult>;

export class AiExchangeStore {
  private readonly byTask = new Map<Id, AiExchange>();
  private readonly listeners = new Set<(ex: AiExchange) => void>();
  private unsubscribe?: () => void;

  private chars = 0;
  private readonly sizes = new Map<Id, number>();

  /**
   * At most `maxTasks` exchanges and about `maxChars` characters of messages and
   * answers are kept (oldest dropped first): prompts can be large.
   */
  constructor(
    readonly maxTasks = 2000,
    readonly maxChars = 32_000_000,
  ) {}

  /** Listen to a runtime's hub. */
  attach(hub: Hub): this {
    this.unsubscribe?.();
    this.unsubscribe = hub.subscribe((e) => this.onHubEvent(e));
    return this;
  }

  get(taskId: Id): AiExchange | undefined {
    return this.byTask.get(taskId);
  }

  onDidChange(listener: (ex: AiExchange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  request(runId: Id, taskId: Id, model: string | undefined, messages: ChatMessage[]): void {
    this.drop(taskId);
    const ex: AiExchange = { runId, taskId, model, messages, text: '', done: false };
    this.byTask.set(taskId, ex);
    this.grow(taskId, messages.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : m.content.reduce((k, p) => k + (p.type === 'text' ? p.text.length : p.base64.length), 0)), 0));
    this.trim(taskId);
    this.emit(ex);
  }

  delta(taskId: Id, text: string): void {
    const ex = this.byTask.get(taskId);
    if (!ex || ex.done) return;
    ex.text += text;
    this.grow(taskId, text.length);
    this.trim(taskId);
    this.emit(ex);
  }

  response(taskId: Id, info: string, content?: string, reasoning?: string): void {
    const ex = this.byTask.get(taskId);
    if (!ex) return;
    ex.info = info;
    if (content !== undefined) {
      this.grow(taskId, content.length - ex.text.length);
      ex.text = content;
    }
    if (reasoning !== undefined) {
      ex.reasoning = reasoning;
      this.grow(taskId, reasoning.length);
    }
    this.trim(taskId);
    ex.done = true;
    this.emit(ex);
  }

  failed(taskId: Id, message: string): void {
    const ex = this.byTask.get(taskId);
    if (!ex) return;
    ex.error = message;
    ex.done = true;
    this.emit(ex);
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listeners.clear();
    this.byTask.clear();
    this.sizes.clear();
    this.chars = 0;
  }

  /** Characters held (messages, answers), for the budget. */
  get size(): number {
    return this.chars;
  }

  private grow(taskId: Id, n: number): void {
    this.sizes.set(taskId, (this.sizes.get(taskId) ?? 0) + n);
    this.chars += n;
  }

  private drop(taskId: Id): void {
    this.chars -= this.sizes.get(taskId) ?? 0;
    this.sizes.delete(taskId);
    this.byTask.delete(taskId);
  }

  /** Drop the oldest exchanges (never `keep`, the one being written) while over a limit. */
  private trim(keep: Id): void {
    for (const id of this.byTask.keys()) {
      if (this.byTask.size <= this.maxTasks && this.chars <= this.maxChars) return;
      if (id !== keep) this.drop(id);
    }
  }

  private onHubEvent(e: HubEvent | AiHubEvent): void {
    switch (e.type) {
      case 'Log':
        // rtStep logs the AI generation start as `TaskAiStart` (aipack's quirk, §6.4); the last such row before the call is the one.
        if ((e.log.step === 'TaskAiStart' || e.log.step === 'TaskAiGenStart') && e.log.task_id !== null) pendingTarget = { store: this, runId: e.log.run_id, taskId: e.log.task_id };
        return;
      case 'TaskAiRequest':
        this.request(e.runId, e.taskId, e.model, e.messages);
        return;
      case 'TaskAiDelta':
        this.delta(e.taskId, e.text);
        return;
      case 'TaskAiResponse':
        this.response(e.taskId, e.info, e.content, e.reasoning);
        return;
      default:
        return;
    }
  }

  private emit(ex: AiExchange): void {
    for (const l of [...this.listeners]) {
      try {
        l(ex);
      } catch {
        // A view listener must never break a run.
      }
    }
  }
}

const stores = new WeakMap<object, AiExchangeStore>();

/** The store bound to a runtime (by the host, see `bindAiExchangeStore`). */
export function aiExchangeStoreFor(runtime: object): AiExchangeStore | undefined {
  return stores.get(runtime);
}

/** Bind a store to a runtime: listens to its hub and makes it findable by the views. */
export function bindAiExchangeStore(runtime: { hub: Hub }, store: AiExchangeStore): AiExchangeStore {
  store.attach(runtime.hub);
  stores.set(runtime, store);
  return store;
}

/** The task whose `TaskAiGenStart` was seen last, consumed by the next execChat call. */
let pendingTarget: { store: AiExchangeStore; runId: Id; taskId: Id } | undefined;

/** Retries of one request reuse the request object: they belong to the same task. */
const targetsByRequest = new WeakMap<object, { store: AiExchangeStore; runId: Id; taskId: Id }>();

/** An execChat that records what it sends and receives for the current task, then delegates. */
export function recordingExecChat(inner: ExecChat): ExecChat {
  return async (req) => {
    const target = targetsByRequest.get(req) ?? pendingTarget;
    pendingTarget = undefined;
    if (!target) return inner(req);
    targetsByRequest.set(req, target);
    const { store, taskId } = target;
    store.request(target.runId, taskId, req.model, req.messages);
    const onDelta = (text: string) => {
      store.delta(taskId, text);
      req.onDelta?.(text);
    };
    try {
      const res = await inner({ ...req, onDelta });
      store.response(taskId, res.response.info, res.response.content, res.response.reasoning_content);
      return res;
    } catch (err) {
      store.failed(taskId, err instanceof Error ? err.message : String(err));
      throw err;
    }
  };
}
