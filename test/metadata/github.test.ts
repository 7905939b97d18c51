import { afterEach, describe, expect, it } from 'vitest';
import { RateBudget } from '../../src/metadata/budget.js';
import { GitHubGraphqlClient } from '../../src/metadata/github-graphql.js';
import { GitHubRestClient } from '../../src/metadata/github-rest.js';
import { refreshMetadata } from '../../src/metadata/refresh.js';
import type { RefreshOptions } from '../../src/metadata/refresh.js';
import { createSources, rateLimitIdentity } from '../../src/metadata/service.js';
import { standinRepo, startGitHubStandin } from '../../tools/github-standin/index.js';
import type { GitHubStandin, GitHubStandinOptions } from '../../tools/github-standin/index.js';
import { entry, fakeClock, memoryMetadataStore } from './helpers.js';
import type { FakeClock } from './helpers.js';

const UA = 'dsp/test (+https://github.com/dsp-bot/dsp)';
let github: GitHubStandin | undefined;
afterEach(async () => {
  await github?.stop();
  github = undefined;
});

function names(count: number, prefix = 'org'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}/project-${i}`);
}

async function setup(repoNames: string[], options: Partial<GitHubStandinOptions> = {}, token?: string) {
  const clock = fakeClock();
  github = await startGitHubStandin({
    repos: repoNames.map((name, i) => standinRepo(name, { stars: 1000 + i })),
    now: clock.now,
    ...(token ? { token } : {}),
    ...options,
  });
  return { clock, github, store: memoryMetadataStore() };
}

function sourcesFor(github: GitHubStandin, clock: FakeClock, token?: string) {
  const budget = new RateBudget({ clock });
  const base = { apiUrl: github.url, clock, budget, userAgent: UA, backoffMs: 10 };
  return token
    ? { budget, graphql: new GitHubGraphqlClient({ ...base, token }) }
    : { budget, rest: new GitHubRestClient(base) };
}

function options(
  store: ReturnType<typeof memoryMetadataStore>,
  sources: RefreshOptions['sources'],
  clock: FakeClock,
  extra: Partial<RefreshOptions> = {},
): RefreshOptions {
  return { store, sources, clock, refreshMs: 86_400_000, holder: 'test', ...extra };
}

describe('GitHub enrichment without a token (REST)', () => {
  it('fills in a whole list over successive windows of a tiny budget, with no request over the limit', async () => {
    const repos = names(25);
    const { clock, github, store } = await setup(repos, { anonymous: { limit: 4, windowSeconds: 3600 } });
    const sources = sourcesFor(github, clock);
    const estimates: number[] = [];
    const summary = await refreshMetadata(
      repos.map((name) => entry(`https://github.com/${name}`)),
      options(store, sources, clock, { onEstimate: (ms) => estimates.push(ms) }),
    );
    expect(github.stats.overLimit).toBe(0);
    expect(summary.repositories).toMatchObject({ due: 25, found: 25, failed: 0, left: 0 });
    expect(summary.rateLimitWaits).toBe(6); // 25 requests at 4 an hour: 6 resets waited for
    expect(clock.slept).toBeGreaterThanOrEqual(6 * 3600_000);
    // Said up front: after the first answer, 24 left at 3 now and 4 an hour.
    expect(estimates[0]).toBeGreaterThan(5 * 3600_000);
    expect((await store.repoRecords()).map((record) => record.facts?.stars)).toHaveLength(25);
  });

  it('sends conditional requests: an unchanged repository costs a 304, a changed one is read again', async () => {
    const repos = names(5);
    const { clock, github, store } = await setup(repos);
    const list = repos.map((name) => entry(`https://github.com/${name}`));
    await refreshMetadata(list, options(store, sourcesFor(github, clock), clock));
    github.update('org/project-2', { stars: 99999 });
    const again = await refreshMetadata(
      list,
      options(store, sourcesFor(github, clock), clock, { force: true }),
    );
    expect(again.notModified).toBe(4);
    expect(again.repositories).toMatchObject({ notModified: 4, found: 1 });
    const [changed] = await store.repoRecords(['org/project-2']);
    expect(changed?.facts?.stars).toBe(99999);
  });

  it('learns that a repository moved (301) or is gone (404), and keeps what it knew', async () => {
    const { clock, github, store } = await setup(['old/name', 'gone/repo']);
    const list = [entry('https://github.com/old/name'), entry('https://github.com/gone/repo')];
    await refreshMetadata(list, options(store, sourcesFor(github, clock), clock));
    github.move('old/name', 'new-owner/new-name');
    github.remove('gone/repo');
    await refreshMetadata(list, options(store, sourcesFor(github, clock), clock, { force: true }));
    const [gone, moved] = await store.repoRecords();
    expect(moved).toMatchObject({
      repo: 'old/name',
      status: 'moved',
      facts: { fullName: 'new-owner/new-name' },
    });
    expect(gone).toMatchObject({ repo: 'gone/repo', status: 'not-found', facts: { fullName: 'gone/repo' } });
  });

  it('waits out a secondary limit before sending anything else', async () => {
    const repos = names(8);
    const { clock, github, store } = await setup(repos);
    github.secondaryLimit(1, 120);
    const summary = await refreshMetadata(
      repos.map((name) => entry(`https://github.com/${name}`)),
      options(store, sourcesFor(github, clock), clock),
    );
    expect(github.stats.secondaryLimited).toBe(1);
    expect(github.stats.duringSecondary).toBe(0);
    expect(summary.repositories.found).toBe(8);
    expect(clock.slept).toBeGreaterThanOrEqual(120_000);
  });

  it('waits a minute for a secondary limit without retry-after, twice as long each time it continues', async () => {
    const { clock, github, store } = await setup(['a/b']);
    github.secondaryLimit(3);
    const summary = await refreshMetadata(
      [entry('https://github.com/a/b')],
      options(store, sourcesFor(github, clock), clock),
    );
    expect(github.stats.secondaryLimited).toBe(3);
    // The stand-in asks for 1, 2 and 4 minutes; a request sooner than that is counted here.
    expect(github.stats.duringSecondary).toBe(0);
    expect(summary.repositories).toMatchObject({ found: 1, failed: 0 });
    expect(clock.slept).toBeGreaterThanOrEqual(7 * 60_000);
    expect((await store.repoRecords())[0]?.status).toBe('ok');
  });

  it('retries a 5xx a few times, then gives up for the round and tries again next round', async () => {
    const { clock, github, store } = await setup(['a/b']);
    github.fail(3, 502);
    const list = [entry('https://github.com/a/b')];
    const first = await refreshMetadata(list, options(store, sourcesFor(github, clock), clock));
    expect(first.repositories).toMatchObject({ failed: 1, found: 0 });
    expect(github.stats.requests).toBe(3);
    expect((await store.repoRecords())[0]).toMatchObject({
      status: 'unknown',
      failures: 1,
      lastError: 'HTTP 502',
    });
    const second = await refreshMetadata(list, options(store, sourcesFor(github, clock), clock));
    expect(second.repositories).toMatchObject({ due: 1, found: 1 });
    expect(await store.lastRefresh()).toBeDefined();
  });

  it('keeps at most 4 requests in flight', async () => {
    const repos = names(12);
    const { clock, github, store } = await setup(repos);
    const sources = sourcesFor(github, clock);
    // The first answer tells the budget; hold the rest to see how many are sent at once.
    const round = refreshMetadata(
      repos.map((name) => entry(`https://github.com/${name}`)),
      options(store, sources, clock),
    );
    let release: (() => void) | undefined;
    await new Promise<void>((resolve) => {
      const poll = () => {
        if (github.stats.requests >= 1 && !release) release = github.hold();
        if (github.inFlight() >= 4) resolve();
        else setImmediate(poll);
      };
      poll();
    });
    release?.();
    await round;
    expect(github.stats.maxInFlight).toBe(4);
  });
});

