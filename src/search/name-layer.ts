/**
 * The name layer: a small vocabulary of the words people type for a project (its name's words,
 * the name written without spaces, camel-case parts, the repository name) matched against query
 * words with transposition-aware typo tolerance and typo-tolerant prefixes. MiniSearch ranks the
 * prose; this layer makes sure that typing a project's name, even half-way or with a typo,
 * finds that project.
 */
import type { Entry } from '../list/types.js';
import { eachItem, type Steps } from './steps.js';
import { camelParts, compact, words } from './text.js';
import { type MatchMode, SortedVocabulary, type VocabularyMatch } from './vocabulary.js';

/** Stop looking for words with more typos once this many closer ones were found. */
const ENOUGH_CANDIDATES = 200;

/** How much a match on each kind of name word counts, relative to a word of the name itself. */
const WEIGHT = { nameWord: 1, wholeName: 1, camelPart: 0.8, repoWord: 0.7 } as const;

export class NameLayer {
  readonly vocabulary: SortedVocabulary;
  /**
   * Postings of all vocabulary words, back to back (compact at 100,000 entries): the word at
   * index i holds entries `postingEntries[postingStart[i] .. postingStart[i + 1])`.
   */
  private readonly postingStart: Int32Array;
  private readonly postingEntries: Int32Array;
  private readonly postingWeights: Float32Array;

  private constructor(
    vocabulary: SortedVocabulary,
    postingStart: Int32Array,
    postingEntries: Int32Array,
    postingWeights: Float32Array,
  ) {
    this.vocabulary = vocabulary;
    this.postingStart = postingStart;
    this.postingEntries = postingEntries;
    this.postingWeights = postingWeights;
  }

  static *build(entries: readonly Entry[]): Steps<NameLayer> {
    const byWord = new Map<string, Map<number, number>>();
    let total = 0;
    yield* eachItem(entries, (entry, position) => {
      for (const [word, weight] of nameWords(entry)) {
        let weights = byWord.get(word);
        if (!weights) byWord.set(word, (weights = new Map()));
        if (!weights.has(position)) total++;
        weights.set(position, Math.max(weights.get(position) ?? 0, weight));
      }
    });
    const vocabulary = yield* SortedVocabulary.build(byWord.keys());
    const postingStart = new Int32Array(vocabulary.size + 1);
    const postingEntries = new Int32Array(total);
    const postingWeights = new Float32Array(total);
    let at = 0;
    yield* eachItem(vocabulary.words, (word, index) => {
      postingStart[index] = at;
      for (const [position, weight] of byWord.get(word) ?? []) {
        postingEntries[at] = position;
        postingWeights[at] = weight;
        at++;
      }
    });
    postingStart[vocabulary.size] = at;
    return new NameLayer(vocabulary, postingStart, postingEntries, postingWeights);
  }

  has(word: string): boolean {
    return this.vocabulary.indexOf(word) >= 0;
  }

  /** Entry positions holding the vocabulary word at `index`, in list order. */
  entriesOf(index: number): Int32Array {
    return this.postingEntries.subarray(this.postingStart[index] ?? 0, this.postingStart[index + 1] ?? 0);
  }

  /**
   * How well each entry's name matches each query word, in [0, 1] per word (1 = the exact word).
   * `isRealWord` tells whether a query word occurs anywhere in the list: such a word is probably
   * not a typo, so typo matches on it count for little.
   */
  matchWord(word: string, isRealWord: boolean, into: Map<number, number>): void {
    // A word found in the list's text is probably not a typo: look it up exactly (and as a prefix).
    const maxEdits = isRealWord ? 0 : typoBudget(word.length);
    const mode = word.length >= 3 ? 'prefix' : 'whole';
    for (const match of this.closeWords(word, maxEdits, mode)) {
      const matched = this.vocabulary.words[match.index] as string;
      // Two typos in a four-letter word leave little of it: `liftb` is not `lite`.
      if (match.wholeDistance <= match.distance && match.wholeDistance > typoBudget(matched.length)) continue;
      const quality = matchQuality(word, matched, match, isRealWord);
      const end = this.postingStart[match.index + 1] ?? 0;
      for (let i = this.postingStart[match.index] ?? 0; i < end; i++) {
        const position = this.postingEntries[i] as number;
        const score = quality * (this.postingWeights[i] as number);
        if (score > (into.get(position) ?? 0)) into.set(position, score);
      }
    }
  }

