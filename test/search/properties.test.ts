import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectIndex } from '../../src/search/index.js';
import { SortedVocabulary } from '../../src/search/vocabulary.js';
import { shippedIndex } from './shipped-list.js';

let index: ProjectIndex;
beforeAll(() => {
  index = shippedIndex();
});

const userText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('raft', 'coc', 'dkorn', 'the of and', '.*', '(', '[', '\\', '🚀'),
);

describe('search and suggestions on arbitrary input', () => {
  it('search never throws and respects limit and offset', () => {
    fc.assert(
      fc.property(
        userText,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (query, limit, offset) => {
          const result = index.search(query, { limit, offset });
          expect(result.hits.length).toBeLessThanOrEqual(limit);
          expect(result.hits.length).toBeLessThanOrEqual(Math.max(0, result.total - offset));
          expect(result.total).toBeLessThanOrEqual(index.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a short page is the start of the full ranking', () => {
    const queries = fc.oneof(
      userText,
      fc.constantFrom('distributed', 'distributed system', 'go', 'raft database', 'data'),
    );
    fc.assert(
      fc.property(queries, fc.integer({ min: 1, max: 6 }), (query, limit) => {
        const page = index.search(query, { limit }).hits.map((hit) => hit.entry.id);
        const all = index.search(query, { limit: 1000 }).hits.map((hit) => hit.entry.id);
        expect(page).toEqual(all.slice(0, limit));
      }),
      { numRuns: 200 },
    );
  });

  it('every suggester never throws and respects the 25 × 100 limits', () => {
    fc.assert(
      fc.property(userText, (prefix) => {
        for (const suggestions of [
          index.suggest(prefix),
          index.suggestProject(prefix),
          index.suggestTag(prefix),
          index.suggestLanguage(prefix),
          index.suggestCategory(prefix),
        ]) {
          expect(suggestions.length).toBeLessThanOrEqual(25);
          for (const { label, value } of suggestions) {
            expect(label.length).toBeLessThanOrEqual(100);
            expect(value.length).toBeLessThanOrEqual(100);
          }
        }
        expect(index.didYouMean(prefix).length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 300 },
    );
  });
});

/** Optimal-string-alignment distance, the slow obvious way. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('typo-tolerant vocabulary lookup', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 7 });

  it('finds exactly the words within the edit distance, counting a transposition as one edit', () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 60 }),
        word,
        fc.integer({ min: 0, max: 2 }),
        (words, query, maxEdits) => {
          const vocabulary = new SortedVocabulary(words);
          const found = new Map(
            vocabulary.fuzzy(query, maxEdits, 'whole').map((m) => [vocabulary.words[m.index], m.distance]),
          );
          const expected = new Map(
            vocabulary.words
              .map((w) => [w, osaDistance(query, w)] as const)
              .filter(([, distance]) => distance <= maxEdits),
          );
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('in prefix mode, matches words having a prefix (about as long as the query) within the distance', () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 60 }),
        word,
        fc.integer({ min: 0, max: 2 }),
        (words, query, maxEdits) => {
          const vocabulary = new SortedVocabulary(words);
          const found = new Map(
            vocabulary.fuzzy(query, maxEdits, 'prefix').map((m) => [vocabulary.words[m.index], m.distance]),
          );
          const shortest = query.length >= 4 ? query.length - 1 : query.length;
          const expected = new Map<string, number>();
          for (const w of vocabulary.words) {
            let best = osaDistance(query, w);
            for (let length = shortest; length <= w.length; length++)
              best = Math.min(best, osaDistance(query, w.slice(0, length)));
            if (best <= maxEdits) expected.set(w, best);
          }
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds "dkron" for "dkorn" with one edit', () => {
    const vocabulary = new SortedVocabulary(['dkron', 'dragonboat', 'etcd']);
    expect(vocabulary.fuzzy('dkorn', 1, 'whole').map((m) => vocabulary.words[m.index])).toEqual(['dkron']);
  });
});
