import { describeError } from '../text/describe-error.js';

/**
 * The store could not be opened; the message names the database and what to do. Never auto-repaired.
 * `location` is where the database is: the SQLite file's path, or the PostgreSQL URL without its password.
 */
export class StoreOpenError extends Error {
  readonly location: string;

  constructor(location: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
    this.location = location;
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
  const message = `Cannot open the dsp ${wording.kind} ${location}: ${describeError(error)}. ${wording.advice}`;
  return new StoreOpenError(location, message, { cause: error });
}
