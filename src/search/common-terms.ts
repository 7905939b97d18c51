/**
 * Which entries hold each common term: a word in so many of the list's entries ("distributed" in
 * a list of distributed systems) that looking it up in the prose index costs the most and moves
 * BM25 the least. Ranking still needs to know who covers it (so that `distributed sqlite` puts the
 * distributed SQLite above a tutorial about SQLite) and in which fields: one byte per entry per
 * common term, a bit per field.
 */
export class CommonTerms {
  private readonly holders = new Map<string, Uint8Array>();

  /**
   * @param terms the common terms
   * @param fieldTermsOf the processed terms of each field (at most 8) of the entry at a position
   */
  constructor(
    terms: Iterable<string>,
    size: number,
    fieldTermsOf: (position: number) => Iterable<Iterable<string>>,
  ) {
    for (const term of terms) this.holders.set(term, new Uint8Array(size));
    if (this.holders.size === 0) return;
    for (let position = 0; position < size; position++) {
      let field = 0;
      for (const fieldTerms of fieldTermsOf(position)) {
        for (const term of fieldTerms) {
          const holders = this.holders.get(term);
          if (holders !== undefined) holders[position] = (holders[position] as number) | (1 << field);
        }
        field++;
      }
    }
  }

  has(term: string): boolean {
    return this.holders.has(term);
  }

  /** The fields (bit i: field i) of the entry at `position` holding the common `term`; 0 when none does. */
  fieldsHolding(term: string, position: number): number {
    return this.holders.get(term)?.[position] ?? 0;
  }
}
