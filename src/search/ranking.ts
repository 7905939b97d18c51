/**
 * Ranks the entries matching a query. Entries are compared by, in order:
 *
 * 1. Coverage: how many of the query's words the entry's fields hold, together (or close forms
 *    of them: plurals, `-ing`/`-er` forms, typos, the last word's completions; query-plan.ts for
 *    kind words and `X alternative`). An entry holding every word ranks above one holding some,
 *    even when that one holds them in its name.
 * 2. Names it: the query is the entry's name (or the beginning of its name), id or repository.
 * 3. Kind: the kind the query asks for first — resources when it names one (`paper`, `course`,
 *    `talk`…), projects otherwise: projects before pointers.
 * 4. Relevance:
 *       the prose signal (MiniSearch's field-boosted BM25, normalised to [0, 1]; prose.ts)
 *     + the name layer (typo- and transposition-tolerant matching of names; name-layer.ts), so
 *       that a name match breaks the remaining ties
 *     + a small bonus when the query is a repository's name.
 *
 * The score of a hit adds them up in steps wide enough that each rule only breaks the ties of
 * the one before: `coverage × 20 + names it × 10 + wanted kind × 5 + relevance` (relevance < 5).
 */
import type { EntryKind } from '../list/types.js';
import { Candidates } from './candidate.js';
import type { EntryFilter } from './entry-filter.js';
import type { EntryLookups } from './lookups.js';
import { addNameMatches } from './name-matches.js';
import type { NameLayer } from './name-layer.js';
import type { ProseIndex } from './prose.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import { type QueryContext, queryContext, type ScoreParts, scoreAll, scoreParts } from './scoring.js';
import { fold } from './text.js';

/** Added to the name layer when the query is a repository's name. */
const REPO_NAME_BONUS = 0.3;
/** A query this long names the entries whose name starts with it… */
const MIN_NAME_PREFIX = 3;
/** …unless more names than this do. */
const MAX_NAMED = 20;

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

interface Scored {
  ranking: Ranking;
  context: QueryContext;
}

export class Ranker {
  readonly prose: ProseIndex;
  private readonly size: number;
  private readonly lookups: EntryLookups;
  private readonly names: NameLayer;
  /** 1 where the entry is a resource: read per candidate, cheaper than the entry's own field. */
  private readonly resources: Uint8Array;
  /** The current query's candidates: reused by every query (a ranking runs start to end at once). */
  private readonly candidates: Candidates;

  constructor(lookups: EntryLookups, names: NameLayer, prose: ProseIndex) {
    this.size = lookups.entries.length;
    this.resources = Uint8Array.from(lookups.entries, (entry) => (entry.kind === 'resource' ? 1 : 0));
    this.candidates = new Candidates(this.size);
    this.lookups = lookups;
    this.names = names;
    this.prose = prose;
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
    const { ranking, context } = this.scored(plan, accepts, needed);
    const top = ranking.top.map((ranked) => ({
      ...ranked,
      parts: scoreParts(context, this.kindAt(ranked.position), ranked.position, this.candidates),
    }));
    return { plan, total: ranking.total, top };
  }

  private scored(plan: QueryPlan, accepts: EntryFilter, needed: number): Scored {
    const candidates = this.candidates;
    candidates.reset();
    const found = this.prose.collect(plan.words, accepts, candidates);
    const context = queryContext(plan, found, (term, position) => this.prose.fieldsHolding(term, position));
    if (plan.words.length === 0) return { ranking: { total: 0, top: [] }, context };
    addNameMatches(this.names, (word) => this.prose.hasWord(word), plan.words, accepts, candidates);
    this.addExactMatches(plan, accepts);
    scoreAll(context, candidates, this.resources);
    return { ranking: { total: candidates.size, top: bestOf(candidates, needed) }, context };
  }

  private kindAt(position: number): EntryKind {
    return this.resources[position] === 1 ? 'resource' : 'project';
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
   * The query names the entry: its name (or the beginning of its name), id or repository. A
   * repository's name gets a small bonus.
   */
  private addExactMatches(plan: QueryPlan, accepts: EntryFilter): void {
    const candidates = this.candidates;
    const exact = (position: number | undefined): void => {
      if (position === undefined || !accepts(position)) return;
      candidates.add(position);
      candidates.exact[position] = 1;
    };
    const { positionById, positionByRepo, positionsByRepoName } = this.lookups;
    for (const position of this.namedBy(plan.allWords.join(''))) exact(position);
    exact(positionById.get(plan.text));
    exact(positionByRepo.get(fold(plan.text)));
    for (const position of positionsByRepoName.get(fold(plan.text)) ?? []) {
      if (accepts(position)) candidates.addName(position, REPO_NAME_BONUS);
    }
  }

  /**
   * Entries whose name, written without spaces, is `typed` or (from MIN_NAME_PREFIX letters)
   * starts with it; none by prefix when more than MAX_NAMED names do: it names no one entry then.
   */
  private namedBy(typed: string): number[] {
    const exact = this.lookups.positionsByCompactName.get(typed) ?? [];
    if (typed.length < MIN_NAME_PREFIX) return exact;
    const names = this.lookups.namesStartingWith(typed, MAX_NAMED);
    if (names === undefined) return exact;
    const positions: number[] = [];
    for (const name of names) positions.push(...(this.lookups.positionsByCompactName.get(name) ?? []));
    return positions;
  }
}

/** Higher score first, then list order. */
function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || a.position - b.position;
}

/** The best `needed` candidates, best first, without sorting all of them. */
function bestOf(candidates: Candidates, needed: number): Ranked[] {
  if (needed <= 0) return [];
  const { positions, score } = candidates;
  if (needed * 4 >= positions.length) {
    return positions
      .map((position) => ({ position, score: score[position] as number }))
      .sort(compareRanked)
      .slice(0, needed);
  }
  const top: Ranked[] = [];
  for (const position of positions) {
    const value = score[position] as number;
    const worst = top[top.length - 1];
    if (
      top.length === needed &&
      worst &&
      (value < worst.score || (value === worst.score && position > worst.position))
    )
      continue;
    const ranked = { position, score: value };
    let at = top.length;
    while (at > 0 && compareRanked(ranked, top[at - 1] as Ranked) < 0) at--;
    top.splice(at, 0, ranked);
    if (top.length > needed) top.pop();
  }
  return top;
}
