import { describe, expect, it } from 'vitest';
import type { Entry, ListDocument } from '../../src/list/types.js';
import { resolveCategory } from '../../src/search/category-lookup.js';
import { ProjectIndex } from '../../src/search/index.js';
import { entry } from '../support/entry.js';

/** An entry named `name`, its id the name in kebab case. */
function named(name: string, category: string, subcategory?: string, extra: Partial<Entry> = {}): Entry {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return entry(id, {
    name,
    url: `https://example.org/${id}`,
    description: `${name} project`,
    category,
    subcategory,
    ...extra,
  });
}

const doc: ListDocument = {
  title: 'Test list',
  categories: [
    { name: 'Databases', depth: 2, line: 1, entryCount: 1 },
    { name: 'Key-Value Databases', depth: 3, parent: 'Databases', line: 3, entryCount: 2 },
    { name: 'Graph Databases', depth: 3, parent: 'Databases', line: 6, entryCount: 1 },
    { name: 'Queues', depth: 2, line: 9, entryCount: 1 },
  ],
  entries: [
    named('ZODB', 'Databases', undefined, { language: 'Python' }),
    named('TiKV', 'Databases', 'Key-Value Databases', { language: 'Rust', tags: ['Raft'] }),
    named('BadgerDB', 'Databases', 'Key-Value Databases', { language: 'Go' }),
    named('Dgraph', 'Databases', 'Graph Databases', { language: 'Go', tags: ['Raft'] }),
    named('NATS', 'Queues', undefined, { language: 'Go' }),
  ],
  diagnostics: [],
};
const index = ProjectIndex.build(doc);

describe('sub-categories', () => {
  it('summarises categories with their sub-categories in list order', () => {
    expect(index.categories()).toEqual([
      {
        name: 'Databases',
        kind: 'project',
        count: 4,
        projects: 4,
        resources: 0,
        subcategories: [
          { name: 'Key-Value Databases', count: 2, projects: 2, resources: 0 },
          { name: 'Graph Databases', count: 1, projects: 1, resources: 0 },
        ],
      },
      { name: 'Queues', kind: 'project', count: 1, projects: 1, resources: 0, subcategories: [] },
    ]);
  });

  it('filters by sub-category, or by a sub-category given as the category', () => {
    const ids = (category?: string, subcategory?: string): string[] =>
      index.search('', { category, subcategory, limit: 50 }).hits.map((hit) => hit.entry.name);
    expect(ids(undefined, 'key-value databases')).toEqual(['TiKV', 'BadgerDB']);
    expect(ids('Graph Databases')).toEqual(['Dgraph']);
    expect(ids('databases')).toEqual(['ZODB', 'TiKV', 'BadgerDB', 'Dgraph']);
  });

  it('resolves and suggests `###` categories too', () => {
    expect(resolveCategory(index.doc, 'graph databases')).toEqual({
      category: 'Databases',
      subcategory: 'Graph Databases',
    });
    expect(resolveCategory(index.doc, 'Databases › graph databases')).toEqual({
      category: 'Databases',
      subcategory: 'Graph Databases',
    });
    expect(index.suggestCategory('graph').map((s) => s.value)).toEqual(['Graph Databases']);
    expect(index.suggestCategory('key')[0]?.label).toBe('Databases › Key-Value Databases (2)');
  });

  it('ranks entries sharing tags, then sub-category, as most similar', () => {
    expect(index.similar('tikv', 2).map((e) => e.name)).toEqual(['Dgraph', 'BadgerDB']);
  });

  it('does not share state between indexes built from different lists', () => {
    const other = ProjectIndex.build({ ...doc, entries: doc.entries.slice(0, 1) });
    expect(other.size).toBe(1);
    expect(index.size).toBe(5);
    expect(other.search('tikv').total).toBe(0);
  });
});

describe('large pages', () => {
  it('returns every match, best first, when the limit exceeds the list', () => {
    const result = index.search('databases', { limit: 1_000_000 });
    expect(result.hits).toHaveLength(result.total);
    expect(result.total).toBe(4);
    const scores = result.hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(index.search('databases', { limit: 2 }).hits).toEqual(result.hits.slice(0, 2));
  });
});
