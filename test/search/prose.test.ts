import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { PROSE_FIELDS, ProseIndex, type FieldName } from '../../src/search/prose.js';
import { searchableText } from '../../src/search/index.js';
import { words } from '../../src/search/text.js';
import { loadShippedList } from './shipped-list.js';

const boosts: Record<FieldName, number> = {
  name: 5,
  tags: 3,
  language: 2,
  category: 1.5,
  description: 1,
  note: 0.5,
};

describe('ProseIndex BM25', () => {
  const documents = loadShippedList().entries.map(searchableText);
  const prose = new ProseIndex(documents, boosts, words);
  const mini = new MiniSearch<{ i: number }>({
    idField: 'i',
    fields: [...PROSE_FIELDS],
    tokenize: words,
    processTerm: (term) => term,
  });
  mini.addAll(documents.map((texts, i) => ({ i, ...texts })));

  it.each(['raft', 'distributed database', 'go framework actor', 'kafka', 'file system'])(
    'scores %j as MiniSearch does',
    (query) => {
      const terms = words(query);
      const matches = prose.match(terms.map((term) => new Map([[term, 1]])));
      // MiniSearch multiplies by the number of query terms matched; ProjectIndex weighs complete
      // and partial matches its own way (addProseScores), so the comparison applies it here.
      const termsHeld = (position: number): number =>
        (matches.groupMasks[position] as number).toString(2).split('1').length - 1;
      const ours = new Map(
        matches.documents.map((position) => [
          position,
          (matches.scores[position] as number) * termsHeld(position),
        ]),
      );
      const theirs = mini.search(query, { boost: boosts, combineWith: 'OR' });
      expect(ours.size).toBe(theirs.length);
      for (const result of theirs) expect(ours.get(result.id as number)).toBeCloseTo(result.score, 9);
    },
  );

  it('marks which query groups each document holds, and starts afresh on every match', () => {
    const first = prose.match([new Map([['raft', 1]]), new Map([['grpc', 1]])]);
    const both = first.documents.filter((position) => first.groupMasks[position] === 0b11);
    expect(both.map((position) => documents[position]?.name)).toEqual(['etcd', 'nsq']);
    const second = prose.match([new Map([['grpc', 1]])]);
    expect(second.documents.every((position) => second.groupMasks[position] === 1)).toBe(true);
    expect(second.documents).toHaveLength(2);
  });
});
