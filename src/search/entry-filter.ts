/** Search filters (category, language, tag, kind, archived) compiled to a cheap test of list positions. */
import type { Entry } from '../list/types.js';
import { facetKey, languageKey } from './facets.js';
import { eachItem, type Steps } from './steps.js';
import type { SearchFilters } from './types.js';

/** Lower-cased filter keys of one entry, precomputed so that filtering is cheap. */
export interface FilterKeys {
  category: string;
  subcategory: string | undefined;
  language: string | undefined;
  tags: string[];
}

export type EntryFilter = (position: number) => boolean;

export class EntryFilters {
  /** The filter keys of each entry, by position. */
  readonly keys: readonly FilterKeys[];
  private readonly entries: readonly Entry[];

  private constructor(entries: readonly Entry[], keys: readonly FilterKeys[]) {
    this.entries = entries;
    this.keys = keys;
  }

  static *build(entries: readonly Entry[]): Steps<EntryFilters> {
    return new EntryFilters(entries, yield* filterKeysOf(entries));
  }

  compile(filters: SearchFilters): EntryFilter {
    const tests: ((keys: FilterKeys, entry: Entry) => boolean)[] = [];
    const category = filters.category?.trim() ? facetKey(filters.category) : undefined;
    const subcategory = filters.subcategory?.trim() ? facetKey(filters.subcategory) : undefined;
    const language = filters.language?.trim() ? languageKey(filters.language) : undefined;
    const tag = filters.tag?.trim() ? facetKey(filters.tag) : undefined;
    if (category) tests.push((keys) => keys.category === category || keys.subcategory === category);
    if (subcategory) tests.push((keys) => keys.subcategory === subcategory);
    if (language) tests.push((keys) => keys.language === language);
    if (tag) tests.push((keys) => keys.tags.includes(tag));
    if (filters.kind) tests.push((_, entry) => entry.kind === filters.kind);
    if (filters.includeArchived === false) tests.push((_, entry) => !entry.archived);
    if (tests.length === 0) return () => true;
    return (position) => {
      const keys = this.keys[position];
      const entry = this.entries[position];
      return keys !== undefined && entry !== undefined && tests.every((test) => test(keys, entry));
    };
  }
}

const NO_TAGS: string[] = [];

/** Filter keys of each entry, sharing one string per distinct key (a list repeats them a lot). */
function* filterKeysOf(entries: readonly Entry[]): Steps<FilterKeys[]> {
  const shared = new Map<string, string>();
  const intern = (key: string): string => {
    const known = shared.get(key);
    if (known !== undefined) return known;
    shared.set(key, key);
    return key;
  };
  const keys: FilterKeys[] = [];
  yield* eachItem(entries, (entry) =>
    keys.push({
      category: intern(facetKey(entry.category)),
      subcategory: entry.subcategory ? intern(facetKey(entry.subcategory)) : undefined,
      language: entry.language ? intern(languageKey(entry.language)) : undefined,
      tags: entry.tags.length > 0 ? entry.tags.map((tag) => intern(facetKey(tag))) : NO_TAGS,
    }),
  );
  return keys;
}
