import { listSizeProblem } from '../list/size-limit.js';
import { BUNDLED_LIST_PATH, DEFAULT_LIST_MAX_BYTES, parseList, readListSource } from '../list/index.js';
import type { ListDocument, ParseProgress } from '../list/index.js';
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

export interface LoadOptions {
  /** LIST_MAX_BYTES: a larger list is refused before parsing, as the bot does. */
  maxBytes?: number;
  /**
   * Where to show parsing progress: a status line rewritten in place (stderr when it is a terminal),
   * for lists of `minChars` or more.
   */
  progress?: { write(text: string): void; minChars?: number };
}

/** Lists shorter than this parse in well under a second: no progress line. */
const PROGRESS_MIN_CHARS = 256 * 1024;

/**
 * Reads and parses a list file or URL (default: the bundled list), whole, with the parser the bot
 * uses. Read failures, lists over LIST_MAX_BYTES and sources with no entries (an empty file, a
 * binary) become CliErrors.
 */
export async function loadList(source: string | undefined, options: LoadOptions = {}): Promise<LoadedList> {
  const location = source ?? BUNDLED_LIST_PATH;
  const maxBytes = options.maxBytes ?? DEFAULT_LIST_MAX_BYTES;
  let text: string;
  try {
    const read = await readListSource(location, { maxBytes });
    // Without validators a server never answers 304, so 'not-modified' cannot happen here.
    text = read.status === 'ok' ? read.text : '';
  } catch (error) {
    throw new CliError(describeError(error));
  }
  const tooLarge = listSizeProblem(text, maxBytes, `"${location}"`);
  if (tooLarge) throw new CliError(tooLarge);
  const doc = parseWithProgress(location, text, options.progress);
  if (doc.entries.length === 0) throw new CliError(`"${location}" is not a list: ${whyNotAList(doc)}`);
  return { source: location, doc };
}

function parseWithProgress(location: string, text: string, progress: LoadOptions['progress']): ListDocument {
  if (progress === undefined || text.length < (progress.minChars ?? PROGRESS_MIN_CHARS))
    return parseList(text);
  const doc = parseList(text, { onProgress: (step) => progress.write(progressLine(location, step)) });
  progress.write(''); // a status line rewritten in place: empty clears it
  return doc;
}

/** Binary input explains an empty result better than "no entries found" does. */
function whyNotAList(doc: ListDocument): string {
  const binary = doc.diagnostics.find((diagnostic) => diagnostic.rule === 'binary-input');
  const empty = doc.diagnostics.find((diagnostic) => diagnostic.rule === 'empty-list');
  return (binary ?? empty)?.message ?? 'it has no entries';
}

function progressLine(location: string, { readChars, totalChars }: ParseProgress): string {
  const percent = Math.floor((readChars / Math.max(1, totalChars)) * 100);
  const megabytes = (chars: number) => (chars / 1024 / 1024).toFixed(1);
  return `parsing ${location}: ${percent}% (${megabytes(readChars)} of ${megabytes(totalChars)} MB)`;
}

export async function loadIndex(
  source: string | undefined,
  options: LoadOptions = {},
): Promise<LoadedList & { index: ProjectIndex }> {
  const loaded = await loadList(source, options);
  return { ...loaded, index: ProjectIndex.build(loaded.doc) };
}
