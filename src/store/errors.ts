/** The database could not be opened; the message names the file and what to do. Never auto-repaired. */
export class StoreOpenError extends Error {
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
    this.file = file;
  }
}
