import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customIdPrefix,
  decodeCustomId,
  encodeCustomId,
  stateInteger,
} from '../../commands/lib/custom-id.js';

describe('custom-id codec', () => {
  it('round-trips compact state', () => {
    const id = encodeCustomId('search', { p: 2, q: 'raft', l: 'Go', c: undefined });
    expect(id).toBe('search:1|p=2|q=raft|l=Go');
    const decoded = decodeCustomId(id);
    expect(decoded?.prefix).toBe('search');
    expect(decoded?.state).toEqual({ p: '2', q: 'raft', l: 'Go' });
    expect(decoded?.shortened.size).toBe(0);
    expect(customIdPrefix(id)).toBe('search');
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
