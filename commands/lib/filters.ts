/**
 * Resolving untrusted filter values (typed freely, picked from autocomplete, or read back from
 * a custom id) against the list currently loaded.
 */
import {
  type Lookup,
  type Missing,
  type RawFilters,
  type ResolvedFilters,
  lookupFilters,
} from '../../src/search/filter-lookup.js';
import { filtersText, missingText } from '../../src/search/lookup-messages.js';
import type { Choice } from '../types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline } from './escape.js';
import { suggestionsToChoices } from './options.js';
import { notice } from './render.js';

export type { RawFilters, ResolvedFilters } from '../../src/search/filter-lookup.js';

export type Resolution<T> = { ok: true; value: T } | { ok: false; error: MessagePayload };

/** The shared "not in the list" text, as an ephemeral notice. */
export function missingNotice(missing: Missing): MessagePayload {
  return notice(missingText(missing, escapeInline));
}

/** A lookup's value, or its "not in the list" notice. */
export function resolution<T>(lookup: Lookup<T>): Resolution<T> {
  return lookup.ok ? lookup : { ok: false, error: missingNotice(lookup.missing) };
}

/**
 * Checks each given filter against the catalog (src/search/filter-lookup.ts, as the CLI does).
 * `shortened` holds the custom-id keys (`c`, `l`, `t`) whose values were cut to fit: those match
 * by prefix.
 */
export function resolveFilters(
  catalog: Catalog,
  raw: RawFilters,
  shortened: ReadonlySet<string> = new Set(),
): Resolution<ResolvedFilters> {
  return resolution(lookupFilters(catalog.index, raw, shortened));
}

/** `category Databases · language Go`: the active filters, escaped; empty when none. */
export function describeFilters(filters: RawFilters): string {
  return filtersText(filters, escapeInline);
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
