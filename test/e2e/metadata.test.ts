/**
 * End to end: the real bot against the Discord stand-in and the GitHub stand-in. Metadata fills in
 * in the background and shows in answers; GitHub down at start changes nothing but the metadata;
 * the GitHub token never appears in any output, even at LOG_LEVEL=trace.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/parse.js';
import type { Clock } from '../../src/metadata/clock.js';
import type { MetadataView } from '../../src/metadata/view.js';
import type { App } from '../../src/app.js';
import { standinRepo, startGitHubStandin } from '../../tools/github-standin/index.js';
import type { GitHubStandin, StandinRepo } from '../../tools/github-standin/index.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { allText, resultLines } from './read-message.js';

const GITHUB_TOKEN = 'ghp_e2eSecretTokenValue1234567890';

/** Retry backoff and rate-limit waits pass at once: nothing here waits on real time. */
const instantClock: Clock = { now: () => Date.now(), sleep: async () => undefined };

function bundledRepos(): StandinRepo[] {
  const doc = parseList(readFileSync('data/awesome-distributed-system-projects.md', 'utf8'));
  const repos = new Map<string, StandinRepo>();
  for (const [i, entry] of doc.entries.entries()) {
    if (!entry.repo || repos.has(entry.repo.toLowerCase())) continue;
    repos.set(
      entry.repo.toLowerCase(),
      standinRepo(entry.repo, { stars: 100 + i, pushedAt: '2026-10-01T00:00:00Z' }),
    );
  }
  return [...repos.values()];
}

/** The next view (after a round or a list change) that satisfies `test`; the current one if it does. */
function viewWhere(app: App, test: (view: MetadataView) => boolean): Promise<MetadataView> {
  const refresher = app.metadata;
  if (!refresher) throw new Error('metadata is off');
  if (test(refresher.view())) return Promise.resolve(refresher.view());
  return new Promise((resolve) => {
    const off = refresher.onChange(({ view }) => {
      if (test(view)) {
        off();
        resolve(view);
      }
    });
  });
}

let harness: Harness | undefined;
let github: GitHubStandin | undefined;
afterEach(async () => {
  await harness?.stop();
  await github?.stop();
  harness = undefined;
  github = undefined;
});

async function start(options: { token?: boolean; logLevel?: string } = {}) {
  github = await startGitHubStandin({
    repos: bundledRepos(),
    ...(options.token ? { token: GITHUB_TOKEN } : {}),
  });
  github.update('etcd-io/etcd', { stars: 48_123 });
  github.update('nsqio/nsq', { stars: 25_000 });
  github.update('travisjeffery/jocko', { archived: true });
  github.remove('flike/kingbus');
  github.move('deepfabric/elasticell', 'matrixorigin/elasticell');
  return { github, started: startHarnessWith(github, options) };
}

function startHarnessWith(github: GitHubStandin, options: { token?: boolean; logLevel?: string }) {
  return startHarness({
    env: {
      ENRICH: 'on',
      GITHUB_API_URL: github.url,
      LINK_CHECK: 'off',
      ...(options.token ? { GITHUB_TOKEN } : {}),
    },
    overrides: { metadataClock: instantClock },
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
}

async function slash(subcommand: string, options: Record<string, string | boolean> = {}) {
  return harness!.standin.slash({ name: 'dsp', subcommand, options }).waitForResponse();
}

describe('project metadata end to end', () => {
  it('shows stars and last push, sorts by stars, shows a moved repository’s new link, and never picks deleted or archived ones', async () => {
    const { started } = await start();
    harness = await started;
    await viewWhere(harness.app, (view) => view.withData > 30);

    const sorted = await slash('search', { query: 'distributed', sort: 'stars' });
    const lines = resultLines(sorted);
    expect(lines[0]).toMatch(
      /^\*\*\[etcd\]\(https:\/\/github\.com\/etcd-io\/etcd\)\*\* — .* · ★ 48\.1k · pushed \d+ (days?|months?|weeks?) ago/,
    );
    expect(lines[1]).toMatch(/^\*\*\[nsq\]/);

    const moved = await slash('project', { name: 'elasticell' });
    expect(allText(moved)).toContain('https://github.com/matrixorigin/elasticell');

    for (let i = 0; i < 12; i++) {
      const pick = await slash('random', { category: 'Databases' });
      expect(allText(pick)).not.toMatch(/Kingbus|Jocko|oklog/);
    }
    const about = await slash('about');
    expect(allText(about)).toContain('Project metadata');
    const metrics = await harness.app.metrics.render();
    expect(metrics).toMatch(/dsp_github_requests_total\{api="rest",status="200"\} \d+/);
    expect(metrics).toMatch(/dsp_entries_by_health\{class="deleted"\} 1/);
    expect(metrics).toMatch(/dsp_github_rate_limit_remaining\{api="rest"\} \d+/);
  });

  it('GitHub down at start: answers without metadata and without errors; filled in on the next round', async () => {
    github = await startGitHubStandin({ repos: bundledRepos() });
    github.down();
    harness = await startHarnessWith(github, {});
    const app = harness.app;
    // The first round gives up early (GitHub answers 503 to everything).
    await new Promise<void>((resolve) => {
      const off = app.metadata!.onChange(({ summary }) => {
        if (summary) {
          off();
          resolve();
        }
      });
    });
    const before = await slash('search', { query: 'raft' });
    expect(resultLines(before).join('\n')).toMatch(/\*\*\[etcd\]/);
    expect(allText(before)).not.toContain('★');
    expect(harness.logs.filter((line) => line.level === 50)).toEqual([]);

    github.up();
    await app.metadata!.runRound();
    const after = await slash('search', { query: 'raft' });
    expect(allText(after)).toContain('★');
  });

  it('never shows the GitHub token in logs, replies or requests, at LOG_LEVEL=trace', async () => {
    const { started, github } = await start({ token: true, logLevel: 'trace' });
    harness = await started;
    await viewWhere(harness.app, (view) => view.withData > 30);
    expect(github.stats.graphql).toBe(1);
    const replies = [
      await slash('search', { query: 'raft', sort: 'stars' }),
      await slash('about'),
      await slash('project', { name: 'etcd' }),
    ];
    const everything = [
      harness.rawLogs.join(''),
      ...replies.map(allText),
      JSON.stringify(harness.standin.requests),
      await harness.app.metrics.render(),
    ].join('\n');
    expect(harness.logs.some((line) => line.msg === 'metadata refresh finished')).toBe(true);
    expect(everything).not.toContain(GITHUB_TOKEN);
    expect(everything).not.toContain(GITHUB_TOKEN.slice(4, 20));
  });
});
