/**
 * The rate budget a process saves, as the next process sees it: on /metrics before any request,
 * and never a request over GitHub's limit after a crash that left requests unsaved.
 */
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshMetadata } from '../../src/metadata/refresh.js';
import { createMetadataMetrics } from '../../src/metadata/metrics.js';
import { MetadataRefresher } from '../../src/metadata/refresher.js';
import { createSources } from '../../src/metadata/service.js';
import { standinRepo, startGitHubStandin } from '../../tools/github-standin/index.js';
import type { GitHubStandin } from '../../tools/github-standin/index.js';
import { entry, fakeClock, memoryMetadataStore } from './helpers.js';

const HOUR = 3_600_000;
let github: GitHubStandin | undefined;
afterEach(async () => {
  await github?.stop();
  github = undefined;
});

/** A stand-in with 60 anonymous requests an hour, `used` of them already spent (its window opens now). */
async function standinWithUsed(used: number, clock = fakeClock()) {
  github = await startGitHubStandin({
    repos: Array.from({ length: 30 }, (_, i) => standinRepo(`org/project-${i}`)),
    now: clock.now,
    anonymous: { limit: 60, windowSeconds: 3600 },
  });
  for (let i = 0; i < used; i++) {
    const response = await fetch(`${github.url}/repos/org/project-0`);
    await response.body?.cancel();
  }
  github.stats.requests = 0;
  return { clock, github };
}

/** What a process that died left in the store: `remaining` requests in the stand-in's window. */
async function storeWithSaved(remaining: number, resetAt: number) {
  const store = memoryMetadataStore();
  await store.saveRateLimit({
    api: 'rest',
    identity: 'anonymous',
    limit: 60,
    remaining,
    resetAt: new Date(resetAt),
  });
  return store;
}

const settings = (github: GitHubStandin) => ({
  GITHUB_API_URL: github.url,
  LINK_CHECK: false,
  LINK_CHECK_ALLOW_PRIVATE: false,
});

describe('the saved rate budget after a restart', () => {
  it('is on /metrics at start, before any request (less what may have gone unsaved)', async () => {
    const { clock, github } = await standinWithUsed(0);
    const store = await storeWithSaved(30, clock.now() + HOUR);
    // Refreshed a minute ago: this start makes no request.
    await store.recordRefresh({ completedAt: new Date(clock.now() - 60_000), summary: '{}' });
    const registry = new Registry();
    const refresher = new MetadataRefresher({
      store,
      entries: () => [entry('https://github.com/org/project-1')],
      settings: { ...settings(github), ENRICH_REFRESH: 86_400_000, HEALTH_INACTIVE_AFTER: 730 * 86_400_000 },
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
      holder: 'test',
      version: 'test',
      clock,
      now: () => new Date(clock.now()),
      metrics: createMetadataMetrics(registry),
    });
    const started = new Promise((resolve) => refresher.onChange(resolve));
    refresher.start();
    await started;
    await refresher.stop();
    const text = await registry.getSingleMetricAsString('dsp_github_rate_limit_remaining');
    // Saved 30 while plenty was left: up to 8 may have gone unsaved, so the budget counts 22.
    expect(text).toContain('dsp_github_rate_limit_remaining{api="rest"} 22');
    expect(github.stats.requests).toBe(0);
  });
});

/**
 * A process that sends `max` requests (fewer if its budget would make it wait for an answer) and
 * dies before it reads any answer: what it learned is only what it saved before each request.
 */
async function processDyingBeforeAnswers(
  store: ReturnType<typeof memoryMetadataStore>,
  clock: ReturnType<typeof fakeClock>,
  github: GitHubStandin,
  max = 4,
) {
  const { budget } = createSources(settings(github), { clock, version: 'test', store, waitForReset: false });
  await budget.load();
  // Where `acquire` would wait for an answer (4 in flight, or none left), this process stops.
  for (let sent = 0; sent < max && budget.inFlight < 4; sent++) {
    if ((budget.state.remaining ?? 1) - budget.inFlight <= 0) return;
    await budget.acquire();
    const response = await fetch(`${github.url}/repos/org/project-${sent}`);
    await response.body?.cancel();
  }
}

describe('a restart after requests went unsaved', () => {
  // The bound: while plenty is left a process leaves at most 8 requests (SAVE_EVERY 4 + 4 in
  // flight) unsaved, so a saved count above 8 is loaded as 8 lower; a count at or below 8 was saved
  // before each request and is exact. Saved 10 with 2 really left is the worst case: the restart
  // counts 2 and sends 2.
  it('counts 8 fewer than saved, and sends nothing over the limit', async () => {
    const { clock, github } = await standinWithUsed(58);
    const store = await storeWithSaved(10, clock.now() + HOUR);
    const repos = Array.from({ length: 10 }, (_, i) => entry(`https://github.com/org/project-${i}`));
    const sources = createSources(settings(github), { clock, version: 'test', store, waitForReset: false });
    const summary = await refreshMetadata(repos, {
      store,
      sources,
      clock,
      refreshMs: 86_400_000,
      holder: 'test',
    });
    expect(github.stats.overLimit).toBe(0);
    expect(summary).toMatchObject({ budgetExhausted: true, requests: 2 });
  });

  // A count loaded 8 lower may already miss 8 requests; a restarted process that sent more before
  // its first save would stack its own on top. So its first request waits for a save.
  it('a crash loop of processes dying before any answer sends nothing over the limit', async () => {
    const { clock, github } = await standinWithUsed(48);
    // The first process saved 20 and died with 8 unsaved: 12 really left.
    const store = await storeWithSaved(20, clock.now() + HOUR);
    await processDyingBeforeAnswers(store, clock, github, 3);
    for (let i = 0; i < 4; i++) await processDyingBeforeAnswers(store, clock, github);
    expect(github.stats.overLimit).toBe(0);
  });
});
