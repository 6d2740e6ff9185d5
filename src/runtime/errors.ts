/**
 * Errors the runtime raises on purpose carry a clear message for the user and,
 * where known, the stage and the `.aip` location they belong to (house rule 5).
 */
export type StageName = 'BeforeAll' | 'Data' | 'Ai' | 'AiGen' | 'Output' | 'AfterAll';

export interface ErrorLocation {
  /** Absolute path of the file the error points into (usually the `.aip`). */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
}

export class AipError extends Error {
  readonly stage?: StageName;
  readonly location?: ErrorLocation;

  constructor(message: string, opts: { stage?: StageName; location?: ErrorLocation; cause?: unknown } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'AipError';
    this.stage = opts.stage;
    this.location = opts.location;
  }
}

/** Message of any thrown value, without a stack. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
