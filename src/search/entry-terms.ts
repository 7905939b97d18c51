/**
 * Which index terms each entry holds, and in which fields: recorded while MiniSearch indexes the
 * list (one pass), kept as sorted term ids per entry. Ranking asks it which of the query's words
 * a candidate covers when the prose search did not look them up: words in most of the list's
 * entries ("distributed" in a list of distributed systems), and the most common word of a query
 * whose partial matches are searched without it.
 */
export class EntryTerms {
  private readonly ids: ReadonlyMap<string, number>;
  /** Entry i holds `termIds[start[i] .. start[i + 1])`, ascending, with their field masks. */
  private readonly start: Int32Array;
  private readonly termIds: Int32Array;
  private readonly fieldMasks: Uint8Array;

  constructor(
    ids: ReadonlyMap<string, number>,
    start: Int32Array,
    termIds: Int32Array,
    fieldMasks: Uint8Array,
  ) {
    this.ids = ids;
    this.start = start;
    this.termIds = termIds;
    this.fieldMasks = fieldMasks;
  }

  /** The fields (bit i: field i) of the entry at `position` holding `term`; 0 when none does. */
  fieldsHolding(term: string, position: number): number {
    const id = this.ids.get(term);
    if (id === undefined) return 0;
    let lo = this.start[position] ?? 0;
    let hi = (this.start[position + 1] ?? lo) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.termIds[mid] as number;
      if (at === id) return this.fieldMasks[mid] as number;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
}

/** Collects the terms of each entry as the indexer meets them, entry after entry. */
export class EntryTermsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly starts: number[] = [];
  private readonly termIds: number[] = [];
  private readonly fieldMasks: number[] = [];
  /** Where each term id sits among the current entry's terms. */
  private current = new Map<number, number>();

  /** Starts the next entry (entries come in list order). */
  startEntry(): void {
    this.starts.push(this.termIds.length);
    this.current = new Map();
  }

  add(term: string, field: number): void {
    let id = this.ids.get(term);
    if (id === undefined) this.ids.set(term, (id = this.ids.size));
    const at = this.current.get(id);
    if (at !== undefined) {
      this.fieldMasks[at] = (this.fieldMasks[at] as number) | (1 << field);
      return;
    }
    this.current.set(id, this.termIds.length);
    this.termIds.push(id);
    this.fieldMasks.push(1 << field);
  }

  build(): EntryTerms {
    const count = this.termIds.length;
    const start = Int32Array.from([...this.starts, count]);
    const termIds = new Int32Array(count);
    const fieldMasks = new Uint8Array(count);
    for (let entry = 0; entry + 1 < start.length; entry++) {
      const from = start[entry] as number;
      const to = start[entry + 1] as number;
      const order = [...Array(to - from).keys()].sort(
        (a, b) => (this.termIds[from + a] as number) - (this.termIds[from + b] as number),
      );
      order.forEach((offset, k) => {
        termIds[from + k] = this.termIds[from + offset] as number;
        fieldMasks[from + k] = this.fieldMasks[from + offset] as number;
      });
    }
    return new EntryTerms(this.ids, start, termIds, fieldMasks);
  }
}
