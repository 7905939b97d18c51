import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/parse.js';
import { lookupCategory, lookupFilters, lookupProject } from '../../src/search/filter-lookup.js';
import { MAX_LISTED_NAMES, missingText, noMatchText } from '../../src/search/lookup-messages.js';
import { ProjectIndex } from '../../src/search/index.js';
import { entry } from '../support/entry.js';

const indexOf = (path: string) => ProjectIndex.build(parseList(readFileSync(path, 'utf8')));
let shipped: ProjectIndex;
let upstream: ProjectIndex;

beforeAll(() => {
  shipped = indexOf('data/awesome-distributed-system-projects.md');
  upstream = indexOf('test/fixtures/upstream-distributed-system-projects.md');
});

function missingOf<T>(
  lookup: { ok: true; value: T } | { ok: false; missing: Parameters<typeof missingText>[0] },
) {
  if (lookup.ok) throw new Error('expected a missing name');
  return lookup.missing;
}

describe('one lookup of filters, categories and projects', () => {
  it('resolves names as people type them', () => {
    const found = lookupFilters(upstream, {
      category: 'databases › time series',
      language: 'golang',
      tag: 'raft',
    });
    expect(found).toMatchObject({
      ok: true,
      value: {
        category: 'Databases',
        subcategory: 'Time Series',
        language: 'Go',
        tag: 'Raft',
        raw: { category: 'Databases › Time Series', language: 'Go', tag: 'Raft' },
      },
    });
    expect(lookupCategory(shipped, 'LOCKING')).toEqual({ ok: true, value: { category: 'Locking' } });
    expect(lookupProject(shipped, 'etcd')).toMatchObject({ ok: true, value: { name: 'etcd' } });
  });

  it('suggests a name a typo away, once', () => {
    expect(missingText(missingOf(lookupFilters(upstream, { language: 'Rusr' })))).toBe(
      'There is no language “Rusr” in the list. Did you mean Rust?',
    );
    expect(missingText(missingOf(lookupCategory(upstream, 'Databses')))).toBe(
      'There is no category “Databses” in the list. Did you mean Databases?',
    );
    expect(missingText(missingOf(lookupCategory(upstream, 'Graph Databse')))).toBe(
      'There is no category “Graph Databse” in the list. Did you mean Databases › Graph Databases?',
    );
    expect(missingText(missingOf(lookupProject(shipped, 'zookeepr')))).toBe(
      'There is no project “zookeepr” in the list. Did you mean Apache Zookeeper?',
    );
  });

  it('lists what the list has instead of guessing when no name is close', () => {
    const cobol = missingOf(lookupFilters(upstream, { language: 'Cobol' }));
    expect(cobol.close).toEqual([]);
    expect(missingText(cobol)).toBe(
      'There is no language “Cobol” in the list. Languages in the list: Go, Rust, Python, C++, Java, C, ' +
        'PHP, Scala, Elixir, JavaScript, C/C++, C#, Dart, Erlang, Kotlin, Lua and Prolog.',
    );
    expect(missingText(missingOf(lookupCategory(shipped, 'Nope')))).toMatch(
      /^There is no category “Nope” in the list\. Categories in the list: Databases, Locking, .* and Other Resources\.$/,
    );
    expect(missingText(missingOf(lookupProject(shipped, 'nosuch')))).toBe(
      'There is no project “nosuch” in the list.',
    );
  });

  it('bounds the list of what there is, and escapes names for Discord', () => {
    const entries = Array.from({ length: 60 }, (_, i) =>
      entry(`p${i}`, { language: `Lang_${String(i).padStart(2, '0')}`, line: i + 3 }),
    );
    const many = ProjectIndex.build({ ...parseList('# L\n## Databases\n'), entries });
    const missing = missingOf(lookupFilters(many, { language: 'Fortran' }));
    expect(missing.known).toHaveLength(60);
    const text = missingText(missing);
    expect(text.match(/Lang_/g)).toHaveLength(MAX_LISTED_NAMES);
    expect(text).toMatch(/ and 40 more\.$/);
    expect(missingText(missing, (name) => name.replace(/_/g, '\\_'))).toContain('Lang\\_00, Lang\\_01');
    expect(missingText({ ...missing, typed: 'x'.repeat(5000) }).length).toBeLessThan(1000);
  });

  it('says which filters left nothing to pick', () => {
    expect(noMatchText({ category: 'Locking', language: 'Python' })).toBe(
      'No project in the list matches category Locking · language Python.',
    );
    expect(noMatchText({})).toBe('No project in the list matches your request.');
  });
});
