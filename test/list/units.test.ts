import { describe, expect, it } from 'vitest';
import {
  canonicalLanguage,
  githubRepo,
  isKnownLanguage,
  normalizeUrl,
  parseList,
} from '../../src/list/index.js';
import { readItemFields } from '../../src/list/item-text.js';
import { peelTrailingTags } from '../../src/list/tags.js';

describe('canonicalLanguage', () => {
  it.each([
    ['Golang', 'Go'],
    ['GoLang', 'Go'],
    ['golang', 'Go'],
    ['JS', 'JavaScript'],
    ['TS', 'TypeScript'],
    ['C++', 'C++'],
    ['c#', 'C#'],
    ['C/C++', 'C/C++'],
    ['Brainfuck', 'Brainfuck'],
  ])('%s → %s', (raw, canonical) => {
    expect(canonicalLanguage(raw)).toBe(canonical);
  });

  it('knows languages but not other words', () => {
    expect(isKnownLanguage('Rust')).toBe(true);
    expect(isKnownLanguage('Book')).toBe(false);
  });
});

describe('githubRepo', () => {
  it('reads owner/name from repository URLs, deeper paths and .git included', () => {
    expect(githubRepo('https://github.com/etcd-io/etcd')).toBe('etcd-io/etcd');
    expect(githubRepo('https://www.github.com/gernest/requiemdb/tree/main')).toBe('gernest/requiemdb');
    expect(githubRepo('http://github.com/a/b.git')).toBe('a/b');
  });

  it('ignores users, site pages and other hosts', () => {
    expect(githubRepo('https://github.com/sindresorhus')).toBeUndefined();
    expect(githubRepo('https://github.com/sponsors/sindresorhus')).toBeUndefined();
    expect(githubRepo('https://gitlab.com/a/b')).toBeUndefined();
    expect(githubRepo('not a url')).toBeUndefined();
  });
});

describe('normalizeUrl', () => {
  it('ignores scheme, www, host case, trailing slash and .git but keeps path case and query', () => {
    expect(normalizeUrl('http://www.GitHub.com/filodb/FiloDB.git/')).toBe('github.com/filodb/FiloDB');
    expect(normalizeUrl('https://x.example/a?b=1')).toBe('x.example/a?b=1');
  });
});

describe('peelTrailingTags', () => {
  it('peels several groups, splits on +, and turns Archived into a flag', () => {
    expect(peelTrailingTags('desc [Raft + gRPC] [Archived]')).toEqual({
      text: 'desc',
      tags: ['Raft', 'gRPC'],
      archived: true,
    });
    expect(peelTrailingTags('a [b] c')).toEqual({ text: 'a [b] c', tags: [], archived: false });
  });
});

describe('readItemFields', () => {
  it('splits name and description in the link text and keeps the rest as a note', () => {
    expect(
      readItemFields({ before: '(Erlang) ', linkText: 'CouchDB - doc db ', after: '. Supports things.' }),
    ).toEqual({
      name: 'CouchDB',
      description: 'doc db',
      note: 'Supports things.',
      language: 'Erlang',
      tags: [],
      archived: false,
    });
  });

  it('keeps a description after the link as the note when the link text already has one', () => {
    expect(readItemFields({ before: '', linkText: 'x - y', after: ' - z' })).toMatchObject({
      description: 'y',
      note: 'z',
    });
  });
});

describe('line endings', () => {
  it('counts CR, CRLF and LF each as one line', () => {
    const doc = parseList(
      '# T\r\r- [a](https://a.example)\r- [b](https://b.example)\r\n- [c](https://c.example)',
    );
    expect(doc.entries.map((e) => e.line)).toEqual([3, 4, 5]);
  });
});
