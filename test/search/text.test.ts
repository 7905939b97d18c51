import { describe, expect, it } from 'vitest';
import { camelParts, compact, queryWords, stem, verbRoot } from '../../src/search/text.js';

describe('text helpers', () => {
  it('folds plurals the same way in queries and in the index', () => {
    expect(stem('queues')).toBe('queue');
    expect(stem('libraries')).toBe('library');
    expect(stem('sandglass')).toBe('sandglass');
    expect(stem('redis')).toBe('redis');
    expect(stem('consensus')).toBe('consensus');
    expect(stem('nats')).toBe('nats');
  });

  it('finds the root a word shares with its -ing and -er forms, leaving short words whole', () => {
    expect(verbRoot('hashing')).toBe(verbRoot('hash'));
    expect(verbRoot('retrying')).toBe(verbRoot('retry'));
    expect(verbRoot('logging')).toBe(verbRoot('log'));
    expect(verbRoot('limiting')).toBe(verbRoot('limiter'));
    expect(verbRoot('scheduling')).toBe(verbRoot('scheduler'));
    for (const word of ['string', 'ring', 'server', 'broker', 'docker', 'reader'])
      expect(verbRoot(word)).toBe(word);
  });

  it('splits camel case and writes names without spaces', () => {
    expect(camelParts('GatewayWorker')).toEqual(['gateway', 'worker']);
    expect(camelParts('SeaweedFS')).toEqual(['seaweed', 'fs']);
    expect(camelParts('etcd')).toEqual([]);
    expect(compact('Apache Zookeeper')).toBe('apachezookeeper');
    expect(compact('ex_hash_ring')).toBe('exhashring');
    expect(compact('Ｊｏｃｋｏ')).toBe('jocko');
  });

  it('caps the query at 200 characters and 12 words', () => {
    expect(queryWords('a '.repeat(100) + 'tail')).not.toContain('tail');
    expect(queryWords('w '.repeat(50))).toHaveLength(12);
    expect(queryWords('.*+?^${}()|[]\\')).toEqual([]);
  });
});
