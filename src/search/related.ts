/**
 * Entries picked rather than searched for: a random one, the ones most like a given entry, and
 * the names a query that found nothing is a typo of.
 */
import type { Entry } from '../list/types.js';
import { clampCount } from './clamp.js';
import type { EntryFilters, FilterKeys } from './entry-filter.js';
import type { EntryLookups } from './lookups.js';
import type { NameLayer } from './name-layer.js';
import { typoAllowance } from './close-names.js';
import { compact, queryWords } from './text.js';
import type { SearchFilters } from './types.js';

interface Scored {
  position: number;
  score: number;
}

export class RelatedEntries {
  private readonly lookups: EntryLookups;
  private readonly filters: EntryFilters;
  private readonly names: NameLayer;

  constructor(lookups: EntryLookups, filters: EntryFilters, names: NameLayer) {
    this.lookups = lookups;
    this.filters = filters;
    this.names = names;
  }

  /**
   * A random entry matching the filters, avoiding `exclude` unless every candidate is excluded.
   * A project, unless the filters ask for another kind: a random pick is never a pointer.
   */
  random(filters: SearchFilters, rng: () => number, exclude?: ReadonlySet<string>): Entry | undefined {
    const accepts = this.filters.compile({ kind: 'project', ...filters });
    const candidates = this.lookups.entries.filter((_, position) => accepts(position));
    const fresh = exclude ? candidates.filter((entry) => !exclude.has(entry.id)) : candidates;
    const pool = fresh.length > 0 ? fresh : candidates;
    if (pool.length === 0) return undefined;
    const roll = rng();
    const pick = Number.isFinite(roll) ? Math.floor(roll * pool.length) : 0;
    return pool[Math.min(Math.max(pick, 0), pool.length - 1)];
  }

  /**
   * Projects most like `id` (never resources): shared tags weigh most, then same
   * sub-category/category, then language.
   */
  similar(id: string, limit: number): Entry[] {
    const origin = this.lookups.positionById.get(id);
    if (origin === undefined) return [];
    const allKeys = this.filters.keys;
    const keys = allKeys[origin] as FilterKeys;
    const scored: Scored[] = [];
    allKeys.forEach((other, position) => {
      if (position === origin || this.entryAt(position).kind !== 'project') return;
      const score = similarity(keys, other);
      if (score > 0) scored.push({ position, score });
    });
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        Math.abs(a.position - origin) - Math.abs(b.position - origin) ||
        a.position - b.position,
    );
    return scored.slice(0, clampCount(limit, 3)).map(({ position }) => this.entryAt(position));
  }

  /**
   * The names a query that found nothing is a typo of (close-names.ts: the same distance rule as
   * every other "did you mean"), closest first. Nothing when no name is that close.
   */
  didYouMean(query: string, limit: number): Entry[] {
    const queryText = compact(queryWords(query).join(' '));
    const max = clampCount(limit, 3);
    if (!queryText || max === 0) return [];
    const vocabulary = this.names.vocabulary;
    const budget = typoAllowance(queryText.length, queryText.length);
    const distances = new Map<number, number>();
    for (const match of vocabulary.fuzzy(queryText, budget, 'whole', { maxResults: 500 })) {
      const word = vocabulary.words[match.index] as string;
      if (match.distance > typoAllowance(queryText.length, word.length)) continue;
      for (const position of this.names.entriesOf(match.index)) {
        distances.set(position, Math.min(distances.get(position) ?? Infinity, match.distance));
      }
    }
    return [...distances]
      .sort((a, b) => a[1] - b[1] || a[0] - b[0])
      .slice(0, max)
      .map(([position]) => this.entryAt(position));
  }

  private entryAt(position: number): Entry {
    return this.lookups.entries[position] as Entry;
  }
}

function similarity(a: FilterKeys, b: FilterKeys): number {
  const sharedTags = a.tags.filter((tag) => b.tags.includes(tag)).length;
  let score = 3 * sharedTags;
  if (a.subcategory !== undefined && a.subcategory === b.subcategory) score += 2;
  if (a.category === b.category) score += 1;
  if (a.language !== undefined && a.language === b.language) score += 0.5;
  return score;
}
