import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

/** Runs the CLI in-process with captured output and a fixed random source. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), random: () => 0 });
  return { code, out, err };
}

describe('runCli', () => {
  it('random picks from the filtered projects with the given random source', async () => {
    const result = await run('random', '--language', 'python', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ name: 'faust', language: 'Python' });
  });

  it('random fails clearly when nothing matches', async () => {
    const result = await run('random', '--category', 'Locking', '--language', 'Python');
    expect(result).toMatchObject({
      code: 1,
      out: '',
      err: 'error: No project in the list matches category Locking · language Python.\n',
    });
  });

  it('random never picks a resource unless asked to', async () => {
    const upstream = ['--list', 'test/fixtures/upstream-distributed-system-projects.md', '--json'];
    const onlyResources = await run('random', '--category', 'other resources', ...upstream);
    expect(onlyResources).toMatchObject({
      code: 1,
      out: '',
      err: 'error: No project in the list matches category Other Resources.\n',
    });
    const resource = await run('random', '--kind', 'resource', ...upstream);
    expect(JSON.parse(resource.out)).toMatchObject({ kind: 'resource', category: 'Other Resources' });
  });

  it('categories counts projects and resources, resource sections apart, as a table and as JSON', async () => {
    const table = await run('categories');
    expect(table.out).toMatch(/^CATEGORY\s+PROJECTS\s+RESOURCES\nDatabases\s+8\s+0\n/);
    expect(table.out).toMatch(/\n\nRESOURCE SECTION\s+PROJECTS\s+RESOURCES\nOther Resources\s+0\s+1\n/);
    expect(table.out).toMatch(/\n34 projects, 1 resource\n$/);
    const json = JSON.parse((await run('categories', '--json')).out) as {
      name: string;
      count: number;
      kind: string;
    }[];
    expect(json).toHaveLength(11);
    expect(json.reduce((sum, c) => sum + c.count, 0)).toBe(35);
    expect(json.filter((c) => c.kind === 'resource').map((c) => c.name)).toEqual(['Other Resources']);
  });

  it('search --kind keeps one kind, and --kind takes only project or resource', async () => {
    const upstream = ['--list', 'test/fixtures/upstream-distributed-system-projects.md', '--json'];
    const hits = (await run('search', 'database', '--kind', 'resource', ...upstream)).out;
    const kinds = (JSON.parse(hits) as { hits: { entry: { kind: string } }[] }).hits.map((h) => h.entry.kind);
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['resource']));
    expect((await run('search', 'x', '--kind', 'book')).err).toMatch(/must be project or resource/);
  });

  it('search --explain prints, per hit, the words matched in each field and the score parts', async () => {
    const upstream = ['--list', 'test/fixtures/upstream-distributed-system-projects.md', '--limit', '2'];
    const { out } = await run('search', 'document database', ...upstream, '--explain');
    expect(out).toContain('Why each hit ranks where it does for "document database":');
    expect(out).toMatch(
      /\n1\. \S.* project, score \d+\.\d\d\n {3}coverage 2\/2 · names it no · project, as asked/,
    );
    expect(out).toMatch(/\n {3}document\s+\S*(description|category)/);
    expect(out).toMatch(/\n {3}database\s+\S*(description|category)/);
    const json = JSON.parse(
      (await run('search', 'document database', ...upstream, '--explain', '--json')).out,
    );
    expect(json.hits[0].explanation).toMatchObject({ coverage: 2, wantedKind: true, wants: 'project' });
  });

  it('category matches names case-insensitively, subcategories too', async () => {
    const locking = await run('category', 'LOCKING', '--json');
    expect((JSON.parse(locking.out) as { entries: { name: string }[] }).entries.map((e) => e.name)).toEqual([
      'etcd',
      'Apache Zookeeper',
    ]);
    const graph = await run(
      'category',
      'graph databases',
      '--list',
      'test/fixtures/upstream-distributed-system-projects.md',
    );
    expect(graph.out).toContain('neo4j');
    const missing = await run('category', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /^error: There is no category “nope” in the list\. Categories in the list: Databases, /,
    );
  });

  it('category and --category read `Parent › Child` as /dsp does', async () => {
    const list = ['--list', 'test/fixtures/upstream-distributed-system-projects.md'];
    type Listed = { category: string; entries: { name: string; category: string; subcategory: string }[] };
    const named = await run('category', 'Databases › Time Series', ...list, '--json');
    expect(named.code).toBe(0);
    const json = JSON.parse(named.out) as Listed;
    expect(json.category).toBe('Time Series');
    expect(json.entries).toHaveLength(11);
    for (const entry of json.entries) {
      expect(entry).toMatchObject({ category: 'Databases', subcategory: 'Time Series' });
    }
    const typed = await run('category', 'databases > time series', ...list, '--json');
    expect(JSON.parse(typed.out)).toEqual(json);

    const search = await run(
      'search',
      'database',
      '--category',
      'Databases › Time Series',
      ...list,
      '--json',
    );
    const hits = (JSON.parse(search.out) as { hits: { entry: Listed['entries'][number] }[] }).hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const { entry } of hits) expect(entry.subcategory).toBe('Time Series');
  });

  it('parse prints a readable summary', async () => {
    const result = await run('parse', 'test/fixtures/awesome-distributed-system-projects.md');
    expect(result.out).toMatch(
      /^Awesome Distributed System Projects \(.*\)\n35 entries in 11 categories\n34 projects, 1 resource\n/,
    );
    expect(result.out).toContain('Diagnostics: 0 errors, 2 warnings');
  });

  it('prints help on --help and on no command, with exit 0', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: dsp');
    const bare = await run();
    expect(bare).toMatchObject({ code: 0, err: '' });
    expect(bare.out).toContain('Usage: dsp');
  });

  it('rejects a bad --limit and extra arguments', async () => {
    expect((await run('search', 'x', '--limit', '0')).err).toMatch(/'--limit <n>' argument '0' is invalid/);
    expect((await run('search', 'x', 'y')).err).toMatch(/too many arguments/);
  });
});
