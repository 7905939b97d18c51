/**
 * Enrichment: 3,000 synthetic repositories looked up against the GitHub stand-in, into a real
 * SQLite store, without a token (REST, the anonymous 60 requests an hour) and with one (GraphQL,
 * 100 per query), each twice: a first round and a second one (ETags: 304s cost no budget).
 * Rate-limit waits pass on a virtual clock shared with the stand-in, so the anonymous run shows
 * the hours it takes without taking them; wall time is what the requests themselves cost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from '../src/list/types.js';
import type { Clock } from '../src/metadata/clock.js';
import { refreshMetadata } from '../src/metadata/refresh.js';
import { createSources } from '../src/metadata/service.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { standinRepo, startGitHubStandin } from '../tools/github-standin/index.js';
import { printTable } from './lib/measure.js';

const REPOSITORIES = 3_000;
const TOKEN = 'bench-github-token';

function virtualClock(start: number): Clock & { waited: () => number } {
  let now = start;
  let waited = 0;
  return {
    now: () => now,
    waited: () => waited,
    async sleep(ms) {
      const target = now + Math.max(0, ms);
      if (target > now) {
        waited += target - now;
        now = target;
      }
      await Promise.resolve();
    },
  };
}

function hours(ms: number): string {
  return ms === 0 ? '0' : `${(ms / 3_600_000).toFixed(1)} h`;
}

export async function enrich(): Promise<void> {
  const names = Array.from({ length: REPOSITORIES }, (_, i) => `org-${i % 97}/project-${i}`);
  const entries: Entry[] = names.map((name, i) => ({
    id: `p${i}`,
    name,
    url: `https://github.com/${name}`,
    repo: name,
    description: '',
    tags: [],
    archived: false,
    kind: 'project',
    category: 'Bench',
    line: i + 1,
  }));
  const rows: string[][] = [];
  for (const withToken of [false, true]) {
    const clock = virtualClock(Date.UTC(2026, 10, 1));
    const github = await startGitHubStandin({
      repos: names.map((name, i) => standinRepo(name, { stars: i })),
      now: clock.now,
      ...(withToken ? { token: TOKEN } : {}),
    });
    const stateDir = mkdtempSync(join(tmpdir(), 'dsp-bench-enrich-'));
    const store = openSqliteStore(stateDir);
    try {
      const sources = createSources(
        {
          GITHUB_API_URL: github.url,
          LINK_CHECK: false,
          LINK_CHECK_ALLOW_PRIVATE: false,
          ...(withToken ? { GITHUB_TOKEN: TOKEN } : {}),
        },
        { clock, version: 'bench', store },
      );
      for (const round of ['first', 'second'] as const) {
        const waitedBefore = clock.waited();
        const requestsBefore = github.stats.requests;
        const started = performance.now();
        const summary = await refreshMetadata(entries, {
          store,
          sources,
          clock,
          refreshMs: 1,
          force: true,
          holder: 'bench',
        });
        const wall = performance.now() - started;
        rows.push([
          withToken ? 'token (GraphQL)' : 'no token (REST)',
          round,
          String(summary.repositories.found + summary.repositories.notModified),
          String(github.stats.requests - requestsBefore),
          String(summary.notModified),
          String(summary.rateLimitWaits),
          hours(clock.waited() - waitedBefore),
          `${(wall / 1000).toFixed(1)} s`,
          String(github.stats.overLimit),
        ]);
      }
    } finally {
      await store.close();
      await github.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }
  printTable(
    `${REPOSITORIES.toLocaleString('en')} repositories against the GitHub stand-in (anonymous 60/h, token 5,000/h)`,
    ['run', 'round', 'filled', 'requests', '304s', 'waits', 'waited (virtual)', 'wall', 'over limit'],
    rows,
  );
}
