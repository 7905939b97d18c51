/**
 * The score of one candidate, by the rules of ranking.ts: coverage of the query's words, exact
 * name, the kind the query asks for, relevance. Runs once per matching entry, so it works in
 * scratch space kept with the query rather than allocating.
 */
import type { EntryKind } from '../list/types.js';
import type { Candidate } from './candidate.js';
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

/** The rules applied to one candidate, into `context.evaluation` (no allocation: it runs per matching entry). */
export function evaluate(
  context: QueryContext,
  kind: EntryKind,
  position: number,
  candidate: Candidate,
): Evaluation {
  const evaluation = context.evaluation;
  const byKind = (kind === 'project' ? context.softwareBits : 0) | alternativeCoverage(context, position);
  const covered = candidate.proseWords | candidate.nameWords | byKind;
  evaluation.covered = context.lookedUp.length === 0 ? covered : lookUp(context, position, covered);
  evaluation.coverage = countBits(evaluation.covered);
  evaluation.wantedKind = kind === context.plan.wants;
  evaluation.score =
    evaluation.coverage * COVERAGE_STEP +
    (candidate.exact ? EXACT_STEP : 0) +
    (evaluation.wantedKind ? KIND_STEP : 0) +
    candidate.prose +
    candidate.name;
  return evaluation;
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
  candidate: Candidate,
): ScoreParts {
  const evaluation = { ...evaluate(context, kind, position, candidate) };
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

/** `alternative` is covered by every entry but the one the query names. */
function alternativeCoverage(context: QueryContext, position: number): number {
  return context.alternativeBits === 0 || context.plan.excluded.has(position) ? 0 : context.alternativeBits;
}

function countBits(mask: number): number {
  let count = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) count++;
  return count;
}
