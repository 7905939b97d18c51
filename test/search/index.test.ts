import { beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/list/types.js';
import { resolveCategory } from '../../src/search/category-lookup.js';
import type { ProjectIndex } from '../../src/search/index.js';
import { isExpected, loadLabelledQueries } from './labelled-queries.js';
import { shippedIndex } from './shipped-list.js';

let index: ProjectIndex;
beforeAll(() => {
  index = shippedIndex();
});

const names = (entries: readonly Entry[]): string[] => entries.map((entry) => entry.name);
const topNames = (query: string, limit = 10): string[] =>
  names(index.search(query, { limit }).hits.map((hit) => hit.entry));
const byName = (name: string): Entry => {
  const entry = index.doc.entries.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no entry named ${name}`);
  return entry;
};

describe('labelled queries on the shipped list', () => {
  const queries = loadLabelledQueries();

  it('has at least 30 queries covering names, prefixes, typos, descriptions and languages', () => {
    expect(queries.length).toBeGreaterThanOrEqual(30);
    expect(new Set(queries.map((query) => query.kind))).toEqual(
      new Set(['exact', 'prefix', 'typo', 'descriptive', 'language']),
    );
  });

  it.each(queries.map((query) => [query.query, query.language ?? '', query] as const))(
    'ranks an expected result first for %j %s',
    (_text, _language, query) => {
      const top = index.search(query.query, { language: query.language, category: query.category, limit: 1 })
        .hits[0];
      expect(top?.entry.name).toBeDefined();
      expect(isExpected(top?.entry, query), `top result: ${top?.entry.name}`).toBe(true);
    },
  );
});

describe('search quality cases', () => {
  it.each([
    ['dkorn', 'dkron'],
    ['atomx', 'atomix'],
    ['sandglas', 'Sandglass'],
    ['seawe', 'SeaweedFS'],
  ])('typo or partial name %j finds %s first', (query, expected) => {
    expect(topNames(query)[0]).toBe(expected);
  });

  it('puts Jocko (a Kafka-like log) in the top 3 for "kafka"', () => {
    expect(topNames('kafka', 3)).toContain('Jocko');
  });

  it('finds every entry tagged or described with Raft for "raft"', () => {
    const withRaft = index.doc.entries.filter(
      (entry) => entry.tags.some((tag) => /raft/i.test(tag)) || /\braft\b/i.test(entry.description),
    );
    expect(withRaft.length).toBeGreaterThanOrEqual(6);
    const result = index.search('raft', { limit: 50 });
    expect(result.total).toBe(withRaft.length);
    expect(result.hits.map((hit) => hit.entry.id).sort()).toEqual(withRaft.map((entry) => entry.id).sort());
  });

  it('finds both [Raft + gRPC] entries first for "grpc"', () => {
    const tagged = index.doc.entries.filter((entry) => entry.tags.includes('gRPC'));
    expect(names(tagged)).toEqual(['etcd', 'nsq']);
    const top = index.search('grpc', { limit: 2 }).hits.map((hit) => hit.entry.id);
    expect(top.sort()).toEqual(tagged.map((entry) => entry.id).sort());
  });

  it('with language Go, "queue" finds nsq, Sandglass and dnpipes but not GatewayWorker', () => {
    const found = names(index.search('queue', { language: 'Go', limit: 50 }).hits.map((hit) => hit.entry));
    expect(found).toEqual(expect.arrayContaining(['nsq', 'Sandglass', 'dnpipes']));
    expect(found).not.toContain('GatewayWorker');
  });

  it('ranks an exact name above entries that only mention it', () => {
    expect(topNames('etcd')[0]).toBe('etcd');
    expect(topNames('Apache Zookeeper')[0]).toBe('Apache Zookeeper');
  });

  it('finds a project by its id, and by its repository', () => {
    const cockroach = byName('CockroachDB');
    expect(topNames(cockroach.id)[0]).toBe('CockroachDB');
    expect(topNames('cockroachdb/cockroach')[0]).toBe('CockroachDB');
  });
});

describe('search options', () => {
  it('defaults to 10 hits and reports the total before limit and offset', () => {
    const all = index.search('distributed', { limit: 100 });
    expect(all.total).toBeGreaterThan(10);
    expect(index.search('distributed').hits).toHaveLength(10);
    const page = index.search('distributed', { limit: 5, offset: 5 });
    expect(page.total).toBe(all.total);
    expect(page.hits.map((hit) => hit.entry.id)).toEqual(all.hits.slice(5, 10).map((hit) => hit.entry.id));
  });

  it('returns hits ranked by descending score', () => {
    const scores = index.search('distributed database', { limit: 100 }).hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by category, case-insensitively', () => {
    const result = index.search('distributed', { category: 'queues', limit: 100 });
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.every((hit) => hit.entry.category === 'Queues')).toBe(true);
  });

  it('filters by tag and language, case-insensitively and with language aliases', () => {
    const tagged = index.search('', { tag: 'raft', limit: 100 }).hits.map((hit) => hit.entry);
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((entry) => entry.tags.some((tag) => tag.toLowerCase() === 'raft'))).toBe(true);
    const golang = index.search('', { language: 'golang', limit: 100 });
    expect(golang.total).toBe(index.doc.entries.filter((entry) => entry.language === 'Go').length);
  });

  it('excludes archived entries only when asked', () => {
    expect(topNames('oklog')[0]).toBe('oklog');
    expect(index.search('oklog', { includeArchived: false }).hits.some((hit) => hit.entry.archived)).toBe(
      false,
    );
  });

  it('lists filtered entries in list order for an empty query', () => {
    const result = index.search('  ', { category: 'Frameworks', limit: 100 });
    const frameworks = index.doc.entries.filter((entry) => entry.category === 'Frameworks');
    expect(result.hits.map((hit) => hit.entry.id)).toEqual(frameworks.map((entry) => entry.id));
  });

  it('returns nothing for a query made only of stop words or symbols', () => {
    expect(index.search('the of and').total).toBe(0);
    expect(index.search('🚀🚀').total).toBe(0);
  });

  it('survives hostile input', () => {
    for (const query of [
      'x'.repeat(6000),
      '.*+?^${}()|[]\\',
      'a(b',
      '🚀 raft 🚀',
      '\u0000\uffff',
      'raft '.repeat(1000),
    ]) {
      const result = index.search(query);
      expect(result.hits.length).toBeLessThanOrEqual(10);
    }
    expect(topNames('🚀 raft 🚀').length).toBeGreaterThan(0);
  });
});

describe('autocomplete', () => {
  const expectWithinLimits = (suggestions: { label: string; value: string }[]): void => {
    expect(suggestions.length).toBeLessThanOrEqual(25);
    for (const suggestion of suggestions) {
      expect(suggestion.label.length).toBeLessThanOrEqual(100);
      expect(suggestion.value.length).toBeLessThanOrEqual(100);
      expect(suggestion.label.length).toBeGreaterThan(0);
    }
  };

  it('suggests the project being typed first, with its id as the value', () => {
    const [first] = index.suggest('coc');
    expect(first?.kind).toBe('project');
    expect(index.get(first?.value ?? '')?.name).toBe('CockroachDB');
  });

  it('suggests through typos and transpositions', () => {
    expect(index.suggest('dkorn').map((s) => index.get(s.value)?.name)).toContain('dkron');
    expect(index.suggestProject('atomx').map((s) => index.get(s.value)?.name)[0]).toBe('atomix');
  });

  it('suggests tags with the tag as the value', () => {
    expect(index.suggest('raf')).toContainEqual(expect.objectContaining({ kind: 'tag', value: 'Raft' }));
  });

  it('has a default for an empty prefix and truncates long labels with an ellipsis', () => {
    const suggestions = index.suggest('');
    expect(suggestions.length).toBeGreaterThan(0);
    expectWithinLimits(suggestions);
    const long = index.suggest('cockroach')[0];
    expect(long?.label.endsWith('…')).toBe(true);
  });

  it('suggests categories, languages, tags and projects within limits', () => {
    expect(index.suggestCategory('data')[0]?.value).toBe('Databases');
    expect(index.suggestCategory('').map((s) => s.value)).toEqual(
      index
        .categories()
        .map((c) => c.name)
        .slice(0, 25),
    );
    expect(index.suggestLanguage('gol')[0]?.value).toBe('Go');
    expect(index.suggestLanguage('golang')[0]?.value).toBe('Go');
    expect(index.suggestTag('gr')[0]?.value).toBe('gRPC');
    expect(index.suggestProject('')).toHaveLength(25);
    for (const prefix of ['', 'a', 'd', 'zz', 'x'.repeat(500)]) {
      expectWithinLimits(index.suggest(prefix));
      expectWithinLimits(index.suggestProject(prefix));
      expectWithinLimits(index.suggestTag(prefix));
      expectWithinLimits(index.suggestLanguage(prefix));
      expectWithinLimits(index.suggestCategory(prefix));
    }
  });
});

describe('lookups', () => {
  it('gets by id and resolves by id, name, or repository', () => {
    const dkron = byName('dkron');
    expect(index.get(dkron.id)).toBe(dkron);
    expect(index.get('no-such-id')).toBeUndefined();
    expect(index.resolve(dkron.id)).toBe(dkron);
    expect(index.resolve('DKRON')).toBe(dkron);
    expect(index.resolve('distribworks/dkron')).toBe(dkron);
    expect(index.resolve('nothing like this')).toBeUndefined();
  });

  it('resolves an ambiguous name to the first entry in list order', () => {
    const first = index.doc.entries.find((entry) => entry.name === 'etcd');
    expect(first?.repo).toBe('etcd-io/etcd');
    expect(index.resolve('etcd')).toBe(first);
    expect(index.resolve('asim/go-micro')?.name).toBe('etcd');
  });

  it('resolves categories case-insensitively to their canonical name', () => {
    expect(resolveCategory(index.doc, 'file systems')).toEqual({ category: 'File Systems' });
    expect(resolveCategory(index.doc, '  QUEUES ')).toEqual({ category: 'Queues' });
    expect(resolveCategory(index.doc, 'Nope')).toBeUndefined();
  });
});

describe('facets', () => {
  it('counts entries per category in list order', () => {
    const categories = index.categories();
    expect(categories.map((c) => c.name).slice(0, 3)).toEqual(['Databases', 'Locking', 'Streaming']);
    expect(categories.find((c) => c.name === 'Databases')?.count).toBe(8);
    expect(categories.reduce((sum, c) => sum + c.count, 0)).toBe(index.size);
  });

  it('counts languages and tags, most frequent first', () => {
    const languages = index.languages();
    expect(languages[0]).toEqual({
      name: 'Go',
      count: index.doc.entries.filter((e) => e.language === 'Go').length,
    });
    const raft = index.tags().find((tag) => tag.name === 'Raft');
    expect(raft?.count).toBe(5);
    expect(index.tags()[0]?.name).toBe('Raft');
  });
});

describe('random, similar, did you mean', () => {
  const sequence = (...values: number[]): (() => number) => {
    let i = 0;
    return () => values[i++ % values.length] as number;
  };

  it('picks a random entry matching the filters', () => {
    for (const value of [0, 0.3, 0.99999]) {
      const pick = index.random({ category: 'Queues' }, sequence(value));
      expect(pick?.category).toBe('Queues');
    }
    expect(index.random({ language: 'Cobol' }, Math.random)).toBeUndefined();
  });

  it('avoids excluded entries, unless every candidate is excluded', () => {
    const queues = index.doc.entries.filter((entry) => entry.category === 'Queues');
    const allButLast = new Set(queues.slice(0, -1).map((entry) => entry.id));
    expect(index.random({ category: 'Queues' }, sequence(0), allButLast)).toBe(queues.at(-1));
    const all = new Set(queues.map((entry) => entry.id));
    expect(index.random({ category: 'Queues' }, sequence(0), all)?.category).toBe('Queues');
  });

  it('finds similar entries, shared tags first, never the entry itself', () => {
    const nsq = byName('nsq');
    const similar = index.similar(nsq.id);
    expect(similar).toHaveLength(3);
    expect(similar[0]?.name).toBe('etcd');
    expect(similar.map((entry) => entry.id)).not.toContain(nsq.id);
    expect(index.similar('no-such-id')).toEqual([]);
    expect(index.similar(nsq.id, 1)).toHaveLength(1);
  });

  it('suggests the closest names for a query with no hits', () => {
    expect(index.search('dragonbaot zzz').total).toBeGreaterThan(0);
    expect(names(index.didYouMean('dragonbaot'))[0]).toBe('Dragonboat');
    expect(names(index.didYouMean('cokroachdbb'))).toContain('CockroachDB');
    expect(index.didYouMean('qqqqqqqqqqqq')).toEqual([]);
    expect(index.didYouMean('')).toEqual([]);
  });
});
