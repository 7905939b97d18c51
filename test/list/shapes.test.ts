import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import { onlyEntry } from './helpers.js';

describe('entry shapes', () => {
  it('reads a language prefix before the link, with or without a space', () => {
    expect(
      onlyEntry('- (Golang) [CockroachDB - SQL](https://github.com/cockroachdb/cockroach)'),
    ).toMatchObject({
      name: 'CockroachDB',
      language: 'Go',
      description: 'SQL',
    });
    expect(onlyEntry('- (C)[HarveyOS - os](https://github.com/Harvey-OS/harvey)').language).toBe('C');
  });

  it('reads a language prefix inside the link text', () => {
    expect(onlyEntry('- [(GoLang) etcd - kv store](https://github.com/etcd-io/etcd)')).toMatchObject({
      name: 'etcd',
      language: 'Go',
    });
  });

  it('canonicalises TS, keeps unknown languages as written', () => {
    expect(onlyEntry('- (TS) [x - y](https://x.example)').language).toBe('TypeScript');
    expect(onlyEntry('- (Brainfuck) [x - y](https://x.example)').language).toBe('Brainfuck');
  });

  it('reads name in the link and description after it (awesome-nodejs style)', () => {
    expect(
      onlyEntry('- [got](https://github.com/sindresorhus/got) - Human-friendly HTTP requests.'),
    ).toMatchObject({
      name: 'got',
      description: 'Human-friendly HTTP requests.',
      repo: 'sindresorhus/got',
      id: 'sindresorhus-got',
    });
    expect(onlyEntry('- [got](https://got.example) – en dash description').description).toBe(
      'en dash description',
    );
  });

  it('handles an item without any " - " separator', () => {
    const entry = onlyEntry('* [Cache is King](https://www.stevesouders.com/blog/2012/10/11/cache-is-king/)');
    expect(entry).toMatchObject({ name: 'Cache is King', description: '', tags: [] });
    expect(entry.id).toBe('stevesouders-com-blog-2012-10-11-cache-is-king');
    expect(entry.repo).toBeUndefined();
  });

  it('keeps nested brackets of the link text as tags, several groups too', () => {
    expect(onlyEntry('- [x - y [Raft] [gRPC + REST]](https://x.example)')).toMatchObject({
      description: 'y',
      tags: ['Raft', 'gRPC', 'REST'],
    });
    expect(onlyEntry('- [x](https://x.example) - described [Raft]').tags).toEqual(['Raft']);
  });

  it('turns trailing text without a separator into a note, with or without a space', () => {
    expect(onlyEntry('- [x - y](https://x.example). More words.').note).toBe('More words.');
    expect(onlyEntry('- [x - y](https://x.example)Glued note').note).toBe('Glued note');
  });

  it('finds the link inside emphasis and ignores badges', () => {
    const entry = onlyEntry(
      '- **[x](https://x.example)** - bold [![npm](https://img.example/b.svg)](https://npm.example/x)',
    );
    expect(entry).toMatchObject({ name: 'x', url: 'https://x.example', description: 'bold' });
  });

  it('resolves reference-style links', () => {
    expect(onlyEntry('- [x][ref] - desc\n\n[ref]: https://x.example/ref').url).toBe('https://x.example/ref');
  });

  it('falls back to the repository name when the link text is empty', () => {
    expect(onlyEntry('- [![logo](https://img.example/l.png)](https://github.com/a/bee) - desc').name).toBe(
      'bee',
    );
  });

  it('takes the first http(s) link when a relative link comes first', () => {
    expect(onlyEntry('- [Guide](docs/guide.md) - see [Site](https://site.example)')).toMatchObject({
      name: 'Site',
      url: 'https://site.example',
    });
  });

  it('names bare-URL items after their repository or host', () => {
    expect(onlyEntry('- https://github.com/o/tool').name).toBe('tool');
    expect(onlyEntry('- <https://www.tool.example/x> - a tool')).toMatchObject({
      name: 'tool.example',
      description: 'a tool',
    });
  });

  it('gives colliding ids -2, -3 suffixes', () => {
    const { entries } = parseList(
      [
        '- [a](https://github.com/o/r)',
        '- [b](https://github.com/o/r/)',
        '- [c](https://github.com/o/r/tree/x)',
      ].join('\n'),
    );
    expect(entries.map((e) => e.id)).toEqual(['o-r', 'o-r-2', 'o-r-3']);
  });
});

