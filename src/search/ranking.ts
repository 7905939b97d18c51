/**
 * Ranks the entries matching a query. Entries are compared by, in order:
 *
 * 1. Coverage: how many of the query's words the entry's fields hold, together (or close forms
 *    of them: plurals, `-ing`/`-er` forms, typos, the last word's completions; query-plan.ts for
 *    kind words and `X alternative`). An entry holding every word ranks above one holding some,
 *    even when that one holds them in its name.
 * 2. Exact name: the query is the entry's name, id or repository.
 * 3. Kind: the kind the query asks for first — resources when it names one (`paper`, `course`,
 *    `talk`…), projects otherwise: projects before pointers.
 * 4. Relevance:
 *       the prose signal (MiniSearch's field-boosted BM25, normalised to [0, 1]; prose.ts)
 *     + the name layer (typo- and transposition-tolerant matching of names; name-layer.ts), so
 *       that a name match breaks the remaining ties
 *     + a small bonus when the query is a repository's name
 *     + the share of the query's words one field holds together (`unified analytics database`).
 *
 * The score of a hit adds them up in steps wide enough that each rule only breaks the ties of
 * the one before: `coverage × 20 + exact × 10 + wanted kind × 5 + relevance` (relevance < 5).
 */
import type { Entry } from '../list/types.js';
import type { EntryFilter } from './entry-filter.js';
import type { EntryLookups } from './lookups.js';
import type { NameLayer } from './name-layer.js';
import { ProseIndex, SEARCH_FIELDS } from './prose.js';
import { type PlannedWord, planQuery, type QueryPlan } from './query-plan.js';
import { fold } from './text.js';

/** Weights of the name layer and of a repository-name match, next to the prose signal's [0, 1]. */
const NAME_WEIGHT = 2.5;
const REPO_NAME_BONUS = 0.3;
/** Weight of the share of the query's words one field holds together (`unified analytics database`). */
const TOGETHER_WEIGHT = 0.5;
/** The steps of the rules: each above everything the later rules can add (relevance < 1.5 + 2.8 + 0.5). */
const KIND_STEP = 5;
const EXACT_STEP = 2 * KIND_STEP;
const COVERAGE_STEP = 2 * EXACT_STEP;
/** Name-layer match quality from which a name match covers a word (a prefix of half the word, a typo of a made-up word). */
const NAME_COVERS = 0.75;

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

/** A ranking with the score parts of each of the best entries. */
export interface ExplainedRanking {
  plan: QueryPlan;
  total: number;
  top: (Ranked & { parts: ScoreParts })[];
}

/** What one candidate gathered: the words it covers, whether the query is its name, and its relevance. */
export interface Candidate {
  /** Bit i set: query word i is covered. */
  covered: number;
  /** The query is the entry's name, id or repository. */
  exact: boolean;
  /** BM25 over the prose, normalised to [0, 1]. */
  prose: number;
  /** The name layer, plus the repository-name bonus. */
  name: number;
  /** Per field (SEARCH_FIELDS order), bit i set: the field holds query word i. */
  fields: number[];
}

export interface ScoreParts extends Candidate {
  /** Number of query words covered, of `words`. */
  coverage: number;
  words: number;
  /** The entry is of the kind the query asks for. */
  wantedKind: boolean;
  /** The largest share of the query's text words that one field holds, times TOGETHER_WEIGHT. */
  together: number;
  score: number;
}

const NAME_FIELD = SEARCH_FIELDS.indexOf('name');

export class Ranker {
  readonly prose: ProseIndex;
  private readonly size: number;
  private readonly lookups: EntryLookups;
  private readonly names: NameLayer;

  constructor(lookups: EntryLookups, names: NameLayer) {
    this.size = lookups.entries.length;
    this.lookups = lookups;
    this.names = names;
    this.prose = new ProseIndex(lookups.entries);
  }

  plan(query: string): QueryPlan {
    return planQuery(query, this.lookups);
  }

  /** The number of matching entries and the best `needed` of them; list order for an empty query. */
  rank(query: string, accepts: EntryFilter, needed: number): Ranking {
    if (!query.trim()) return this.browse(accepts, needed);
    return this.scored(this.plan(query), accepts, needed).ranking;
  }

  /** As rank(), with the parts of each of the best entries' scores. */
  explain(query: string, accepts: EntryFilter, needed: number): ExplainedRanking {
    const plan = this.plan(query);
    if (!query.trim()) return { plan, ...this.browse(accepts, needed), top: [] };
    const { ranking, candidates, common } = this.scored(plan, accepts, needed);
    const top = ranking.top.map((ranked) => ({
      ...ranked,
      parts: this.parts(plan, common, ranked.position, candidates.get(ranked.position) as Candidate),
    }));
    return { plan, total: ranking.total, top };
  }

  private scored(
    plan: QueryPlan,
    accepts: EntryFilter,
    needed: number,
  ): { ranking: Ranking; candidates: Map<number, Candidate>; common: Map<number, string> } {
    const common = this.prose.commonWords(plan.words);
    if (plan.words.length === 0) return { ranking: { total: 0, top: [] }, candidates: new Map(), common };
    const candidates = this.candidates(plan, accepts);
    const scores = new Map<number, number>();
    for (const [position, candidate] of candidates) {
      scores.set(position, this.parts(plan, common, position, candidate).score);
    }
    return { ranking: { total: scores.size, top: bestOf(scores, needed) }, candidates, common };
  }

