/**
 * What changed for a server, worked out purely: the entries it follows (its category and that
 * category's sub-categories, or the whole list), compared by id with the list it was last told.
 */
import { createHash } from 'node:crypto';
import type { ListChange } from '../contracts/updates.js';
import type { Entry } from '../list/types.js';
import type { ListedEntry } from '../store/updates-types.js';

/** Enough of a description for one line of a digest; the stored lists stay small. */
const DESCRIPTION_KEPT = 160;
const KEY_LENGTH = 24;
/** How category labels join a category and its sub-category (see src/search/category-lookup.ts). */
const LABEL_SEPARATOR = /\s*›\s*/;

/** The entry as a digest tells it. */
export function listedEntry(entry: Entry): ListedEntry {
  const description = entry.description.replace(/\s+/g, ' ').trim();
  return {
    id: entry.id,
    name: entry.name,
    url: entry.url,
    category: entry.category,
    ...(entry.subcategory === undefined ? {} : { subcategory: entry.subcategory }),
    kind: entry.kind,
    description:
      description.length > DESCRIPTION_KEPT ? `${description.slice(0, DESCRIPTION_KEPT - 1)}…` : description,
  };
}

/** Whether an entry is in the followed category (`Databases` or `Databases › Time Series`); all when none. */
export function isFollowed(entry: Pick<ListedEntry, 'category' | 'subcategory'>, category?: string): boolean {
  if (category === undefined) return true;
  const [parent = '', child] = category.split(LABEL_SEPARATOR);
  if (entry.category !== parent) return false;
  return child === undefined || entry.subcategory === child;
}

/** The served entries a server follows, in list order. */
export function followedEntries(entries: readonly Entry[], category?: string): ListedEntry[] {
  return entries.filter((entry) => isFollowed(entry, category)).map(listedEntry);
}

/** Entries served but not announced (added) and announced but no longer served (removed). */
export function listChange(announced: readonly ListedEntry[], served: readonly ListedEntry[]): ListChange {
  const announcedIds = new Set(announced.map((entry) => entry.id));
  const servedIds = new Set(served.map((entry) => entry.id));
  return {
    added: served.filter((entry) => !announcedIds.has(entry.id)),
    removed: announced.filter((entry) => !servedIds.has(entry.id)),
  };
}

export function isEmptyChange(change: ListChange): boolean {
  return change.added.length === 0 && change.removed.length === 0;
}

/** The announced list once a digest of `change` has been told. */
export function applyChange(announced: readonly ListedEntry[], change: ListChange): ListedEntry[] {
  const gone = new Set(change.removed.map((entry) => entry.id));
  const kept = announced.filter((entry) => !gone.has(entry.id));
  const keptIds = new Set(kept.map((entry) => entry.id));
  return [...kept, ...change.added.filter((entry) => !keptIds.has(entry.id))];
}

/**
 * Names one digest: the same change to the same announced list gets the same key in every process
 * (so only one claim wins), and the same change told again later (an entry added, removed, added)
 * a new one, since the announced list was saved at another time in between.
 */
export function digestKey(announcedAt: Date, change: ListChange): string {
  const ids = (entries: readonly ListedEntry[]) =>
    entries
      .map((entry) => entry.id)
      .sort()
      .join(',');
  return createHash('sha256')
    .update(`${announcedAt.toISOString()}|+${ids(change.added)}|-${ids(change.removed)}`)
    .digest('base64url')
    .slice(0, KEY_LENGTH);
}
