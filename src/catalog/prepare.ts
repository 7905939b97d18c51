/**
 * Preparing a list to serve, to the side of the one served now: refuse a list over
 * LIST_MAX_BYTES before parsing, parse it off the event loop (builder.ts), refuse what is not a
 * usable list, build its index in slices; and compare it with the list served now (sizes, added
 * and removed entries).
 */
import type { ListDocument } from '../list/types.js';
import { ProjectIndex } from '../search/index.js';
import { ListBuildError, type ListParser } from './builder.js';
import { listSizeProblem } from '../list/size-limit.js';
import { describeError } from '../text/describe-error.js';
import type { ListSize } from '../contracts/catalog.js';
import type { BuildIndex } from './types.js';

export interface Prepared {
  doc: ListDocument;
  index: ProjectIndex;
}

export interface Preparer {
  /** The parsed list, or why it is not a usable list (too large, unparsable, no entries). */
  parse(text: string): Promise<ListDocument | string>;
  /** Its index, or why it could not be built. */
  index(doc: ListDocument): Promise<ProjectIndex | string>;
}

export interface PreparerOptions {
  parser: ListParser;
  /** Builds the index at once (tests' stand-ins); default: ProjectIndex.buildInSlices. */
  buildIndex?: BuildIndex;
  maxBytes: number;
  /** Aborted when the live catalog stops: a first load still running gives up. */
  signal?: AbortSignal;
  /** Told about failed parses (crash, timeout, out of memory) with their kind. */
  onBuildFailure?: (error: ListBuildError) => void;
}

export function listPreparer(options: PreparerOptions): Preparer {
  const { parser, buildIndex, maxBytes, signal } = options;
  return {
    async parse(text) {
      const tooLarge = listSizeProblem(text, maxBytes);
      if (tooLarge) return tooLarge;
      let doc: ListDocument;
      try {
        doc = await parser.parse(text, signal ? { signal } : {});
      } catch (error) {
        if (error instanceof ListBuildError) options.onBuildFailure?.(error);
        return `the list could not be parsed: ${describeError(error)}`;
      }
      if (doc.entries.length === 0) {
        const why = doc.diagnostics.find((diagnostic) => diagnostic.level === 'error');
        return why ? `the list has no entries (${why.message})` : 'the list has no entries';
      }
      return doc;
    },
    async index(doc) {
      try {
        if (buildIndex) return buildIndex(doc);
        return await ProjectIndex.buildInSlices(doc, signal ? { signal } : {});
      } catch (error) {
        return `the list could not be indexed: ${describeError(error)}`;
      }
    },
  };
}

/** Parses and indexes: the prepared list, or why it is not usable. */
export async function prepareWhole(preparer: Preparer, text: string): Promise<Prepared | string> {
  const doc = await preparer.parse(text);
  if (typeof doc === 'string') return doc;
  const index = await preparer.index(doc);
  return typeof index === 'string' ? index : { doc, index };
}

export const sizeOf = (doc: ListDocument): ListSize => ({
  entries: doc.entries.length,
  categories: doc.categories.length,
});

export function diffIds(before: ListDocument, after: ListDocument): { added: string[]; removed: string[] } {
  const beforeIds = new Set(before.entries.map((entry) => entry.id));
  const afterIds = new Set(after.entries.map((entry) => entry.id));
  return {
    added: [...afterIds].filter((id) => !beforeIds.has(id)),
    removed: [...beforeIds].filter((id) => !afterIds.has(id)),
  };
}

/** Why a new list is refused unless forced: it would remove more than half of the entries. */
export function massRemoval(removed: readonly string[], before: ListSize): string | undefined {
  if (removed.length <= before.entries / 2) return undefined;
  return `the new list would remove ${removed.length} of ${before.entries} entries (more than half); reload with force to accept it`;
}
