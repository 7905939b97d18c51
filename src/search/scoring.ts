/**
 * The score of one candidate, by the rules of ranking.ts: coverage of the query's words, exact
 * name, the kind the query asks for, relevance. Runs once per matching entry, so it works in
 * scratch space kept with the query rather than allocating.
 */
import type { EntryKind } from '../list/types.js';
import type { Candidate, Candidates } from './candidate.js';
import { type LookedUpWord, type ProseMatches, SEARCH_FIELDS } from './prose.js';
import type { QueryPlan } from './query-plan.js';

/**
 * The steps of the rules, each above everything the later rules can add: relevance stays below
 * 1.5 (prose) + 2.8 (name layer).
 */
const KIND_STEP = 5;
const EXACT_STEP = 2 * KIND_STEP;
const COVERAGE_STEP = 2 * EXACT_STEP;

/** What scoring needs of the query, worked out once per query. */
export interface QueryContext {
  plan: QueryPlan;
  /** The index terms each text word of the query stands for, by word index. */
  wordTerms: Map<number, string[]>;
  /** Words whether a candidate holds them is looked up (ProseMatches.lookedUp). */
  lookedUp: LookedUpWord[];
  /** Fields (bit i: SEARCH_FIELDS[i]) of an entry holding an index term (ProseIndex.fieldsHolding). */
  fieldsHolding: (term: string, position: number) => number;
  /** Words covered by every project (`library`), and by every entry but the named one (`alternative`). */
  softwareBits: number;
  alternativeBits: number;
  /** Scratch: the evaluation of the candidate being scored (copy it to keep it). */
  evaluation: Evaluation;
}

/** The rules applied to one candidate. */
export interface Evaluation {
  /** Bit i set: query word i is covered, by a field or by a rule. */
  covered: number;
  /** Number of query words covered, of `words`. */
  coverage: number;
  words: number;
  /** The entry is of the kind the query asks for. */
  wantedKind: boolean;
  score: number;
}

export type ScoreParts = Candidate &
  Evaluation & {
    /** Per field (SEARCH_FIELDS order), bit i set: the field holds query word i (name-layer matches aside). */
    fields: number[];
  };

export function queryContext(
  plan: QueryPlan,
  prose: Pick<ProseMatches, 'wordTerms' | 'lookedUp'>,
  fieldsHolding: (term: string, position: number) => number,
): QueryContext {
  let softwareBits = 0;
  let alternativeBits = 0;
  plan.words.forEach(({ role }, index) => {
    if (role === 'software') softwareBits |= 1 << index;
    if (role === 'alternative') alternativeBits |= 1 << index;
  });
  return {
    plan,
    wordTerms: prose.wordTerms,
    lookedUp: prose.lookedUp,
    fieldsHolding,
    softwareBits,
    alternativeBits,
    evaluation: { covered: 0, coverage: 0, words: plan.words.length, wantedKind: false, score: 0 },
  };
}

/** The rules applied to one candidate, into `context.evaluation` (for explanations). */
export function evaluate(
  context: QueryContext,
  kind: EntryKind,
  position: number,
  candidates: Candidates,
): Evaluation {
  const evaluation = context.evaluation;
  evaluation.covered = coveredWords(context, position, kind === 'resource', candidates);
  evaluation.coverage = countBits(evaluation.covered);
  evaluation.wantedKind = kind === context.plan.wants;
  evaluation.score = scoreOf(evaluation.coverage, evaluation.wantedKind, position, candidates);
  return evaluation;
}

/**
 * Scores every candidate into `candidates.score`: evaluate() without the bookkeeping, as it runs
 * once per matching entry. `resources[i]` is 1 where the entry at position i is a resource.
 */
export function scoreAll(context: QueryContext, candidates: Candidates, resources: Uint8Array): void {
  const wantsResource = context.plan.wants === 'resource';
  for (const position of candidates.positions) {
    const resource = resources[position] === 1;
    const coverage = countBits(coveredWords(context, position, resource, candidates));
    candidates.score[position] = scoreOf(coverage, resource === wantsResource, position, candidates);
  }
}

function coveredWords(
  context: QueryContext,
  position: number,
  resource: boolean,
  candidates: Candidates,
): number {
  let covered = (candidates.proseWords[position] as number) | (candidates.nameWords[position] as number);
  if (!resource) covered |= context.softwareBits;
  if (context.alternativeBits !== 0 && !context.plan.excluded.has(position))
    covered |= context.alternativeBits;
  return context.lookedUp.length === 0 ? covered : lookUp(context, position, covered);
}

function scoreOf(coverage: number, wantedKind: boolean, position: number, candidates: Candidates): number {
  return (
    coverage * COVERAGE_STEP +
    (candidates.exact[position] === 1 ? EXACT_STEP : 0) +
    (wantedKind ? KIND_STEP : 0) +
    (candidates.prose[position] as number) +
    (candidates.name[position] as number)
  );
}

/** `covered`, plus the looked-up words (common ones, or left out of the search) the entry holds. */
function lookUp(context: QueryContext, position: number, covered: number): number {
  let bits = covered;
  for (const { bit, terms } of context.lookedUp) {
    if ((bits & bit) === 0 && terms.some((term) => context.fieldsHolding(term, position) !== 0)) bits |= bit;
  }
  return bits;
}

/** evaluate() with everything spelled out, for explanations. */
export function scoreParts(
  context: QueryContext,
  kind: EntryKind,
  position: number,
  candidates: Candidates,
): ScoreParts {
  const evaluation = { ...evaluate(context, kind, position, candidates) };
  const candidate: Candidate = candidates.view(position);
  return { ...candidate, ...evaluation, fields: fieldMasks(context, position) };
}

/** Per field, the query's text words it holds, by their index terms (for explanations). */
function fieldMasks(context: QueryContext, position: number): number[] {
  const masks = SEARCH_FIELDS.map(() => 0);
  for (const [index, terms] of context.wordTerms) {
    const bit = 1 << index;
    for (const term of terms) {
      const where = context.fieldsHolding(term, position);
      for (let field = 0; where >> field !== 0; field++) {
        if (where & (1 << field)) masks[field] = (masks[field] as number) | bit;
      }
    }
  }
  return masks;
}

/** The number of bits set (at most 12 query words). */
function countBits(mask: number): number {
  const pairs = mask - ((mask >>> 1) & 0x55555555);
  const nibbles = (pairs & 0x33333333) + ((pairs >>> 2) & 0x33333333);
  return (((nibbles + (nibbles >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