  /**
   * Vocabulary words within `maxEdits` of `word`, closest first: one edit more at a time, so that
   * on a large list the cap on matches never crowds out the exact ones with near misses.
   */
  private closeWords(word: string, maxEdits: number, mode: MatchMode): VocabularyMatch[] {
    const found = new Map<number, VocabularyMatch>();
    for (let edits = 0; edits <= maxEdits && found.size < ENOUGH_CANDIDATES; edits++) {
      for (const match of this.vocabulary.fuzzy(word, edits, mode, { sameFirstLetter: true })) {
        if (!found.has(match.index)) found.set(match.index, match);
      }
    }
    if (found.size === 0 && maxEdits > 0) return this.vocabulary.fuzzy(word, maxEdits, mode);
    return [...found.values()];
  }

  /**
   * Average match quality per entry over the query words, or the match of the query written
   * without spaces against the name written without spaces, whichever is better.
   */
  score(queryWords: readonly string[], isRealWord: (word: string) => boolean): Map<number, number> {
    const totals = new Map<number, number>();
    for (const word of queryWords) {
      const best = new Map<number, number>();
      this.matchWord(word, isRealWord(word), best);
      for (const [position, quality] of best) {
        totals.set(position, (totals.get(position) ?? 0) + quality / queryWords.length);
      }
    }
    if (queryWords.length > 1 && queryWords.length <= 3) {
      const joined = new Map<number, number>();
      // Words that all occur in the list are not a misspelt name: look the joined form up exactly.
      this.matchWord(queryWords.join(''), queryWords.every(isRealWord), joined);
      for (const [position, quality] of joined) {
        if (quality > (totals.get(position) ?? 0)) totals.set(position, quality);
      }
    }
    return totals;
  }
}

/** Edits forgiven in a word of this length: none for 1-2 letters, one for 3-4, two beyond. */
export function typoBudget(length: number): number {
  if (length < 3) return 0;
  return length <= 4 ? 1 : 2;
}

function matchQuality(query: string, word: string, match: VocabularyMatch, isRealWord: boolean): number {
  const typoPenalty = isRealWord ? 0.3 : 1;
  if (match.wholeDistance === 0) return 1;
  if (match.wholeDistance <= match.distance) {
    // Between words as many typos away, prefer the one agreeing longest from the start: people
    // mistype the end of a name more often than its beginning.
    const agreement = sharedPrefixLength(query, word) / query.length;
    return (1 - 0.25 * match.wholeDistance + 0.02 * agreement) * typoPenalty;
  }
  const completeness = Math.min(1, query.length / word.length);
  const prefixQuality = (0.6 + 0.35 * completeness) * (1 - 0.25 * match.distance);
  return match.distance === 0 ? prefixQuality : prefixQuality * typoPenalty;
}

function sharedPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The words someone might type for an entry, with how much each counts. */
function nameWords(entry: Entry): Map<string, number> {
  const result = new Map<string, number>();
  const add = (word: string, weight: number): void => {
    if (word && weight > (result.get(word) ?? 0)) result.set(word, weight);
  };
  const nameWordList = words(entry.name);
  for (const word of nameWordList) add(word, WEIGHT.nameWord);
  if (nameWordList.length > 1) add(nameWordList.join(''), WEIGHT.wholeName);
  for (const raw of entry.name.split(/[^\p{L}\p{N}]+/u)) {
    for (const part of camelParts(raw)) add(part, WEIGHT.camelPart);
  }
  const repoName = entry.repo?.split('/')[1];
  if (repoName) {
    for (const word of words(repoName)) add(word, WEIGHT.repoWord);
    add(compact(repoName), WEIGHT.repoWord);
  }
  return result;
}
