/**
 * ModelManager: the run database of one Runtime (one per workspace folder),
 * its clock and the sink for model events (§6.1). Entity modules take it as
 * their first argument.
 */
import { nowMicros } from '../host';
import { Db } from './db';
import type { EpochUs, ModelEvent } from './types';

export interface ModelManagerOptions {
  /** Receives every Created/Updated event (the Runtime forwards them to the Hub). */
  onEvent?: (event: ModelEvent) => void;
  /** Epoch microseconds; defaults to the process clock. */
  clock?: () => EpochUs;
}

export class ModelManager {
  private onEvent: (event: ModelEvent) => void;
  readonly now: () => EpochUs;

  private constructor(
    readonly db: Db,
    opts: ModelManagerOptions,
  ) {
    this.onEvent = opts.onEvent ?? (() => {});
    this.now = opts.clock ?? nowMicros;
  }

  static async create(opts: ModelManagerOptions = {}): Promise<ModelManager> {
    return new ModelManager(await Db.create(), opts);
  }

  /** Route events somewhere else (the Runtime wires its Hub after construction). */
  setEventSink(onEvent: (event: ModelEvent) => void): void {
    this.onEvent = onEvent;
  }

  publish(event: ModelEvent): void {
    this.onEvent(event);
  }

  close(): void {
    this.db.close();
  }
}
