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

  it('categories lists every category with counts, as a table and as JSON', async () => {
    const table = await run('categories');
    expect(table.out).toMatch(/^CATEGORY\s+PROJECTS\nDatabases\s+8\n/);
    const json = JSON.parse((await run('categories', '--json')).out) as { name: string; count: number }[];
    expect(json).toHaveLength(11);
    expect(json.reduce((sum, c) => sum + c.count, 0)).toBe(35);
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
    expect(result.out).toMatch(/^Awesome Distributed System Projects \(.*\)\n35 entries in 11 categories\n/);
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
