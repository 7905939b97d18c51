/**
 * Categories, languages, tags and projects as people name them, resolved against one list: the one
 * resolution `/dsp` and the `dsp` CLI share. A name the list does not have comes back as a
 * `Missing` (what was asked for, the names close to it, what the list has instead), which
 * lookup-messages.ts turns into the one text both show.
 */
import type { Entry, ListDocument } from '../list/types.js';
import { type CategoryTarget, categoryLabel, resolveCategory } from './category-lookup.js';
import { closeNames } from './close-names.js';
import { languageKey } from './facets.js';
import type { ProjectIndex } from './project-index.js';
import { nameKey } from './text.js';
import type { SearchFilters } from './types.js';

export type LookupKind = 'category' | 'language' | 'tag' | 'project';

export interface Missing {
  kind: LookupKind;
  typed: string;
  /** Names a typo away from `typed` (close-names.ts), closest first; at most three. */
  close: string[];
  /** What the list has instead: categories in list order, languages and tags most used first. */
  known: string[];
}

export type Lookup<T> = { ok: true; value: T } | { ok: false; missing: Missing };

/** Filters as typed (or read back from a custom id). */
export interface RawFilters {
  category?: string | undefined;
  language?: string | undefined;
  tag?: string | undefined;
}

export interface ResolvedFilters extends SearchFilters {
  /** The filters as the list names them (`Databases › Time Series`, `Go`), for labels and custom ids. */
  raw: RawFilters;
}

const MAX_CLOSE = 3;

function resolveAmong(values: Iterable<string>, text: string, prefixOnly: boolean): string | undefined {
  const wanted = nameKey(text);
  for (const value of values) {
    if (prefixOnly ? nameKey(value).startsWith(wanted) : nameKey(value) === wanted) return value;
  }
  return undefined;
}

export function listLanguages(doc: ListDocument): string[] {
  return [...new Set(doc.entries.flatMap((entry) => (entry.language === undefined ? [] : [entry.language])))];
}

export function listTags(doc: ListDocument): string[] {
  return [...new Set(doc.entries.flatMap((entry) => entry.tags))];
}

/** A language of the list, also by a common alias (`golang` → `Go`, `js` → `JavaScript`). */
export function resolveLanguage(doc: ListDocument, text: string, prefixOnly = false): string | undefined {
  const languages = listLanguages(doc);
  const wanted = languageKey(text);
  return (
    languages.find((language) => languageKey(language) === wanted) ??
    resolveAmong(languages, text, prefixOnly)
  );
}

export function resolveTag(doc: ListDocument, text: string, prefixOnly = false): string | undefined {
  return resolveAmong(listTags(doc), text, prefixOnly);
}

/** Categories close to `typed`: a sub-category counts by its own name and as `Parent › Child`. */
function missingCategory(index: ProjectIndex, typed: string): Missing {
  const summaries = index.categories();
  const spellings = new Map<string, string[]>();
  for (const summary of summaries) {
    spellings.set(summary.name, [summary.name]);
    for (const sub of summary.subcategories) {
      const label = categoryLabel({ category: summary.name, subcategory: sub.name });
      spellings.set(label, [label, sub.name]);
    }
  }
  return {
    kind: 'category',
    typed,
    close: closeNames(typed, [...spellings.keys()], MAX_CLOSE, (label) => spellings.get(label) ?? [label]),
    known: summaries.map((summary) => summary.name),
  };
}

/** Languages and tags: each resolved by name (languages also by alias), listed most used first. */
const FACETS = [
  {
    kind: 'language',
    stateKey: 'l',
    resolve: resolveLanguage,
    counts: (index: ProjectIndex) => index.languages(),
  },
  { kind: 'tag', stateKey: 't', resolve: resolveTag, counts: (index: ProjectIndex) => index.tags() },
] as const;

/**
 * Checks each given filter against the list. `shortened` holds the custom-id keys (`c`, `l`, `t`)
 * whose values were cut to fit a custom id: those match by prefix.
 */
export function lookupFilters(
  index: ProjectIndex,
  raw: RawFilters,
  shortened: ReadonlySet<string> = new Set(),
): Lookup<ResolvedFilters> {
  const { doc } = index;
  const filters: ResolvedFilters = { raw: {} };
  if (raw.category !== undefined) {
    const target = resolveCategory(doc, raw.category, shortened.has('c'));
    if (target === undefined) return { ok: false, missing: missingCategory(index, raw.category) };
    Object.assign(filters, target);
    filters.raw.category = categoryLabel(target);
  }
  for (const facet of FACETS) {
    const typed = raw[facet.kind];
    if (typed === undefined) continue;
    const value = facet.resolve(doc, typed, shortened.has(facet.stateKey));
    if (value === undefined) {
      const names = facet.counts(index).map((count) => count.name);
      return {
        ok: false,
        missing: { kind: facet.kind, typed, close: closeNames(typed, names, MAX_CLOSE), known: names },
      };
    }
    filters[facet.kind] = value;
    filters.raw[facet.kind] = value;
  }
  return { ok: true, value: filters };
}

/** A category or sub-category by name (also `Parent › Child`). */
export function lookupCategory(index: ProjectIndex, name: string): Lookup<CategoryTarget> {
  const target = resolveCategory(index.doc, name);
  return target === undefined
    ? { ok: false, missing: missingCategory(index, name) }
    : { ok: true, value: target };
}

/** A project by id (what autocomplete sends), name or repository `owner/name`. */
export function lookupProject(index: ProjectIndex, nameOrId: string): Lookup<Entry> {
  const entry = index.get(nameOrId) ?? index.resolve(nameOrId);
  if (entry !== undefined) return { ok: true, value: entry };
  const close = index.didYouMean(nameOrId, MAX_CLOSE).map((found) => found.name);
  return { ok: false, missing: { kind: 'project', typed: nameOrId, close, known: [] } };
}