describe('GitHub enrichment with a token (GraphQL)', () => {
  it('uses ⌈N/100⌉ queries for N repositories and reports missing ones as not found', async () => {
    const repos = names(250);
    const { clock, github, store } = await setup(repos, {}, 'ghp_secret');
    const list = [...repos, 'nobody/missing'].map((name) => entry(`https://github.com/${name}`));
    const summary = await refreshMetadata(
      list,
      options(store, sourcesFor(github, clock, 'ghp_secret'), clock),
    );
    expect(github.stats.graphql).toBe(3);
    expect(github.stats.rest).toBe(0);
    expect(summary).toMatchObject({ api: 'graphql', graphqlQueries: 3 });
    expect(summary.repositories).toMatchObject({ found: 250, notFound: 1 });
    const [missing] = await store.repoRecords(['nobody/missing']);
    expect(missing?.status).toBe('not-found');
  });
});

describe('GitHub enrichment with a token (GraphQL), rate limited', () => {
  it('waits for the reset when GraphQL answers 200 with a RATE_LIMITED error, instead of failing the batch', async () => {
    const repos = names(150);
    const { clock, github, store } = await setup(
      repos,
      { authenticated: { limit: 2, windowSeconds: 3600 }, graphqlRateLimitedAs200: true },
      'ghp_secret',
    );
    const list = repos.map((name) => entry(`https://github.com/${name}`));
    // Another client (not sharing this budget) spends the window first.
    await refreshMetadata(list, options(store, sourcesFor(github, clock, 'ghp_secret'), clock));
    const summary = await refreshMetadata(
      list,
      options(store, sourcesFor(github, clock, 'ghp_secret'), clock, { force: true }),
    );
    expect(github.stats.overLimit).toBe(1); // its first query could not know; none after it
    expect(summary.repositories).toMatchObject({ found: 150, failed: 0 });
    expect(summary.rateLimitWaits).toBeGreaterThanOrEqual(1);
  });
});

