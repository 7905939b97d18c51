/** The database could not be opened; the message names the file and what to do. Never auto-repaired. */
export class StoreOpenError extends Error {
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
    this.file = file;
  }
}

/** How each backend words an open failure: what the database is, and what the operator can do. */
export interface OpenFailureWording {
  /** e.g. "database", "PostgreSQL database". */
  kind: string;
  advice: string;
}

/** Wraps whatever stopped a store from opening: "Cannot open the dsp <kind> <location>: <why>. <advice>" */
export function openFailure(location: string, error: unknown, wording: OpenFailureWording): StoreOpenError {
  const detail = error instanceof Error ? error.message : String(error);
  const message = `Cannot open the dsp ${wording.kind} ${location}: ${detail}. ${wording.advice}`;
  return new StoreOpenError(location, message, { cause: error });
}
