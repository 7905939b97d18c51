/**
 * Ranks the entries matching a query. Score =
 *     the prose signal (MiniSearch's field-boosted BM25 over the prose, normalised to [0, 1]; prose.ts)
 *   + the name layer (typo- and transposition-tolerant matching of names; name-layer.ts)
 *   + a bonus when the query is exactly a project's name, id or repository.
 */
import type { EntryFilter } from './entry-filter.js';
import type { EntryLookups } from './lookups.js';
import type { NameLayer } from './name-layer.js';
import { ProseIndex } from './prose.js';
import { fold, isStopWord, queryWords } from './text.js';

/** Weights of the name layer and of the exact-match bonuses, next to the prose signal's [0, 1]. */
const NAME_WEIGHT = 2.5;
const EXACT_NAME_BONUS = 3;
const EXACT_REPO_BONUS = 0.3;

export interface Ranked {
  position: number;
  score: number;
}

export interface Ranking {
  /** Number of matching entries. */
  total: number;
  /** The best of them, best first. */
  top: Ranked[];
}

export class Ranker {
  private readonly size: number;
  private readonly lookups: EntryLookups;
  private readonly names: NameLayer;
  private readonly prose: ProseIndex;

  constructor(lookups: EntryLookups, names: NameLayer) {
    this.size = lookups.entries.length;
    this.lookups = lookups;
    this.names = names;
    this.prose = new ProseIndex(lookups.entries);
  }

  /** The number of matching entries and the best `needed` of them; list order for an empty query. */
  rank(query: string, accepts: EntryFilter, needed: number): Ranking {
    if (!query.trim()) return this.browse(accepts, needed);
    const allWords = queryWords(query);
    const contentWords = allWords.filter((word) => !isStopWord(word));
    if (contentWords.length === 0) return { total: 0, top: [] };
    const scores = new Map<number, number>();
    this.prose.addScores(contentWords, accepts, needed, scores);
    this.addNameScores(contentWords, accepts, scores);
    this.addExactBonus(query, allWords, accepts, scores);
    return { total: scores.size, top: bestOf(scores, needed) };
  }

  private browse(accepts: EntryFilter, needed: number): Ranking {
    const top: Ranked[] = [];
    let total = 0;
    for (let position = 0; position < this.size; position++) {
      if (!accepts(position)) continue;
      total++;
      if (top.length < needed) top.push({ position, score: 0 });
    }
    return { total, top };
  }

  private addNameScores(queryTerms: string[], accepts: EntryFilter, scores: Map<number, number>): void {
    const isRealWord = (word: string): boolean => this.prose.hasWord(word);
    for (const [position, quality] of this.names.score(queryTerms, isRealWord)) {
      if (accepts(position)) scores.set(position, (scores.get(position) ?? 0) + NAME_WEIGHT * quality);
    }
  }

  private addExactBonus(
    query: string,
    queryWordList: string[],
    accepts: EntryFilter,
    scores: Map<number, number>,
  ): void {
    const bonus = (position: number | undefined, amount: number): void => {
      if (position === undefined || !accepts(position)) return;
      scores.set(position, (scores.get(position) ?? 0) + amount);
    };
    const { positionsByCompactName, positionById, positionByRepo, positionsByRepoName } = this.lookups;
    for (const position of positionsByCompactName.get(queryWordList.join('')) ?? [])
      bonus(position, EXACT_NAME_BONUS);
    const trimmed = query.trim();
    bonus(positionById.get(trimmed), EXACT_NAME_BONUS);
    bonus(positionByRepo.get(fold(trimmed)), EXACT_NAME_BONUS);
    for (const position of positionsByRepoName.get(fold(trimmed)) ?? []) bonus(position, EXACT_REPO_BONUS);
  }
}

/** Higher score first, then list order. */
function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || a.position - b.position;
}

/** The best `needed` entries, best first, without sorting all of them. */
function bestOf(scores: Map<number, number>, needed: number): Ranked[] {
  if (needed <= 0) return [];
  if (needed * 4 >= scores.size) {
    return [...scores]
      .map(([position, score]) => ({ position, score }))
      .sort(compareRanked)
      .slice(0, needed);
  }
  const top: Ranked[] = [];
  for (const [position, score] of scores) {
    const candidate = { position, score };
    const worst = top[top.length - 1];
    if (top.length === needed && worst && compareRanked(candidate, worst) >= 0) continue;
    let at = top.length;
    while (at > 0 && compareRanked(candidate, top[at - 1] as Ranked) < 0) at--;
    top.splice(at, 0, candidate);
    if (top.length > needed) top.pop();
  }
  return top;
}
