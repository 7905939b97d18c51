import type { Entry } from '../../src/list/types.js';

export function entry(id: string, overrides: Partial<Entry> = {}): Entry {
  return {
    id,
    name: id,
    url: `https://github.com/example/${id}`,
    description: `${id} does distributed things`,
    tags: [],
    archived: false,
    category: 'Databases',
    line: 1,
    ...overrides,
  };
}

/** Deterministic PRNG (mulberry32) so tests are reproducible. */
export function seededRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
