import { BUNDLED_LIST_PATH, parseList, readListSource } from '../list/index.js';
import type { ListDocument } from '../list/index.js';
import { ProjectIndex } from '../search/index.js';
import { describeError } from '../text/describe-error.js';

/** An error meant for the user: printed as one line, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface LoadedList {
  source: string;
  doc: ListDocument;
}

/**
 * Reads and parses a list file or URL (default: the bundled list). Read failures, and sources with no
 * entries (an empty file, a binary), become CliErrors.
 */
export async function loadList(source: string | undefined): Promise<LoadedList> {
  const location = source ?? BUNDLED_LIST_PATH;
  let text: string;
  try {
    const read = await readListSource(location);
    // Without validators a server never answers 304, so 'not-modified' cannot happen here.
    text = read.status === 'ok' ? read.text : '';
  } catch (error) {
    throw new CliError(describeError(error));
  }
  const doc = parseList(text);
  if (doc.entries.length === 0) throw new CliError(`"${location}" is not a list: ${whyNotAList(doc)}`);
  return { source: location, doc };
}

/** Binary input explains an empty result better than "no entries found" does. */
function whyNotAList(doc: ListDocument): string {
  const binary = doc.diagnostics.find((diagnostic) => diagnostic.rule === 'binary-input');
  const empty = doc.diagnostics.find((diagnostic) => diagnostic.rule === 'empty-list');
  return (binary ?? empty)?.message ?? 'it has no entries';
}

export async function loadIndex(source: string | undefined): Promise<LoadedList & { index: ProjectIndex }> {
  const loaded = await loadList(source);
  return { ...loaded, index: ProjectIndex.build(loaded.doc) };
}
