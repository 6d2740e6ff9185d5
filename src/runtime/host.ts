/**
 * What the runtime needs from the program hosting it (house rule 1). The VS Code
 * extension and the CLI each implement it; tests use a small in-memory one.
 */
export interface Host {
  /** Secret lookup for provider keys, e.g. `OPENAI_API_KEY`. Undefined when not set. */
  getSecret(name: string): Promise<string | undefined>;
  /** Open a file for the user (an editor tab in VS Code, $VISUAL/$EDITOR in the CLI). Returns the editor's name, or undefined. */
  openFile(absPath: string): Promise<string | undefined>;
  /** Move a file to the trash (recoverable delete). */
  trash(absPath: string): Promise<void>;
  /** Wall clock in epoch microseconds. */
  nowMicros(): number;
}

/** Microseconds since the epoch with sub-millisecond precision where the platform has it. */
export function nowMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}
