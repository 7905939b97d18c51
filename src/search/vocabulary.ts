/**
 * A sorted, de-duplicated word list with exact-prefix lookup and typo-tolerant lookup.
 *
 * The typo-tolerant lookup walks the sorted words as if they were a trie: words that share a
 * prefix share the rows of the edit-distance table computed for it, and a whole run of words is
 * skipped (by binary search) as soon as their common prefix is too far from the query. The
 * distance is the optimal-string-alignment variant of Damerau-Levenshtein, so a transposition
 * (`dkorn` → `dkron`) costs one edit, not two.
 */

import { sortInSteps, type Steps } from './steps.js';

export interface VocabularyMatch {
  /** Position of the word in `words`. */
  index: number;
  /** Edit distance between the query and the word (or, for prefix lookups, its closest prefix). */
  distance: number;
  /** Distance between the query and the whole word; `Infinity` when above the limit. */
  wholeDistance: number;
}

export type MatchMode = 'whole' | 'prefix';

export interface FuzzyOptions {
  /** Stop after this many matches. */
  maxResults?: number;
  /**
   * Only consider words starting with the query's first letter: 10-20× less work, and people
   * rarely get the first letter of a name wrong.
   */
  sameFirstLetter?: boolean;
}

const NO_MATCH = Number.POSITIVE_INFINITY;

export class SortedVocabulary {
  readonly words: readonly string[];

  /** `order: 'sorted'` takes words already sorted and distinct (from `build`) as they are. */
  constructor(words: Iterable<string>, order: 'sort' | 'sorted' = 'sort') {
    this.words = order === 'sorted' ? [...words] : [...new Set(words)].sort(compareCodeUnits);
  }

  /** The same vocabulary, sorted in steps (see steps.ts): for the large ones built with an index. */
  static *build(words: Iterable<string>): Steps<SortedVocabulary> {
    const sorted = yield* sortInSteps([...new Set(words)], compareCodeUnits);
    return new SortedVocabulary(sorted, 'sorted');
  }

  get size(): number {
    return this.words.length;
  }

  /** Position of `word`, or -1. */
  indexOf(word: string): number {
    const at = this.lowerBound(word, 0);
    return this.words[at] === word ? at : -1;
  }

  /** Positions [start, end) of the words starting with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const start = this.lowerBound(prefix, 0);
    return [start, this.endOfPrefix(prefix, start)];
  }

  /**
   * Words within `maxDistance` edits of `query`. In `prefix` mode a word also matches when one of
   * its prefixes at least as long as the query (one shorter for queries of 4+ characters) does:
   * what someone typing a name half-way, with a typo, expects. Stops after `maxResults` matches.
   */
  fuzzy(
    query: string,
    maxDistance: number,
    mode: MatchMode,
    { maxResults = 2000, sameFirstLetter = false }: FuzzyOptions = {},
  ): VocabularyMatch[] {
    const search = new FuzzyWalk(query, maxDistance, mode);
    const matches: VocabularyMatch[] = [];
    let previous = '';
    let validDepth = 0;
    const [start, end] =
      sameFirstLetter && query.length > 0 ? this.prefixRange(query.charAt(0)) : [0, this.words.length];
    let i = start;
    while (i < end && matches.length < maxResults) {
      const word = this.words[i] as string;
      const from = Math.min(commonPrefixLength(previous, word), validDepth);
      const prunedAt = search.advance(word, from);
      previous = word;
      if (prunedAt > 0) {
        validDepth = prunedAt;
        const skipTo = this.endOfPrefix(word.slice(0, prunedAt), i);
        const distance = search.prefixDistance(prunedAt);
        if (distance <= maxDistance) {
          for (let j = i; j < skipTo && matches.length < maxResults; j++) {
            matches.push({ index: j, distance, wholeDistance: NO_MATCH });
          }
        }
        i = skipTo;
        continue;
      }
      validDepth = word.length;
      const wholeDistance = search.wholeDistance(word.length);
      const distance =
        mode === 'prefix' ? Math.min(search.prefixDistance(word.length), wholeDistance) : wholeDistance;
      if (distance <= maxDistance) {
        matches.push({
          index: i,
          distance,
          wholeDistance: wholeDistance <= maxDistance ? wholeDistance : NO_MATCH,
        });
      }
      i++;
    }
    return matches;
  }

