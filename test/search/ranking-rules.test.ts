/** The ranking rules of issue 12, each on a small list written to isolate it. */
import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import { ProjectIndex } from '../../src/search/index.js';

const LIST = [
  '# Awesome Things',
  '## Databases',
  '- [MongoDB](https://github.com/mongodb/mongo) - A document database designed for scale.',
  '- [Kafka](https://github.com/apache/kafka) - Awesome event streaming platform.',
  '- [Jocko](https://github.com/travisjeffery/jocko) - Kafka/distributed commit log service in Go.',
  '- [dragonboat](https://github.com/lni/dragonboat) - Multi-group Raft in pure Go.',
  '- [ex_hash_ring](https://github.com/discord/ex_hash_ring) - Consistent hash ring.',
  '- [Golimit](https://github.com/myntra/golimit) - Distributed rate limiter.',
  '## Resources',
  '- [awesome-database-learning](https://github.com/pingcap/awesome-database-learning) - Learning materials on database internals.',
  '- [In Search of an Understandable Consensus Algorithm](https://example.org/raft.pdf) - The Raft paper.',
  '- [Raft, explained](https://www.youtube.com/watch?v=raft) - A talk about Raft.',
  '- [Distributed commit log service](https://example.org/log-post) - Kafka/distributed commit log service in Go.',
].join('\n');

const index = ProjectIndex.build(parseList(LIST));
const top = (query: string, limit = 3): string[] =>
  index.search(query, { limit }).hits.map((hit) => hit.entry.name);

describe('ranking rules', () => {
  it('puts an entry holding every word above one holding some, even in its name', () => {
    expect(top('document database')[0]).toBe('MongoDB');
  });

  it('puts a project above a resource that covers the query as well, its name matching or not', () => {
    expect(top('commit log service in go', 2)).toEqual(['Jocko', 'Distributed commit log service']);
  });

  it('puts resources first when the query names a kind of resource', () => {
    expect(top('raft paper')[0]).toBe('In Search of an Understandable Consensus Algorithm');
    expect(top('raft talk')[0]).toBe('Raft, explained');
  });

  it('reads "library" and "implementation" as asking for a project', () => {
    expect(top('raft library')[0]).toBe('dragonboat');
    expect(top('raft implementation')[0]).toBe('dragonboat');
  });

  it('answers "X alternative" with entries other than X', () => {
    expect(top('kafka alternative')[0]).toBe('Jocko');
  });

  it('matches -ing and -er forms of a word', () => {
    expect(top('consistent hashing')[0]).toBe('ex_hash_ring');
    expect(top('distributed rate limiting')[0]).toBe('Golimit');
  });

  it('keeps exact names, prefixes and typos working, a resource’s name too', () => {
    expect(top('kafka')[0]).toBe('Kafka');
    expect(top('awes')[0]).toBe('awesome-database-learning');
    expect(top('dragonb')[0]).toBe('dragonboat');
    expect(top('mongdb')[0]).toBe('MongoDB');
  });
});

describe('explanations', () => {
  it('say which words matched in which fields, and the parts of the score', () => {
    const [hit] = index.explain('raft paper', { limit: 1 }).hits;
    expect(hit?.explanation).toMatchObject({
      wants: 'resource',
      coverage: 2,
      exact: false,
      wantedKind: true,
      words: [
        { word: 'raft', covered: true, sources: ['description'] },
        { word: 'paper', covered: true, sources: ['description', 'link'] },
      ],
    });
    expect(hit?.score).toBe(index.search('raft paper', { limit: 1 }).hits[0]?.score);
  });

  it('say a word is not matched, and a kind word is matched by the kind', () => {
    const [hit] = index.explain('raft library', { limit: 1 }).hits;
    expect(hit?.explanation.words).toEqual([
      { word: 'raft', role: 'text', covered: true, sources: ['description'] },
      { word: 'library', role: 'software', covered: true, sources: ['kind'] },
    ]);
    const partial = index.explain('document zebra', { limit: 1 }).hits[0]?.explanation;
    expect(partial?.words[1]).toEqual({ word: 'zebra', role: 'text', covered: false, sources: [] });
  });
});
