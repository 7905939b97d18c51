/** One entry matching a query, as the prose index and the name layer fill it in for ranking.ts. */
export interface Candidate {
  /** Bit i set: the prose holds query word i (or a close form). */
  proseWords: number;
  /** The query names the entry: its name (or the beginning of it), id or repository. */
  exact: boolean;
  /** BM25 over the prose, normalised to [0, 1] (more with kind words such as `library`). */
  prose: number;
  /** The name layer, plus the repository-name bonus. */
  name: number;
  /** Bit i set: the name layer found query word i (or a close form) in the name. */
  nameWords: number;
  /** The score ranking.ts gives it, once scored. */
  score: number;
}

export function newCandidate(): Candidate {
  return { proseWords: 0, exact: false, prose: 0, name: 0, nameWords: 0, score: 0 };
}
