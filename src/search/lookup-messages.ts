/**
 * What dsp says when a name is not in the list, or when filters leave nothing: one set of texts for
 * `/dsp` and the `dsp` CLI. Pure; Discord passes its markdown escape, the terminal shows text as is.
 */
import { truncate } from '../text/truncate.js';
import type { Missing, RawFilters } from './filter-lookup.js';

/** Of the list's names, at most this many follow "not in the list"… */
export const MAX_LISTED_NAMES = 20;
/** …and at most this many characters of them (a list may have long category names). */
const MAX_LISTED_CHARS = 600;
/** What was typed is quoted back at most this long. */
const MAX_QUOTED_CHARS = 100;

export type Escape = (text: string) => string;
const asIs: Escape = (text) => text;

const HEADINGS: Record<Missing['kind'], string> = {
  category: 'Categories',
  language: 'Languages',
  tag: 'Tags',
  project: 'Projects',
};

/** `A`, `A or B`, `A, B or C` (with `and` for a list of what there is). */
function joinNames(names: readonly string[], last: 'or' | 'and'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1) ?? ''}`;
}

/** The first names that fit the bounds, and how many were left out. */
function bounded(names: readonly string[]): { shown: string[]; more: number } {
  const shown: string[] = [];
  let chars = 0;
  for (const name of names.slice(0, MAX_LISTED_NAMES)) {
    chars += name.length + 2;
    if (shown.length > 0 && chars > MAX_LISTED_CHARS) break;
    shown.push(name);
  }
  return { shown, more: names.length - shown.length };
}

function quoted(text: string, escape: Escape): string {
  return `“${escape(truncate(text.replace(/\s+/g, ' ').trim(), MAX_QUOTED_CHARS))}”`;
}

/**
 * `There is no language “Cobol” in the list.`, then either the close names (`Did you mean Rust?`)
 * or, when none is close, what the list has (`Languages in the list: Go, Python … and 7 more.`).
 */
export function missingText(missing: Missing, escape: Escape = asIs): string {
  const head = `There is no ${missing.kind} ${quoted(missing.typed, escape)} in the list.`;
  if (missing.close.length > 0) return `${head} Did you mean ${joinNames(missing.close.map(escape), 'or')}?`;
  if (missing.known.length === 0) return head;
  const { shown, more } = bounded(missing.known.map(escape));
  const names = more > 0 ? `${shown.join(', ')} and ${more} more` : joinNames(shown, 'and');
  return `${head} ${HEADINGS[missing.kind]} in the list: ${names}.`;
}

/** `category Databases · language Go`: the filters given; empty when none. */
export function filtersText(filters: RawFilters, escape: Escape = asIs): string {
  const parts = [
    filters.category === undefined ? undefined : `category ${escape(filters.category)}`,
    filters.language === undefined ? undefined : `language ${escape(filters.language)}`,
    filters.tag === undefined ? undefined : `tag ${escape(filters.tag)}`,
  ];
  return parts.filter((part) => part !== undefined).join(' · ');
}

/** Every filter is in the list, but no project has them all (or none is left to pick). */
export function noMatchText(filters: RawFilters, escape: Escape = asIs): string {
  const scope = filtersText(filters, escape);
  return `No project in the list matches ${scope === '' ? 'your request' : scope}.`;
}
