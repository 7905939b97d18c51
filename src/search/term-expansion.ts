/**
 * Query-word expansion: which of the list's index terms each query word is looked up as, with its
 * weight (the word itself, its `-ing`/`-er` forms, its closest spellings, the terms the last word
 * starts), and which words are too common to search. prose.ts scores the terms with BM25.
 */
import type { PlannedWord } from './query-plan.js';
import { typoBudget } from './name-layer.js';
import { fold, isStopWord, stem, verbRoot } from './text.js';
import type { SortedVocabulary } from './vocabulary.js';

/** Weight of an index term one typo away from a query word (divided by the number of typos). */
const TYPO_WEIGHT = 0.5;
/** Weight of an index term the last query word is a prefix of: half, plus half times the share typed. */
const PREFIX_WEIGHT = 0.45;
const MAX_TYPO_EXPANSIONS = 5;
/** Weight of the list's `-ing`/`-er` forms of a query word. */
const VARIANT_WEIGHT = 0.8;
/** `-ing`/`-er` forms held by more entries than this together are not looked up. */
const MAX_VARIANT_POSTINGS = 200;
/** A term in more than this share of the entries is too common to be worth scoring next to others. */
const COMMON_TERM_SHARE = 0.3;
const MAX_PREFIX_EXPANSIONS = 30;

type AddTerm = (term: string, weight: number) => void;

/** The index terms each query word was looked up as, with their weights. */
export type WordTerms = Map<number, Map<string, number>>;

export class TermExpansion {
  /** How often each index term occurs (a close estimate of the number of entries holding it). */
  private readonly terms: Map<string, number>;
  private readonly vocabulary: SortedVocabulary;
  /** Terms in more than COMMON_TERM_SHARE of the entries. */
  private readonly common: Set<string>;
  /** The list's terms by the root they share with their `-ing`/`-er` forms, where it has such forms. */
  private readonly variants: Map<string, string[]>;

  constructor(size: number, terms: Map<string, number>, vocabulary: SortedVocabulary) {
    this.terms = terms;
    this.vocabulary = vocabulary;
    const commonLimit = COMMON_TERM_SHARE * size;
    this.common = new Set([...terms].filter(([, count]) => count > commonLimit).map(([term]) => term));
    this.variants = variantsByRoot(terms.keys());
  }

  /** Whether the list holds the index term. */
  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** Whether a query word, as the index processes it (or an `-ing`/`-er` form of it), occurs in the list's prose. */
  hasWord(word: string): boolean {
    const term = processTerm(word) ?? word;
    const root = verbRoot(term);
    return this.terms.has(term) || this.terms.has(root) || this.variants.has(root);
  }

  /** The query words (by index) that are common terms: who holds them is looked up, not searched. */
  commonWords(queryWords: readonly PlannedWord[], selective: boolean): Map<number, string> {
    const common = new Map<number, string>();
    if (!selective) return common;
    queryWords.forEach(({ word, role }, index) => {
      const term = processTerm(word);
      if (role === 'text' && term !== null && this.common.has(term)) common.set(index, term);
    });
    return common;
  }

  termCount(term: string): number {
    return this.terms.get(term) ?? 0;
  }

  /**
   * For each query word, the index terms to look up, with their weights: the word itself when the
   * list contains it; else its closest spellings in the list (typos); for the last word also the
   * terms it starts (being typed). Done here rather than with MiniSearch's fuzzy/prefix options,
   * which expand every word against the whole vocabulary and are 10-100× slower.
   */
  expandTerms(queryWords: readonly PlannedWord[], selective: boolean): WordTerms {
    const groups: WordTerms = new Map();
    queryWords.forEach(({ word, role, last }, index) => {
      const term = processTerm(word);
      // A word in most entries ("distributed") barely moves BM25 but costs the most to score:
      // skip it when another word of the query does the selecting.
      if (role !== 'text' || !term || (selective && this.common.has(term))) return;
      const group = new Map<string, number>();
      const add: AddTerm = (expansion, weight) => {
        if (weight > (group.get(expansion) ?? 0)) group.set(expansion, weight);
      };
      if (this.terms.has(term)) add(term, 1);
      const forms = this.addVariants(term, add);
      if (!this.terms.has(term) && !forms) this.addTypoExpansions(term, add);
      // The word as typed, not stemmed: `lifts` is on its way to `liftsea`, not `liftbridge`.
      if (last && word.length >= 3) this.addPrefixExpansions(fold(word), add);
      if (group.size > 0) groups.set(index, group);
    });
    return groups;
  }

  /** Whether some text word of the query is not a common term. */
  anySelective(queryWords: readonly PlannedWord[]): boolean {
    return queryWords.some(({ word, role }) => {
      const term = processTerm(word);
      return role === 'text' && term !== null && !this.common.has(term);
    });
  }

  /**
   * The list's other `-ing`/`-er` forms of a word (`hashing` → `hash`), unless they are in so many
   * entries that scoring them would cost more than the word itself (then only the word as typed
   * is looked up, or its typos); false when none was added.
   */
  private addVariants(term: string, add: AddTerm): boolean {
    const root = verbRoot(term);
    const derived = this.variants.get(root);
    if (derived === undefined && (root === term || !this.terms.has(root))) return false;
    const forms = new Set(derived);
    if (this.terms.has(root)) forms.add(root);
    forms.delete(term);
    let postings = 0;
    for (const form of forms) postings += this.termCount(form);
    if (forms.size === 0 || postings > MAX_VARIANT_POSTINGS) return false;
    for (const form of forms) add(form, VARIANT_WEIGHT);
    return true;
  }

  private addTypoExpansions(term: string, add: AddTerm): void {
    const matches = this.vocabulary.fuzzy(term, typoBudget(term.length), 'whole', {
      maxResults: 50,
      sameFirstLetter: true,
    });
    matches.sort((a, b) => a.distance - b.distance || a.index - b.index);
    for (const match of matches.slice(0, MAX_TYPO_EXPANSIONS)) {
      add(this.vocabulary.words[match.index] as string, TYPO_WEIGHT / match.distance);
    }
  }

  private addPrefixExpansions(term: string, add: AddTerm): void {
    const [start, end] = this.vocabulary.prefixRange(term);
    for (let index = start; index < Math.min(end, start + MAX_PREFIX_EXPANSIONS); index++) {
      const expansion = this.vocabulary.words[index] as string;
      if (expansion !== term)
        add(expansion, PREFIX_WEIGHT + PREFIX_WEIGHT * (term.length / expansion.length));
    }
  }
}

/** Terms by their verbRoot(), keeping only roots shared by a derived form (`hash`: `hash`, `hashing`). */
function variantsByRoot(terms: Iterable<string>): Map<string, string[]> {
  const byRoot = new Map<string, string[]>();
  for (const term of terms) {
    const root = verbRoot(term);
    const same = byRoot.get(root);
    if (same) same.push(term);
    else byRoot.set(root, [term]);
  }
  for (const [root, same] of byRoot) if (same.length === 1 && same[0] === root) byRoot.delete(root);
  return byRoot;
}

export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return isStopWord(lower) ? null : stem(lower);
}
