import { statSync } from 'node:fs';

/** A missing STATE_DIR is created later; one that exists must be a directory. */
export function assertStateDirectory(stateDir: string): void {
  const info = statSync(stateDir, { throwIfNoEntry: false });
  if (info !== undefined && !info.isDirectory()) {
    throw new Error(
      `STATE_DIR "${stateDir}" is a file, not a directory: point STATE_DIR at a directory (dsp creates it when it is missing)`,
    );
  }
}
