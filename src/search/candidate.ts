/**
 * The entries matching one query and what ranking needs of each, filled in by the prose index,
 * the name layer and the exact-name lookups. Kept in arrays indexed by list position and reused
 * from one query to the next (a ranking runs synchronously, start to end), so a query with
 * thousands of matches allocates nothing per match.
 */

/** One candidate, spelled out: for explanations. */
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
}

const MAX_GENERATION = 0x7fffffff;

export class Candidates {
  /** The matching positions, in the order they were found. */
  readonly positions: number[] = [];
  readonly proseWords: Int32Array;
  readonly nameWords: Int32Array;
  readonly prose: Float64Array;
  readonly name: Float64Array;
  readonly exact: Uint8Array;
  readonly score: Float64Array;
  /** A position is a candidate of the current query when its stamp is the current generation. */
  private readonly stamp: Int32Array;
  private generation = 0;

  constructor(size: number) {
    this.proseWords = new Int32Array(size);
    this.nameWords = new Int32Array(size);
    this.prose = new Float64Array(size);
    this.name = new Float64Array(size);
    this.exact = new Uint8Array(size);
    this.score = new Float64Array(size);
    this.stamp = new Int32Array(size);
  }

  get size(): number {
    return this.positions.length;
  }

  /** Starts a new query: forgets the candidates of the previous one. */
  reset(): void {
    this.positions.length = 0;
    this.generation++;
    if (this.generation === MAX_GENERATION) {
      this.stamp.fill(0);
      this.generation = 1;
    }
  }

  has(position: number): boolean {
    return this.stamp[position] === this.generation;
  }

  /** Makes `position` a candidate, with nothing known of it yet, unless it already is one. */
  add(position: number): void {
    if (this.has(position)) return;
    this.stamp[position] = this.generation;
    this.positions.push(position);
    this.proseWords[position] = 0;
    this.nameWords[position] = 0;
    this.prose[position] = 0;
    this.name[position] = 0;
    this.exact[position] = 0;
    this.score[position] = 0;
  }

  /** Adds `bits` to the words the name layer found in the candidate's name (making it a candidate). */
  coverInName(position: number, bits: number): void {
    this.add(position);
    this.nameWords[position] = (this.nameWords[position] as number) | bits;
  }

  /** Adds to the name part of the candidate's relevance (making it a candidate). */
  addName(position: number, amount: number): void {
    this.add(position);
    this.name[position] = (this.name[position] as number) + amount;
  }

  /** Adds to the prose part of the relevance of a position already a candidate. */
  addProse(position: number, amount: number): void {
    if (this.has(position)) this.prose[position] = (this.prose[position] as number) + amount;
  }

  view(position: number): Candidate {
    return {
      proseWords: this.proseWords[position] ?? 0,
      exact: this.exact[position] === 1,
      prose: this.prose[position] ?? 0,
      name: this.name[position] ?? 0,
      nameWords: this.nameWords[position] ?? 0,
    };
  }
}