describe('document structure', () => {
  const markdown = [
    '<p align="center"><img src="logo.png" alt="ignored because of the # title"></p>', // line 1
    '',
    '# My List', // 3
    '',
    '[![badge](https://img.example/b.svg)](https://ci.example)',
    '',
    '- [early](https://early.example) - before any category', // 7
    '',
    '## Contents',
    '',
    '- [A](#a)',
    '  - [A1](#a1)',
    '',
    '## A', // 14
    '',
    '- [one](https://one.example) - first',
    '- Group', // 17
    '  - [two](https://two.example) - grouped',
    '    - Inner',
    '      - [three](https://three.example) - deeper group',
    '',
    '### A1', // 22
    '',
    '* [four](https://four.example)',
    '\t* [five](https://five.example) - nested under an entry',
    '',
    '## B', // 27
    '',
    '- [six](https://six.example)',
    '',
    '## Empty', // 31
    '',
    '## Contributing',
    '',
    '- [Read the guide](https://contributing.example)',
    '- Be nice',
    '',
    '## License',
    '',
    '[![CC0](https://img.example/cc0.svg)](https://creativecommons.org/publicdomain/zero/1.0/)',
  ].join('\n');
  const doc = parseList(markdown);
  const byName = new Map(doc.entries.map((e) => [e.name, e]));

  it('takes the # heading as title', () => {
    expect(doc.title).toBe('My List');
  });

  it('reads entries in document order, nested ones included, meta sections and ToC excluded', () => {
    expect(doc.entries.map((e) => e.name)).toEqual(['early', 'one', 'two', 'three', 'four', 'five', 'six']);
  });

  it('files entries before any ## under Uncategorized', () => {
    expect(byName.get('early')?.category).toBe('Uncategorized');
    expect(doc.categories[0]).toMatchObject({ name: 'Uncategorized', entryCount: 1 });
  });

  it('records link-less parent bullets as groups, outermost first', () => {
    expect(byName.get('one')?.group).toBeUndefined();
    expect(byName.get('two')?.group).toEqual(['Group']);
    expect(byName.get('three')?.group).toEqual(['Group', 'Inner']);
    expect(byName.get('five')?.group).toBeUndefined();
  });

  it('tracks ## and ### with resets', () => {
    expect(byName.get('four')).toMatchObject({ category: 'A', subcategory: 'A1', line: 24 });
    expect(byName.get('six')?.subcategory).toBeUndefined();
    expect(doc.categories.map((c) => [c.name, c.depth, c.parent, c.entryCount])).toEqual([
      ['Uncategorized', 2, undefined, 1],
      ['A', 2, undefined, 5],
      ['A1', 3, 'A', 2],
      ['B', 2, undefined, 1],
      ['Empty', 2, undefined, 0],
    ]);
  });

  it('reports the empty category and nothing for the ToC, meta sections or badges', () => {
    expect(doc.diagnostics).toEqual([
      { level: 'warning', rule: 'empty-category', message: 'category "Empty" has no entries', line: 31 },
    ]);
  });

  it('falls back to the first heading, then Untitled', () => {
    expect(parseList('## Only\n\n- [x](https://x.example)').title).toBe('Only');
    expect(parseList('- [x](https://x.example)').title).toBe('Untitled');
  });
});

describe('awesome-go style sections wrapped in <details>', () => {
  const markdown = [
    '# Awesome Things',
    '',
    '## Contents',
    '',
    '<details>',
    '<summary>Expand contents</summary>',
    '',
    '- [Awesome Things](#awesome-things)',
    '  - [Actors](#actors)',
    '',
    '**[⬆ back to top](#contents)**',
    '',
    '## Actors', // 13
    '',
    '_Libraries for actors._',
    '',
    '- [Ergo](https://github.com/ergo-services/ergo) - An actor framework - inspired by Erlang.',
    '- [branca](https://github.com/essentialkaos/branca) - token [spec](https://spec.example) for Go.',
    '',
    '**[⬆ back to top](#contents)**',
    '',
    '</details>',
  ].join('\n');
  const doc = parseList(markdown);

  it('reads the entries and skips the contents', () => {
    expect(doc.categories.map((c) => c.name)).toEqual(['Actors']);
    expect(doc.entries.map((e) => [e.name, e.category, e.line])).toEqual([
      ['Ergo', 'Actors', 17],
      ['branca', 'Actors', 18],
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('keeps inner links and a second separator as description text', () => {
    expect(doc.entries[0]?.description).toBe('An actor framework - inspired by Erlang.');
    expect(doc.entries[1]?.description).toBe('token spec for Go.');
  });
});
