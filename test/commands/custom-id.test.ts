import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, stateInteger } from '../../commands/lib/custom-id.js';
import { componentPrefixOf } from '../../src/discord/routes.js';

/** How many code points `work` reads by iterating strings (how `[...text]` and `for…of` read them). */
function codePointsRead(work: () => void): number {
  const original = String.prototype[Symbol.iterator];
  let read = 0;
  function* counting(this: string) {
    for (const point of original.call(this)) {
      read++;
      yield point;
    }
  }
  String.prototype[Symbol.iterator] = counting as typeof original;
  try {
    work();
  } finally {
    String.prototype[Symbol.iterator] = original;
  }
  return read;
}

describe('custom-id codec', () => {
  it('round-trips compact state', () => {
    const id = encodeCustomId('search', { p: 2, q: 'raft', l: 'Go', c: undefined });
    expect(id).toBe('search:1|p=2|q=raft|l=Go');
    const decoded = decodeCustomId(id);
    expect(decoded?.prefix).toBe('search');
    expect(decoded?.state).toEqual({ p: '2', q: 'raft', l: 'Go' });
    expect(decoded?.shortened.size).toBe(0);
    // The router finds the answering module by the same prefix.
    expect(componentPrefixOf(id)).toBe('search');
  });

  it('round-trips separators and percent signs inside values', () => {
    const id = encodeCustomId('search', { q: 'a|b=c %7C 100%' });
    expect(decodeCustomId(id)?.state['q']).toBe('a|b=c %7C 100%');
  });

  it('never exceeds 100 characters and marks cut values as shortened prefixes', () => {
    const query = 'consensus '.repeat(30);
    const id = encodeCustomId('search', { p: 12, q: query, c: 'Databases', t: 'Raft' });
    expect(id.length).toBeLessThanOrEqual(100);
    const decoded = decodeCustomId(id);
    expect(decoded?.shortened.has('q')).toBe(true);
    expect(query.startsWith(decoded?.state['q'] ?? 'x')).toBe(true);
    expect(decoded?.state['c']).toBe('Databases');
    expect(decoded?.state['p']).toBe('12');
  });

  it('fits any state of strings into 100 characters and decodes it to prefixes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 150 }), fc.string({ maxLength: 150 }), fc.nat(99999), (q, c, p) => {
        const id = encodeCustomId('category', { p, q, c });
        expect(id.length).toBeLessThanOrEqual(100);
        const decoded = decodeCustomId(id);
        expect(decoded).toBeDefined();
        expect(q.startsWith(decoded?.state['q'] ?? '')).toBe(true);
        expect(c.startsWith(decoded?.state['c'] ?? '')).toBe(true);
        expect(decoded?.state['p']).toBe(String(p));
      }),
    );
  });

  it('reads a long value once: a 3,000-character query costs no more than a 300-character one', () => {
    // Cutting one code point per pass re-read the whole value each time: seconds for 6,000 characters.
    const readFor = (length: number) =>
      codePointsRead(() => encodeCustomId('search', { p: 2, q: 'r'.repeat(length), c: 'Databases' }));
    expect(readFor(3000)).toBeLessThanOrEqual(readFor(300));
  });

  it('gives a long value the same id as its first 101 characters', () => {
    const query = 'consensus raft '.repeat(200);
    const id = encodeCustomId('search', { p: 2, q: query, c: 'Databases' });
    expect(id).toBe(encodeCustomId('search', { p: 2, q: query.slice(0, 101), c: 'Databases' }));
    expect(decodeCustomId(id)?.shortened.has('q')).toBe(true);
  });

  it('cuts long values by code points, never inside an emoji', () => {
    const id = encodeCustomId('search', { q: '🦀'.repeat(500) });
    const value = decodeCustomId(id)?.state['q'] ?? '';
    expect(id.length).toBeLessThanOrEqual(100);
    expect(value.length).toBeGreaterThan(0);
    expect(value).toBe('🦀'.repeat(value.length / 2));
  });

  it('returns undefined for garbage, foreign and other-version ids', () => {
    for (const id of [
      '',
      'garbage',
      'search',
      'search:2|p=1',
      'search:1|p',
      'Search:1|p=1',
      'search:1|p=1|p=2',
      'x'.repeat(101),
    ]) {
      expect(decodeCustomId(id), id).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        expect(() => decodeCustomId(text)).not.toThrow();
      }),
    );
  });

  it('reads page numbers only when they are plain integers', () => {
    expect(stateInteger({ p: '3' }, 'p')).toBe(3);
    expect(stateInteger({ p: '-1' }, 'p')).toBeUndefined();
    expect(stateInteger({ p: '1e9' }, 'p')).toBeUndefined();
    expect(stateInteger({}, 'p')).toBeUndefined();
  });
});