describe('the rate budget across restarts', () => {
  it('a restarted process starts from the budget the last one left: no request while it is spent', async () => {
    const repos = names(10);
    const { clock, github, store } = await setup(repos, { anonymous: { limit: 4, windowSeconds: 3600 } });
    const list = repos.map((name) => entry(`https://github.com/${name}`));
    const settings = { GITHUB_API_URL: github.url, LINK_CHECK: false, LINK_CHECK_ALLOW_PRIVATE: false };
    // Each run is a new process: new budget and clients, the same store.
    const run = (waitForReset: boolean) =>
      refreshMetadata(
        list,
        options(store, createSources(settings, { clock, version: 'test', store, waitForReset }), clock),
      );
    const first = await run(false);
    expect(first).toMatchObject({ budgetExhausted: true, repositories: { found: 4 } });
    const restarted = await run(false);
    expect(github.stats.overLimit).toBe(0);
    expect(restarted).toMatchObject({
      requests: 0,
      budgetExhausted: true,
      repositories: { due: 6, left: 6 },
    });
    const afterReset = await run(true);
    expect(github.stats.overLimit).toBe(0);
    expect(afterReset.repositories).toMatchObject({ found: 6, left: 0 });
    // The reset the first process ran into, then one more window for the last 2.
    expect(afterReset.rateLimitWaits).toBe(2);
  });

  it('a process restarted during a secondary-limit wait waits out the rest of it', async () => {
    const { clock, github, store } = await setup(['a/b', 'c/d']);
    github.secondaryLimit(1, 600);
    const list = [entry('https://github.com/a/b'), entry('https://github.com/c/d')];
    const settings = { GITHUB_API_URL: github.url, LINK_CHECK: false, LINK_CHECK_ALLOW_PRIVATE: false };
    const run = (processClock: FakeClock) =>
      refreshMetadata(
        list,
        options(
          store,
          createSources(settings, { clock: processClock, version: 'test', store }),
          processClock,
        ),
      );
    // The first process dies as it starts waiting: its sleeps never return.
    const dying: FakeClock = { ...clock, sleep: () => Promise.reject(new Error('process killed')) };
    await expect(run(dying)).rejects.toThrow('process killed');
    await store.releaseLease('metadata-refresh', 'test');
    const restarted = await run(clock);
    expect(github.stats.secondaryLimited).toBe(1);
    expect(github.stats.duringSecondary).toBe(0);
    expect(restarted.repositories).toMatchObject({ found: 2, left: 0 });
    expect(clock.slept).toBeGreaterThanOrEqual(600_000);
  });

  it('keeps budgets apart by API and credential, and never stores the token', async () => {
    const { clock, github, store } = await setup(['a/b'], {}, 'ghp_secret');
    const settings = {
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: 'ghp_secret',
      LINK_CHECK: false,
      LINK_CHECK_ALLOW_PRIVATE: false,
    };
    await refreshMetadata(
      [entry('https://github.com/a/b')],
      options(store, createSources(settings, { clock, version: 'test', store }), clock),
    );
    expect(await store.rateLimit('rest', 'anonymous')).toBeUndefined();
    const identity = rateLimitIdentity('ghp_secret');
    expect(identity).toMatch(/^token:[0-9a-f]{16}$/);
    expect(await store.rateLimit('graphql', identity)).toMatchObject({ limit: 5000, remaining: 4999 });
    expect(await store.rateLimit('graphql', rateLimitIdentity('ghp_other'))).toBeUndefined();
  });
});

describe('refresh lease', () => {
  it('lets one holder run a round at a time', async () => {
    const { clock, github, store } = await setup(['a/b']);
    await store.acquireLease('metadata-refresh', 'other-process', 60_000);
    const summary = await refreshMetadata(
      [entry('https://github.com/a/b')],
      options(store, sourcesFor(github, clock), clock),
    );
    expect(summary.ran).toBe(false);
    expect(github.stats.requests).toBe(0);
  });
});