  private lowerBound(target: string, from: number): number {
    let lo = from;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.words[mid] as string) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * First position at or after `from` whose word does not start with `prefix` (the words from
   * `from` on that do are contiguous). Gallops first: the run of words is usually short.
   */
  private endOfPrefix(prefix: string, from: number): number {
    const words = this.words;
    if (from >= words.length || !(words[from] as string).startsWith(prefix)) return from;
    let last = from;
    let step = 1;
    while (last + step < words.length && (words[last + step] as string).startsWith(prefix)) {
      last += step;
      step *= 2;
    }
    let lo = last + 1;
    let hi = Math.min(words.length, last + step);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((words[mid] as string).startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The rows of one edit-distance table, re-used across words that share a prefix. */
class FuzzyWalk {
  private readonly rows: Int32Array[];
  /** Smallest last-column value among the allowed prefix lengths up to each depth. */
  private readonly bestPrefix: Int32Array;
  private readonly maxDepth: number;
  private readonly minPrefixLength: number;

  constructor(
    private readonly query: string,
    private readonly maxDistance: number,
    mode: MatchMode,
  ) {
    const width = query.length + 1;
    this.maxDepth = query.length + maxDistance + 1;
    this.rows = Array.from({ length: this.maxDepth + 1 }, () => new Int32Array(width));
    const first = this.rows[0] as Int32Array;
    for (let j = 0; j < width; j++) first[j] = j;
    this.bestPrefix = new Int32Array(this.maxDepth + 1).fill(NO_MATCH_INT);
    const allowedShortfall = mode === 'prefix' && query.length >= 4 ? 1 : 0;
    this.minPrefixLength = mode === 'prefix' ? query.length - allowedShortfall : Number.MAX_SAFE_INTEGER;
    if (this.minPrefixLength <= 0) this.bestPrefix[0] = first[query.length] as number;
  }

  /**
   * Extends the table with `word`'s characters from depth `from + 1`. Returns the depth at which
   * every cell went above the limit (no longer word can match), or 0 when the whole word fitted.
   */
  advance(word: string, from: number): number {
    for (let depth = from + 1; depth <= word.length; depth++) {
      if (depth > this.maxDepth || this.fillRow(word, depth) > this.maxDistance) return depth;
    }
    return 0;
  }

  wholeDistance(depth: number): number {
    if (depth > this.maxDepth) return NO_MATCH;
    return (this.rows[depth] as Int32Array)[this.query.length] as number;
  }

  prefixDistance(depth: number): number {
    const value = this.bestPrefix[Math.min(depth, this.maxDepth)] as number;
    return value === NO_MATCH_INT ? NO_MATCH : value;
  }

  /** Computes row `depth` and returns its smallest cell. */
  private fillRow(word: string, depth: number): number {
    const query = this.query;
    const row = this.rows[depth] as Int32Array;
    const above = this.rows[depth - 1] as Int32Array;
    const twoAbove = depth >= 2 ? (this.rows[depth - 2] as Int32Array) : undefined;
    const char = word.charCodeAt(depth - 1);
    const previousChar = depth >= 2 ? word.charCodeAt(depth - 2) : -1;
    row[0] = depth;
    let smallest = depth;
    for (let j = 1; j <= query.length; j++) {
      const queryChar = query.charCodeAt(j - 1);
      let cell = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (queryChar === char ? 0 : 1),
      );
      if (twoAbove && j >= 2 && char === query.charCodeAt(j - 2) && previousChar === queryChar) {
        cell = Math.min(cell, (twoAbove[j - 2] as number) + 1);
      }
      row[j] = cell;
      if (cell < smallest) smallest = cell;
    }
    const last = row[query.length] as number;
    const before = this.bestPrefix[depth - 1] as number;
    this.bestPrefix[depth] = depth >= this.minPrefixLength ? Math.min(before, last) : before;
    return smallest;
  }
}

const NO_MATCH_INT = 0x3fffffff;

function commonPrefixLength(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
