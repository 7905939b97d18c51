/**
 * Resolving untrusted filter values (typed freely, picked from autocomplete, or read back from
 * a custom id) against the list currently loaded.
 */
import type { ListDocument } from '../../src/list/types.js';
import { categoryLabel, resolveCategory } from '../../src/search/category-lookup.js';
import { languageKey } from '../../src/search/facets.js';
import { nameKey } from '../../src/search/text.js';
import type { SearchFilters } from '../../src/search/types.js';
import type { Choice } from '../types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline } from './escape.js';
import { suggestionsToChoices } from './options.js';
import { nameList, notice } from './render.js';

export interface RawFilters {
  category?: string | undefined;
  language?: string | undefined;
  tag?: string | undefined;
}

export interface ResolvedFilters extends SearchFilters {
  /** The same filters as raw strings, for custom ids. */
  raw: RawFilters;
}

export type Resolution<T> = { ok: true; value: T } | { ok: false; error: MessagePayload };

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

/** Category names close to `typed`, as `Parent › Child` for sub-categories, without counts. */
export function categoryHints(catalog: Catalog, typed: string): string[] {
  return catalog.index
    .suggestCategory(typed)
    .map((suggestion) => suggestion.label.replace(/\s*\(\d+\)$/, ''));
}

function unknownFilter(
  kind: string,
  value: string,
  hints: readonly string[],
  command: string,
): MessagePayload {
  const hint = hints.length > 0 ? ` Did you mean ${nameList(hints.slice(0, 5))}?` : '';
  return notice(`There is no ${kind} “${escapeInline(value)}” in the list.${hint} Try ${command}.`);
}

/**
 * Checks each given filter against the catalog. `shortened` holds the custom-id keys (`c`, `l`,
 * `t`) whose values were cut to fit: those match by prefix.
 */
export function resolveFilters(
  catalog: Catalog,
  raw: RawFilters,
  shortened: ReadonlySet<string> = new Set(),
): Resolution<ResolvedFilters> {
  const { doc, index } = catalog;
  const filters: ResolvedFilters = { raw: {} };
  if (raw.category !== undefined) {
    const target = resolveCategory(doc, raw.category, shortened.has('c'));
    if (target === undefined) {
      const hints = categoryHints(catalog, raw.category);
      return { ok: false, error: unknownFilter('category', raw.category, hints, '`/dsp categories`') };
    }
    Object.assign(filters, target);
    filters.raw.category = categoryLabel(target);
  }
  if (raw.language !== undefined) {
    const language = resolveLanguage(doc, raw.language, shortened.has('l'));
    if (language === undefined) {
      const hints = index.suggestLanguage(raw.language).map((suggestion) => suggestion.value);
      const fallback = hints.length > 0 ? hints : listLanguages(doc);
      return {
        ok: false,
        error: unknownFilter('language', raw.language, fallback, 'the autocomplete choices'),
      };
    }
    filters.language = language;
    filters.raw.language = language;
  }
  if (raw.tag !== undefined) {
    const tag = resolveTag(doc, raw.tag, shortened.has('t'));
    if (tag === undefined) {
      const hints = index.suggestTag(raw.tag).map((suggestion) => suggestion.value);
      return { ok: false, error: unknownFilter('tag', raw.tag, hints, 'the autocomplete choices') };
    }
    filters.tag = tag;
    filters.raw.tag = tag;
  }
  return { ok: true, value: filters };
}

/** `category Databases · language Go`: the active filters, escaped; empty when none. */
export function describeFilters(filters: RawFilters): string {
  const parts = [
    filters.category === undefined ? undefined : `category ${escapeInline(filters.category)}`,
    filters.language === undefined ? undefined : `language ${escapeInline(filters.language)}`,
    filters.tag === undefined ? undefined : `tag ${escapeInline(filters.tag)}`,
  ];
  return parts.filter((part) => part !== undefined).join(' · ');
}

/** Filters as custom-id state: `c` category, `l` language, `t` tag. */
export function filtersToState(raw: RawFilters): Record<string, string | undefined> {
  return { c: raw.category, l: raw.language, t: raw.tag };
}

export function filtersFromState(state: Record<string, string>): RawFilters {
  return { category: state['c'], language: state['l'], tag: state['t'] };
}

/** Autocomplete for the shared `category`/`language`/`tag` options; undefined for other options. */
export function filterChoices(catalog: Catalog, focused: string, typed: string): Choice[] | undefined {
  const { index } = catalog;
  switch (focused) {
    case 'category':
      return suggestionsToChoices(index.suggestCategory(typed.trim()));
    case 'language':
      return suggestionsToChoices(index.suggestLanguage(typed.trim()));
    case 'tag':
      return suggestionsToChoices(index.suggestTag(typed.trim()));
    default:
      return undefined;
  }
}
