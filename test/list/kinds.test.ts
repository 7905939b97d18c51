import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import type { Entry, EntryKind } from '../../src/list/index.js';
import { expectedKind, listExpectations } from './expectations.js';
import { parseFixture } from './helpers.js';

/**
 * Judgement calls of list-expectations.json read the other way (`category › name`), each named
 * there with its alternative. All are repositories or product sites under a heading that names resources, or in
 * a list of nothing but articles: nothing in the structure (headings, link) tells them from the
 * book, benchmark-result and list repositories next to them, so the section decides.
 */
const ALTERNATIVE_READINGS: Record<string, { names: string[]; kind: EntryKind; why: string }> = {
  'awesome-scalability.md': {
    names: ['Scalability › Airflow', 'Scalability › HBase', 'Scalability › Druid'],
    kind: 'resource',
    why: 'product home pages in a list of articles, with no heading to set them apart',
  },
  'awesome-nodejs.md': {
    names: ['Resources › node-module-boilerplate', 'Resources › modern-node', 'Resources › generator-nm'],
    kind: 'resource',
    why: 'repositories under Resources › Miscellaneous, next to guideline and notes repositories',
  },
  'awesome-selfhosted.md': {
    names: ['External Links › theme.park'],
    kind: 'resource',
    why: 'a product site under External Links',
  },
  'awesome-go.md': {
    names: [
      'Benchmarks › autobench',
      'Benchmarks › go-benchmark-app',
      'Benchmarks › vizb',
      'Websites › awesome-go-extra',
      'Websites › Go Report Card',
      'Websites › json2go',
      'Websites › go-clean-template',
    ],
    kind: 'resource',
    why: 'repositories and sites under # Resources, next to 12 benchmark-result repositories',
  },
  'awesome-distributed-systems-reading.md': {
    names: ['Papers › Azos.Sky.Server.Locking', 'Papers › Jepsen', 'Papers › Verdi'],
    kind: 'resource',
    why: 'repositories and a project site under ## Papers',
  },
};

function label(entry: Entry): string {
  return `${entry.category} › ${entry.name}`;
}

function kindWanted(file: string, entry: Entry, byExpectations: EntryKind): EntryKind {
  const alternative = ALTERNATIVE_READINGS[file];
  return alternative?.names.includes(label(entry)) ? alternative.kind : byExpectations;
}

function count(entries: readonly Entry[], kind: EntryKind): number {
  return entries.filter((entry) => entry.kind === kind).length;
}

describe.each(listExpectations())('kinds of $file', (expectation) => {
  const doc = parseFixture(expectation.file);
  const flipped = ALTERNATIVE_READINGS[expectation.file];
  const flips = flipped?.names.length ?? 0;
  const shift = flipped?.kind === 'resource' ? flips : -flips;

  it(`has the ${expectation.entries} entries counted by hand`, () => {
    expect(doc.entries).toHaveLength(expectation.entries);
  });

  it('counts projects and resources as the expectations do, judgement calls aside', () => {
    expect({ project: count(doc.entries, 'project'), resource: count(doc.entries, 'resource') }).toEqual({
      project: expectation.project - shift,
      resource: expectation.resource + shift,
    });
  });

  it('gives every entry the kind of its section, or of the minority named in a mixed section', () => {
    const wrong = doc.entries
      .filter((entry) => entry.kind !== kindWanted(expectation.file, entry, expectedKind(expectation, entry)))
      .map((entry) => `${entry.kind} ${label(entry)}`);
    expect(wrong).toEqual([]);
  });

  it('reads each judgement call it does not follow the way the expectations name as the alternative', () => {
    for (const name of flipped?.names ?? []) {
      const entry = doc.entries.find((candidate) => label(candidate) === name);
      expect(entry, name).toBeDefined();
      expect(entry && expectedKind(expectation, entry), name).not.toBe(flipped?.kind);
      expect(entry?.kind, name).toBe(flipped?.kind);
    }
  });
});

