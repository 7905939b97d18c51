import { describe, expect, it } from 'vitest';
import { nameMatchesRepo, parseList } from '../../src/list/index.js';

function rulesOf(markdown: string) {
  return parseList(markdown).diagnostics.map((d) => [d.rule, d.level, d.line]);
}

describe('diagnostics', () => {
  it('reports a link-less item in a list of links, but not a link-less group or prose list', () => {
    const markdown = [
      '- [a](https://a.example)',
      '- just words',
      '- Group',
      '  - [b](https://b.example)',
      '',
      'Text',
      '',
      '- prose',
      '- more prose',
    ].join('\n');
    expect(rulesOf(markdown)).toEqual([['missing-link', 'warning', 2]]);
  });

  it('reports javascript: and ftp: links as errors and never makes them entries', () => {
    const doc = parseList(
      ['- [ok](https://ok.example)', '- [evil](javascript:alert(1))', '- [old](ftp://files.example/x)'].join(
        '\n',
      ),
    );
    expect(doc.entries.map((e) => e.name)).toEqual(['ok']);
    expect(doc.diagnostics.map((d) => [d.rule, d.level, d.line])).toEqual([
      ['non-http-link', 'error', 2],
      ['non-http-link', 'error', 3],
    ]);
  });

  it('reports relative links as warnings', () => {
    expect(rulesOf('- [ok](https://ok.example)\n- [guide](docs/guide.md)')).toEqual([
      ['non-http-link', 'warning', 2],
    ]);
  });

  it('finds duplicates after normalising scheme, www, host case, trailing slash and .git', () => {
    const markdown = [
      '- [a](https://github.com/o/r)',
      '- [b](http://www.GitHub.com/o/r/)',
      '- [c](https://github.com/o/r.git)',
      '- [d](https://github.com/o/other)',
    ].join('\n');
    const duplicates = parseList(markdown).diagnostics.filter((d) => d.rule === 'duplicate-url');
    expect(duplicates.map((d) => d.line)).toEqual([2, 3]);
    expect(duplicates[0]?.message).toContain('line 1');
  });

  it('reports an empty list as an error', () => {
    expect(rulesOf('# Nothing here\n\nJust prose.')).toEqual([['empty-list', 'error', 1]]);
  });

  it('caps a flood of one rule with a summary', () => {
    const markdown = Array.from({ length: 300 }, (_, i) => `- [x${i}](javascript:void(${i}))`).join('\n');
    const diagnostics = parseList(markdown).diagnostics.filter((d) => d.rule === 'non-http-link');
    expect(diagnostics).toHaveLength(201);
    expect(diagnostics.at(-1)?.message).toBe('100 more non-http-link diagnostic(s) not shown');
  });
});

describe('nameMatchesRepo', () => {
  it.each([
    ['CockroachDB', 'cockroachdb/cockroach'],
    ['RQLite', 'rqlite/rqlite'],
    ['MongoDB', 'mongodb/mongo'],
    ['Apache Zookeeper', 'apache/zookeeper'],
    ['HarveyOS', 'Harvey-OS/harvey'],
    ['ex_hash_ring', 'discord/ex_hash_ring'],
    ['elasticell', 'deepfabric/elasticell'],
    ['ZeroMQ', 'zeromq/libzmq'],
    ['Node.js Best Practices', 'goldbergyoni/nodebestpractices'],
    ['Node Version Manager', 'nvm-sh/nvm'],
    ['RiotSearch', 'go-ego/riot'],
    ['DB3 Network', 'dbpunk-labs/db3'],
  ])('accepts %s → %s', (name, repo) => {
    expect(nameMatchesRepo(name, repo)).toBe(true);
  });

  it.each([
    ['etcd', 'asim/go-micro'],
    ['GlusterFS', 'lizardfs/lizardfs'],
    ['Repository', 'nodejs/node'],
    ['Kafka', 'apache/pulsar'],
  ])('rejects %s → %s', (name, repo) => {
    expect(nameMatchesRepo(name, repo)).toBe(false);
  });
});