  /** Every entry matching the query, with what it covers and its relevance parts. */
  candidates(plan: QueryPlan, accepts: EntryFilter): Map<number, Candidate> {
    const candidates = new Map<number, Candidate>();
    const at = (position: number): Candidate => {
      let candidate = candidates.get(position);
      if (!candidate) {
        candidate = { covered: 0, exact: false, prose: 0, name: 0, fields: SEARCH_FIELDS.map(() => 0) };
        candidates.set(position, candidate);
      }
      return candidate;
    };
    for (const [position, match] of this.prose.collect(plan.words, accepts)) {
      const candidate = at(position);
      candidate.prose = match.score;
      candidate.covered |= match.covered;
      candidate.fields = match.fields;
    }
    this.addNameMatches(plan.words, accepts, at);
    this.addExactBonus(plan, accepts, at);
    return candidates;
  }

  /**
   * The score of one candidate and its parts: coverage, relevance, kind. `common`: the query's
   * common words (ProseIndex.commonWords), by index.
   */
  parts(plan: QueryPlan, common: Map<number, string>, position: number, candidate: Candidate): ScoreParts {
    const entry = this.lookups.entries[position] as Entry;
    const fields = this.withCommonWords(common, position, candidate.fields);
    const covered =
      fields.reduce((all, mask) => all | mask, candidate.covered) | kindCoverage(plan, position, entry);
    const coverage = countBits(covered);
    const wantedKind = entry.kind === plan.wants;
    const textWords = plan.words.filter(({ role }) => role === 'text').length;
    const together = textWords === 0 ? 0 : (TOGETHER_WEIGHT * Math.max(...fields.map(countBits))) / textWords;
    const score =
      coverage * COVERAGE_STEP +
      (candidate.exact ? EXACT_STEP : 0) +
      (wantedKind ? KIND_STEP : 0) +
      candidate.prose +
      candidate.name +
      together;
    return { ...candidate, fields, covered, coverage, words: plan.words.length, wantedKind, together, score };
  }

  /** The candidate's words per field, with the common words it holds (never looked up) added. */
  private withCommonWords(
    common: Map<number, string>,
    position: number,
    fields: readonly number[],
  ): number[] {
    if (common.size === 0) return [...fields];
    const held = [...common].map(([index, term]) => ({
      bit: 1 << index,
      where: this.prose.fieldsHoldingCommon(term, position),
    }));
    return fields.map((mask, field) =>
      held.reduce((all, { bit, where }) => (where & (1 << field) ? all | bit : all), mask),
    );
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

  /**
   * The name layer: per text word, how well each name matches it (a close enough match also
   * covers the word); the name's relevance is the average over the words, or the match of the
   * query written without spaces (`victoria metrics` → VictoriaMetrics), which covers them all.
   */
  private addNameMatches(
    queryWords: readonly PlannedWord[],
    accepts: EntryFilter,
    at: (position: number) => Candidate,
  ): void {
    const text = queryWords.map((word, index) => ({ ...word, index })).filter(({ role }) => role === 'text');
    if (text.length === 0) return;
    const isRealWord = (word: string): boolean => this.prose.hasWord(word);
    const totals = new Map<number, number>();
    for (const { word, index } of text) {
      const best = new Map<number, number>();
      this.names.matchWord(word, isRealWord(word), best);
      for (const [position, quality] of best) {
        if (!accepts(position)) continue;
        totals.set(position, (totals.get(position) ?? 0) + quality / text.length);
        if (quality >= NAME_COVERS) coverInName(at(position), 1 << index);
      }
    }
    const joined = this.joinedNameMatches(text, isRealWord);
    for (const [position, quality] of joined) {
      if (!accepts(position) || quality <= (totals.get(position) ?? 0)) continue;
      totals.set(position, quality);
      if (quality >= NAME_COVERS) for (const { index } of text) coverInName(at(position), 1 << index);
    }
    for (const [position, quality] of totals) at(position).name += NAME_WEIGHT * quality;
  }

  /** The query's words written as one (two or three words), matched against names without spaces. */
  private joinedNameMatches(
    text: readonly PlannedWord[],
    isRealWord: (word: string) => boolean,
  ): Map<number, number> {
    const joined = new Map<number, number>();
    if (text.length < 2 || text.length > 3) return joined;
    // Words that all occur in the list are not a misspelt name: look the joined form up exactly.
    const words = text.map(({ word }) => word);
    this.names.matchWord(words.join(''), words.every(isRealWord), joined);
    return joined;
  }

  private addExactBonus(plan: QueryPlan, accepts: EntryFilter, at: (position: number) => Candidate): void {
    const exact = (position: number | undefined): void => {
      if (position !== undefined && accepts(position)) at(position).exact = true;
    };
    const { positionsByCompactName, positionById, positionByRepo, positionsByRepoName } = this.lookups;
    for (const position of positionsByCompactName.get(plan.allWords.join('')) ?? []) exact(position);
    exact(positionById.get(plan.text));
    exact(positionByRepo.get(fold(plan.text)));
    for (const position of positionsByRepoName.get(fold(plan.text)) ?? []) {
      if (accepts(position)) at(position).name += REPO_NAME_BONUS;
    }
  }
}

function coverInName(candidate: Candidate, bits: number): void {
  candidate.covered |= bits;
  candidate.fields[NAME_FIELD] = (candidate.fields[NAME_FIELD] ?? 0) | bits;
}

/** Words covered by the kind of entry: `library` by projects, `alternative` by all but the named entry. */
function kindCoverage(plan: QueryPlan, position: number, entry: Entry): number {
  let covered = 0;
  plan.words.forEach(({ role }, index) => {
    if (role === 'software' && entry.kind === 'project') covered |= 1 << index;
    if (role === 'alternative' && !plan.excluded.has(position)) covered |= 1 << index;
  });
  return covered;
}

function countBits(mask: number): number {
  let count = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) count++;
  return count;
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
