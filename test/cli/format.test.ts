import { describe, expect, it } from 'vitest';
import {
  documentToJson,
  entryToJson,
  formatCategories,
  formatDiagnostics,
  formatEntryDetails,
  formatSearch,
  formatTable,
} from '../../src/cli/format.js';
import { parseList } from '../../src/list/index.js';
import type { Entry } from '../../src/list/index.js';

const entry: Entry = {
  id: 'travisjeffery-jocko',
  name: 'Jocko',
  url: 'https://github.com/travisjeffery/jocko',
  repo: 'travisjeffery/jocko',
  language: 'Go',
  description: 'Kafka/distributed commit log service in Go.',
  tags: ['Serf', 'Raft'],
  archived: false,
  kind: 'project',
  category: 'Databases',
  line: 7,
};

describe('formatTable', () => {
  it('aligns columns under their headers and trims trailing spaces', () => {
    const table = formatTable(
      [{ header: 'NAME' }, { header: 'N', align: 'right' }, { header: 'NOTE' }],
      [
        ['etcd', '2', ''],
        ['Apache Zookeeper', '10', 'x'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'NAME               N  NOTE',
      'etcd               2',
      'Apache Zookeeper  10  x',
    ]);
  });

  it('shrinks flex columns so rows fit the terminal width', () => {
    const columns = [{ header: 'NAME' }, { header: 'DESCRIPTION', flex: true }];
    const rows = [['etcd', 'a distributed reliable key-value store for the most critical data']];
    const lines = formatTable(columns, rows, { maxWidth: 40 }).split('\n');
    expect(lines[1]).toBe('etcd  a distributed reliable key-value…');
    expect(lines.every((line) => line.length <= 40)).toBe(true);
    expect(formatTable(columns, rows).split('\n')[1]).toContain('most critical data');
  });

  it('cuts long cells with an ellipsis and flattens newlines', () => {
    const table = formatTable([{ header: 'D', maxWidth: 5 }], [['abcdefgh'], ['a\nb']]);
    expect(table.split('\n')).toEqual(['D', 'abcd…', 'a b']);
  });
});

describe('entry output', () => {
  it('shows every present field and similar projects', () => {
    const text = formatEntryDetails({ ...entry, archived: true, note: 'A note.' }, [
      { ...entry, id: 'x', name: 'X' },
    ]);
    expect(text).toContain('Name:        Jocko');
    expect(text).toContain('Kind:        project');
    expect(text).toContain('Tags:        Serf, Raft');
    expect(text).toContain('Archived:    yes');
    expect(text).toContain('Note:        A note.');
    expect(text).toContain('Similar: X (x)');
    expect(text).not.toContain('Description: \n');
  });

  it('says how many matched, or that nothing did', () => {
    expect(formatSearch('raft', [{ entry, score: 1 }], 3)).toMatch(
      /Jocko\s+project[\s\S]*1 of 3 entries match "raft"\.$/,
    );
    expect(formatSearch('zzz', [], 0)).toBe('Nothing matches "zzz".');
    expect(formatSearch('jocko', [{ entry, score: 1 }], 1)).toMatch(/\n1 entry matches "jocko"\.$/);
  });

  it('lists subcategories indented under their category, resource sections apart, and the totals', () => {
    const text = formatCategories([
      {
        name: 'Databases',
        kind: 'project',
        count: 3,
        projects: 3,
        resources: 0,
        subcategories: [{ name: 'Graph', count: 1, projects: 1, resources: 0 }],
      },
      { name: 'Books', kind: 'resource', count: 2, projects: 0, resources: 2, subcategories: [] },
    ]);
    expect(text.split('\n')).toEqual([
      'CATEGORY   PROJECTS  RESOURCES',
      'Databases         3          0',
      '  Graph           1          0',
      '',
      'RESOURCE SECTION  PROJECTS  RESOURCES',
      'Books                    0          2',
      '',
      '3 projects, 2 resources',
    ]);
  });
});

describe('JSON output', () => {
  it('has every entry field, absent ones as null, in a fixed order', () => {
    const json = entryToJson(entry);
    expect(Object.keys(json)).toEqual([
      'id',
      'name',
      'url',
      'repo',
      'language',
      'description',
      'note',
      'tags',
      'archived',
      'kind',
      'category',
      'subcategory',
      'group',
      'line',
    ]);
    expect(json.note).toBeNull();
    expect(json.group).toBeNull();
  });

  it('serialises the whole document with diagnostics', () => {
    const doc = documentToJson(parseList('## A\n\n- [x](https://x.example)\n- [y](javascript:void(0))'));
    expect(doc).toMatchObject({
      title: 'A',
      entries: [{ name: 'x' }],
      diagnostics: [{ rule: 'non-http-link', line: 4 }],
    });
  });
});

describe('formatDiagnostics', () => {
  it('prints file:line level message rule, aligned', () => {
    const text = formatDiagnostics('list.md', [
      { level: 'error', rule: 'non-http-link', message: 'bad', line: 9 },
      { level: 'warning', rule: 'duplicate-url', message: 'again', line: 10 },
    ]);
    expect(text.split('\n')).toEqual([
      'list.md:9   error    bad    non-http-link',
      'list.md:10  warning  again  duplicate-url',
    ]);
    expect(formatDiagnostics('list.md', [])).toBe('list.md: no problems found');
  });
});