describe('sections that describe the list itself', () => {
  it('takes no entries from awesome-selfhosted’s licence glossary or anti-features key, nor lists them as categories', () => {
    const doc = parseFixture('awesome-selfhosted.md');
    const names = doc.categories.map((category) => category.name);
    expect(names).not.toContain('List of Licenses');
    expect(names).not.toContain('Anti-features');
    expect(doc.entries.some((entry) => entry.url.startsWith('https://spdx.org/'))).toBe(false);
  });

  it('never turns a table of contents, contribution or licence section into a category', () => {
    for (const { file } of listExpectations()) {
      const names = parseFixture(file).categories.map((category) => category.name.toLowerCase());
      for (const footer of ['contents', 'table of contents', 'contribution', 'contributing', 'license'])
        expect(names, file).not.toContain(footer);
    }
  });

  it('reads a glossary of code-span terms as a key, whatever its heading says', () => {
    const doc = parseList(
      [
        '# L',
        '## Databases',
        '- [etcd](https://github.com/etcd-io/etcd) - KV store.',
        '## Abbreviations used here',
        '- `KV` - [key-value](https://en.wikipedia.org/wiki/Key%E2%80%93value_database)',
        '- `MQ` - [message queue](https://en.wikipedia.org/wiki/Message_queue)',
      ].join('\n'),
    );
    expect(doc.entries.map((entry) => entry.name)).toEqual(['etcd']);
    expect(doc.categories.map((category) => category.name)).toEqual(['Databases']);
  });

  it('drops a section named only for the list’s apparatus, such as a List of Licenses', () => {
    const doc = parseList(
      '# L\n## Tools\n- [a](https://github.com/o/a)\n## List of Licenses\n- [MIT](https://spdx.org/licenses/MIT.html)\n',
    );
    expect(doc.entries.map((entry) => entry.name)).toEqual(['a']);
  });
});

describe('kinds from the headings', () => {
  const kinds = (markdown: string): Record<string, EntryKind> =>
    Object.fromEntries(parseList(markdown).entries.map((entry) => [entry.name, entry.kind]));

  it('reads resource sections in any wording and nesting', () => {
    expect(
      kinds(
        [
          '# Awesome X',
          '## Databases',
          '- [db](https://github.com/o/db)',
          '# Resources',
          '## Meetups',
          '- [Go Ireland](https://example.org/go-ireland)',
          '## Further reading',
          '- [A post](https://example.org/a-post)',
          '## Related lists',
          '- [awesome-y](https://github.com/o/awesome-y)',
        ].join('\n'),
      ),
    ).toEqual({ db: 'project', 'Go Ireland': 'resource', 'A post': 'resource', 'awesome-y': 'resource' });
  });

  it('keeps software under a software heading, whatever the sub-heading names', () => {
    expect(
      kinds(
        [
          '# L',
          '## Software',
          '### Learning and Courses',
          '- [Moodle](https://moodle.org/)',
          '### Document Management - E-books',
          '- [Calibre-Web](https://github.com/janeczku/calibre-web)',
          '## Resources',
          '### Tools',
          '- [RunKit](https://runkit.com)',
          '### Books',
          '- [Node in Action](https://example.org/book)',
        ].join('\n'),
      ),
    ).toEqual({
      Moodle: 'project',
      'Calibre-Web': 'project',
      RunKit: 'project',
      'Node in Action': 'resource',
    });
  });

  it('reads headings that only mention a resource word as topics', () => {
    const markdown = ['Machine Learning', 'Human Resources Management (HRM)', 'Resource Planning', 'Video']
      .map(
        (heading, i) =>
          `## ${heading}\n- [p${i}](https://example.org/p${i})\n- [r${i}](https://github.com/o/r${i})`,
      )
      .join('\n');
    expect(new Set(Object.values(kinds(`# L\n${markdown}`)))).toEqual(new Set(['project']));
  });

  it('tells papers and talks from implementations by their links under topic headings', () => {
    expect(
      kinds(
        [
          '# Awesome Consensus',
          '## Raft',
          '* [Raft paper](https://example.org/raft.pdf)',
          '* [Raft lecture](https://www.youtube.com/watch?v=x)',
          '* [Ark](https://arxiv.org/abs/1407.4765)',
          '* [Raft visualization](http://thesecretlivesofdata.com/raft/)',
          '* [dragonboat](https://github.com/lni/dragonboat)',
        ].join('\n'),
      ),
    ).toEqual({
      'Raft paper': 'resource',
      'Raft lecture': 'resource',
      Ark: 'resource',
      'Raft visualization': 'resource',
      dragonboat: 'project',
    });
  });

  it('takes the kind of most links for a site that says nothing, in a list of repositories', () => {
    expect(
      kinds(
        [
          '# L',
          '## Web',
          '- [a](https://github.com/o/a)',
          '- [b](https://github.com/o/b)',
          '- [Gin site](https://gin-gonic.com)',
        ].join('\n'),
      ),
    ).toEqual({ a: 'project', b: 'project', 'Gin site': 'project' });
  });

  it('reads a “More…” link and an awesome list among packages as resources', () => {
    expect(
      kinds(
        [
          '# L',
          '## Packages',
          '- [p-map](https://github.com/sindresorhus/p-map) - Map over promises.',
          '- [More…](https://github.com/sindresorhus/promise-fun)',
          '- [Observables](https://github.com/sindresorhus/awesome-observables)',
        ].join('\n'),
      ),
    ).toEqual({ 'p-map': 'project', 'More…': 'resource', Observables: 'resource' });
  });
});
