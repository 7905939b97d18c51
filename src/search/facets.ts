/** Facet counts (categories, languages, tags) and the small matcher used to suggest them. */
import type { Entry, ListDocument } from '../list/types.js';
import { eachItem, type Steps } from './steps.js';
import type { CategorySummary, FacetCount, KindCounts } from './types.js';
import { fold, words } from './text.js';
import { SortedVocabulary } from './vocabulary.js';

const LANGUAGE_ALIASES: Record<string, string> = {
  golang: 'go',
  js: 'javascript',
  node: 'javascript',
  nodejs: 'javascript',
  ts: 'typescript',
  py: 'python',
  rs: 'rust',
  'c++': 'c++',
  cpp: 'c++',
  csharp: 'c#',
};

/** Lower-cased key of a language, with common aliases folded (`Golang` → `go`). */
export function languageKey(language: string): string {
  const key = fold(language.trim());
  return LANGUAGE_ALIASES[key] ?? key;
}

export function facetKey(name: string): string {
  return fold(name.trim());
}

/** The facets of one list, each most frequent first (categories in list order). */
export interface ListFacets {
  categories: CategorySummary[];
  languages: FacetCount[];
  tags: FacetCount[];
}

export function* listFacets(doc: ListDocument): Steps<ListFacets> {
  return {
    categories: yield* summariseCategories(doc),
    languages: yield* countFacet(doc.entries, (entry) => (entry.language ? [entry.language] : [])),
    tags: yield* countFacet(doc.entries, (entry) => entry.tags),
  };
}

function* summariseCategories(doc: ListDocument): Steps<CategorySummary[]> {
  const summaries = new Map<string, CategorySummary>();
  const subcategoryCounts = new Map<string, Map<string, KindCounts>>();
  const summaryOf = (name: string): CategorySummary => {
    let summary = summaries.get(name);
    if (!summary)
      summaries.set(name, (summary = { name, ...noEntries(), kind: 'project', subcategories: [] }));
    return summary;
  };
  for (const category of doc.categories) {
    if (category.depth <= 2 || !category.parent) summaryOf(category.name);
    else subcategoriesOf(subcategoryCounts, category.parent).set(category.name, noEntries());
  }
  yield* eachItem(doc.entries, (entry) => {
    countEntry(summaryOf(entry.category), entry);
    if (entry.subcategory) {
      const counts = subcategoriesOf(subcategoryCounts, entry.category);
      const sub = counts.get(entry.subcategory) ?? noEntries();
      counts.set(entry.subcategory, countEntry(sub, entry));
    }
  });
  for (const [parent, counts] of subcategoryCounts) {
    summaryOf(parent).subcategories = [...counts].map(([name, sub]) => ({ name, ...sub }));
  }
  for (const summary of summaries.values())
    summary.kind = summary.resources > summary.projects ? 'resource' : 'project';
  return [...summaries.values()];
}

function noEntries(): KindCounts {
  return { count: 0, projects: 0, resources: 0 };
}

function countEntry<T extends KindCounts>(counts: T, entry: Entry): T {
  counts.count++;
  if (entry.kind === 'resource') counts.resources++;
  else counts.projects++;
  return counts;
}

function subcategoriesOf(all: Map<string, Map<string, KindCounts>>, parent: string): Map<string, KindCounts> {
  let counts = all.get(parent);
  if (!counts) all.set(parent, (counts = new Map()));
  return counts;
}

/** Counts of a facet, most frequent first; spelling variants merged under the first one seen. */
function* countFacet(
  entries: readonly Entry[],
  valuesOf: (entry: Entry) => readonly string[],
): Steps<FacetCount[]> {
  const counts = new Map<string, FacetCount>();
  yield* eachItem(entries, (entry) => {
    for (const value of new Set(
      valuesOf(entry)
        .map((v) => v.trim())
        .filter(Boolean),
    )) {
      const key = facetKey(value);
      const facet = counts.get(key);
      if (facet) facet.count++;
      else counts.set(key, { name: value, count: 1 });
    }
  });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/**
 * Ranks named options against what has been typed: the exact name, then names starting with it,
 * then names with a word starting with it, then names containing it, then names one or two typos
 * away. Options keep their given order within each rank.
 */
export function matchOptions<T extends { name: string }>(
  options: readonly T[],
  typed: string,
  limit: number,
  { typos = true }: { typos?: boolean } = {},
): T[] {
  const query = fold(typed.trim());
  if (!query) return options.slice(0, limit);
  const ranked: { option: T; rank: number; order: number }[] = [];
  options.forEach((option, order) => {
    const rank = optionRank(option.name, query, typos);
    if (rank !== undefined) ranked.push({ option, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map((item) => item.option);
}

function optionRank(name: string, query: string, typos: boolean): number | undefined {
  const key = fold(name);
  if (key === query) return 0;
  if (key.startsWith(query)) return 1;
  const nameWords = words(name);
  if (nameWords.some((word) => word.startsWith(query))) return 2;
  if (key.includes(query)) return 3;
  if (!typos || query.length < 3) return undefined;
  const vocabulary = new SortedVocabulary([...nameWords, nameWords.join('')]);
  const maxEdits = query.length <= 4 ? 1 : 2;
  const best = Math.min(...vocabulary.fuzzy(query, maxEdits, 'prefix').map((match) => match.distance));
  return Number.isFinite(best) ? 3 + best : undefined;
}
