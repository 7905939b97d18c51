/**
 * Preparing a list to serve: parse and index the text to the side, refuse what is not a usable
 * list, and compare it with the list served now (sizes, added and removed entries).
 */
import type { ListDocument } from '../list/types.js';
import type { ProjectIndex } from '../search/index.js';
import { describeError } from '../text/describe-error.js';
import type { BuildIndex, ParseList } from './types.js';
import type { ListSize } from '../contracts/catalog.js';

export interface Prepared {
  doc: ListDocument;
  index: ProjectIndex;
}

/** Parses and indexes; a reason string when the text is not a usable list. */
export type Prepare = (text: string) => Prepared | string;

export function listPreparer(parse: ParseList, buildIndex: BuildIndex): Prepare {
  return (text) => {
    let doc: ListDocument;
    try {
      doc = parse(text);
    } catch (error) {
      return `the list could not be parsed: ${describeError(error)}`;
    }
    if (doc.entries.length === 0) {
      const why = doc.diagnostics.find((diagnostic) => diagnostic.level === 'error');
      return why ? `the list has no entries (${why.message})` : 'the list has no entries';
    }
    try {
      return { doc, index: buildIndex(doc) };
    } catch (error) {
      return `the list could not be indexed: ${describeError(error)}`;
    }
  };
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
