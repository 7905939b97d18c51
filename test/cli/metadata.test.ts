/** `dsp enrich`, `dsp health`, `search --sort` and metadata in --json, against the GitHub and web stand-ins. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { standinRepo, startGitHubStandin, startWebStandin } from '../../tools/github-standin/index.js';
import type { GitHubStandin, GitHubStandinOptions, WebStandin } from '../../tools/github-standin/index.js';

let dir: string;
let github: GitHubStandin;
let web: WebStandin;
let listFile: string;
const now = new Date('2026-11-01T12:00:00Z');

async function start(options: Partial<GitHubStandinOptions> = {}) {
  github = await startGitHubStandin({
    repos: [
      standinRepo('etcd-io/etcd', { stars: 48_123, pushedAt: '2026-10-01T00:00:00Z', license: 'Apache-2.0' }),
      standinRepo('gone/repo'),
      standinRepo('old/name', { stars: 900, pushedAt: '2026-09-01T00:00:00Z' }),
      standinRepo('nsqio/nsq', { stars: 25_000, pushedAt: '2021-01-01T00:00:00Z' }),
    ],
    ...options,
  });
  web = await startWebStandin({ '/site': { status: 200 } });
  listFile = join(dir, 'list.md');
  writeFileSync(
    listFile,
    [
      '# Awesome test',
      '',
      '## Databases',
      '',
      '- [etcd](https://github.com/etcd-io/etcd) - Distributed reliable key-value store.',
      '- [Gone](https://github.com/gone/repo) - A project whose repository was deleted.',
      '- [OldName](https://github.com/old/name) - A project that moved.',
      `- [Site](${web.url}/site) - A project with its own website.`,
      '',
      '## Queues',
      '',
      '- [nsq](https://github.com/nsqio/nsq) - A realtime distributed messaging platform.',
      '',
    ].join('\n'),
  );
}

function env(extra: Record<string, string> = {}) {
  return {
    STATE_DIR: join(dir, 'state'),
    GITHUB_API_URL: github.url,
    LINK_CHECK_ALLOW_PRIVATE: 'true',
    LIST_SOURCE: listFile,
    ...extra,
  };
}

async function run(argv: string[], extra: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: env(extra),
    now: () => now,
  });
  return { code, out, err };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsp-cli-metadata-'));
});
afterEach(async () => {
  await github?.stop();
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('dsp enrich and dsp health', () => {
  it('enriches a list, then reports its health grouped by class and fails CI on the chosen classes', async () => {
    await start();
    github.remove('gone/repo');
    github.move('old/name', 'new-owner/new-name');
    const enrich = await run(['enrich']);
    expect(enrich.code).toBe(0);
    expect(enrich.out).toContain(
      'Repositories: 4 checked via REST (3 read, 0 unchanged, 1 not found, 1 moved, 0 failed)',
    );
    expect(enrich.out).toContain('Links: 1 checked (1 ok');
    expect(enrich.out).toMatch(/Requests: \d+ to GitHub, 0 answered 304 Not Modified/);

    const again = await run(['enrich', '--json']);
    const summary = JSON.parse(again.out) as { notModified: number; requests: number };
    expect(summary.notModified).toBe(3);

    const health = await run(['health']);
    expect(health.code).toBe(0);
    expect(health.out).toMatch(
      /deleted \(1\)\nNAME\s+EVIDENCE\s+SINCE\s+URL\nGone\s+GitHub answered 404 for gone\/repo/,
    );
    expect(health.out).toMatch(/moved \(1\)\n.*\nOldName\s+GitHub answers as new-owner\/new-name/);
    expect(health.out).toMatch(/inactive \(1\)\n.*\nnsq\s+no push since 2021-01-01/);
    expect(health.out).toMatch(/ok \(2\)/);

    const failing = await run(['health', '--fail-on', 'deleted,dead']);
    expect(failing.code).toBe(1);
    expect(failing.err).toBe('health: 1 deleted\n');
    expect((await run(['health', '--fail-on', 'dead,archived'])).code).toBe(0);
    expect((await run(['health', '--fail-on', 'gone'])).err).toMatch(/"gone" is not one of/);

    const json = JSON.parse((await run(['health', '--json'])).out) as {
      counts: Record<string, number>;
      classes: Record<string, { name: string; movedTo: string | null }[]>;
    };
    expect(json.counts).toMatchObject({ deleted: 1, moved: 1, inactive: 1, ok: 2 });
    expect(json.classes.moved?.[0]).toMatchObject({
      name: 'OldName',
      movedTo: 'https://github.com/new-owner/new-name',
    });
  });

  it('says how long the anonymous budget will take, and stops at it with --no-wait without going over', async () => {
    await start({ anonymous: { limit: 2, windowSeconds: 3600 } });
    const result = await run(['enrich', '--no-wait']);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(
      /3 repositories left at GitHub's anonymous budget \(2 an hour\): about 1 h \d+ min; set GITHUB_TOKEN/,
    );
    expect(result.out).toContain('2 left for next time');
    expect(result.out).toContain('The GitHub budget ran out');
    expect(github.stats.overLimit).toBe(0);
  });

  it('uses GraphQL with GITHUB_TOKEN and never prints the token', async () => {
    await start({ token: 'ghp_cli_secret_token' });
    const result = await run(['enrich', '--json'], { GITHUB_TOKEN: 'ghp_cli_secret_token' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ api: 'graphql', graphqlQueries: 1 });
    expect(github.stats.graphql).toBe(1);
    expect(result.out + result.err).not.toContain('ghp_cli_secret_token');
  });
});

describe('metadata in search, show and --json', () => {
  it('sorts search results by stars and by activity, and adds metadata to every --json entry', async () => {
    await start();
    await run(['enrich']);
    const byStars = await run(['search', 'distributed', '--sort', 'stars', '--list', listFile]);
    expect(byStars.code).toBe(0);
    const names = byStars.out
      .split('\n')
      .slice(1, 3)
      .map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(['etcd', 'nsq']);
    expect(byStars.out).toMatch(/^NAME\s+STARS\s+PUSHED\s+HEALTH/);
    expect(byStars.out).toMatch(/etcd\s+48\.1k\s+1 month ago/);
    const byActivity = JSON.parse(
      (await run(['search', 'distributed', '--sort', 'activity', '--json', '--list', listFile])).out,
    ) as {
      hits: { entry: { name: string; metadata: { stars: number; health: string } } }[];
    };
    expect(byActivity.hits.map((hit) => hit.entry.name)).toEqual(['etcd', 'nsq']);
    expect(byActivity.hits[1]?.entry.metadata).toMatchObject({ stars: 25_000, health: 'inactive' });

    const show = await run(['show', 'etcd', '--list', listFile]);
    expect(show.out).toMatch(/Stars:\s+48\.1k/);
    expect(show.out).toMatch(/Licence:\s+Apache-2.0/);
    const shown = JSON.parse((await run(['show', 'etcd', '--list', listFile, '--json'])).out) as {
      metadata: { license: string };
    };
    expect(shown.metadata.license).toBe('Apache-2.0');
  });

  it('every --json output that lists projects carries their stored metadata, parse included', async () => {
    await start();
    github.update('etcd-io/etcd', { topics: ['raft', 'kv'] });
    await run(['enrich']);
    type Listed = { name: string; metadata: Record<string, unknown> };
    const json = async (argv: string[]) =>
      JSON.parse((await run([...argv, '--json', '--list', listFile])).out) as unknown;
    const etcdOf = (entries: Listed[]) => entries.find((item) => item.name === 'etcd')?.metadata;
    const outputs = {
      parse: etcdOf(((await json(['parse'])) as { entries: Listed[] }).entries),
      search: etcdOf(
        ((await json(['search', 'etcd'])) as { hits: { entry: Listed }[] }).hits.map((h) => h.entry),
      ),
      category: etcdOf(((await json(['category', 'Databases'])) as { entries: Listed[] }).entries),
      show: ((await json(['show', 'etcd'])) as Listed).metadata,
      random: ((await json(['random'])) as Listed).metadata,
    };
    const expected = {
      stars: 48_123,
      pushedAt: '2026-10-01T00:00:00Z',
      archived: false,
      license: 'Apache-2.0',
      topics: ['raft', 'kv'],
      health: 'ok',
    };
    expect(outputs.parse).toMatchObject(expected);
    expect(outputs.search).toMatchObject(expected);
    expect(outputs.category).toMatchObject(expected);
    expect(outputs.show).toMatchObject(expected);
    expect(outputs.random).toHaveProperty('health');
  });

  it('dsp enrich right after another run that spent the budget sends nothing until the reset', async () => {
    await start({ anonymous: { limit: 2, windowSeconds: 3600 } });
    const first = await run(['enrich', '--no-wait', '--json']);
    expect(JSON.parse(first.out)).toMatchObject({ budgetExhausted: true, requests: 2 });
    const again = await run(['enrich', '--no-wait', '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ budgetExhausted: true, requests: 0 });
    expect(github.stats.overLimit).toBe(0);
  });

  it('without a store, search and show work as before and say why sorting fell back', async () => {
    await start();
    const sorted = await run(['search', 'distributed', '--sort', 'stars', '--list', listFile]);
    expect(sorted.code).toBe(0);
    expect(sorted.err).toBe('note: no metadata stored yet (run dsp enrich); sorted by relevance\n');
    const json = JSON.parse((await run(['show', 'etcd', '--list', listFile, '--json'])).out) as {
      metadata: { stars: null; health: string };
    };
    expect(json.metadata).toMatchObject({ stars: null, health: 'unknown' });
  });
});
