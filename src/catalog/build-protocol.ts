/**
 * What the list-build worker and the main thread say to each other. The worker parses the text
 * and sends the ListDocument back as plain data, its entries in several messages: the main
 * thread takes in each message at once, so no single one may be large.
 */
import { parseList } from '../list/parse.js';
import type { Category, Diagnostic, Entry } from '../list/types.js';

/** Sent to the worker (as workerData). */
export interface BuildRequest {
  text: string;
  /** Characters per part of the parse (see src/list/chunks.ts); default the parser's. */
  partChars?: number;
}

export type BuildMessage =
  /** The worker is up and parsing: the parse's time limit runs from here. */
  | { type: 'started' }
  | { type: 'progress'; readChars: number; totalChars: number }
  | { type: 'document'; title: string; categories: Category[]; diagnostics: Diagnostic[]; entryCount: number }
  | { type: 'entries'; entries: Entry[] }
  | { type: 'done' };

/** Entries per message: about 1 MB of structured clone, a few milliseconds to take in. */
export const ENTRIES_PER_MESSAGE = 1000;

/** The worker's job: parse, then send the document in pieces, then `done`. */
export function runBuild(request: BuildRequest, post: (message: BuildMessage) => void): void {
  post({ type: 'started' });
  const doc = parseList(request.text, {
    ...(request.partChars === undefined ? {} : { partChars: request.partChars }),
    onProgress: ({ readChars, totalChars }) => post({ type: 'progress', readChars, totalChars }),
  });
  const { title, categories, diagnostics, entries } = doc;
  post({ type: 'document', title, categories, diagnostics, entryCount: entries.length });
  for (let start = 0; start < entries.length; start += ENTRIES_PER_MESSAGE) {
    post({ type: 'entries', entries: entries.slice(start, start + ENTRIES_PER_MESSAGE) });
  }
  post({ type: 'done' });
}
