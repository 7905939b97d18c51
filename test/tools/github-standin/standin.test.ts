import { afterEach, describe, expect, it } from 'vitest';
import { standinRepo, startGitHubStandin, startWebStandin } from '../../../tools/github-standin/index.js';
import type { GitHubStandin, WebStandin } from '../../../tools/github-standin/index.js';

let github: GitHubStandin | undefined;
let web: WebStandin | undefined;
afterEach(async () => {
  await github?.stop();
  await web?.stop();
  github = undefined;
  web = undefined;
});

describe('GitHub stand-in', () => {
  it('answers a repository with an ETag, and 304 without cost on If-None-Match', async () => {
    github = await startGitHubStandin({ repos: [standinRepo('etcd-io/etcd', { stars: 45000 })] });
    const first = await fetch(`${github.url}/repos/etcd-io/etcd`);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { stargazers_count: number }).stargazers_count).toBe(45000);
    const etag = first.headers.get('etag') ?? '';
    expect(first.headers.get('x-ratelimit-remaining')).toBe('59');
    const second = await fetch(`${github.url}/repos/etcd-io/etcd`, { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
    expect(second.headers.get('x-ratelimit-remaining')).toBe('59');
    github.update('etcd-io/etcd', { stars: 46000 });
    const third = await fetch(`${github.url}/repos/etcd-io/etcd`, { headers: { 'if-none-match': etag } });
    expect(third.status).toBe(200);
    expect(github.stats.notModified).toBe(1);
  });

  it('answers 301 for a moved repository and 404 for a missing one', async () => {
    github = await startGitHubStandin({ repos: [standinRepo('old/name')] });
    github.move('old/name', 'new-owner/new-name');
    const moved = await fetch(`${github.url}/repos/old/name`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    const target = await fetch(new URL(moved.headers.get('location') ?? '', github.url));
    expect(((await target.json()) as { full_name: string }).full_name).toBe('new-owner/new-name');
    expect((await fetch(`${github.url}/repos/nobody/nothing`)).status).toBe(404);
  });

  it('refuses requests over the budget and counts them, until the window resets', async () => {
    let now = Date.UTC(2026, 0, 1);
    github = await startGitHubStandin({
      repos: [standinRepo('a/b')],
      anonymous: { limit: 2, windowSeconds: 60 },
      now: () => now,
      exhaustedStatus: 429,
    });
    await fetch(`${github.url}/repos/a/b`);
    const last = await fetch(`${github.url}/repos/a/b`);
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    const over = await fetch(`${github.url}/repos/a/b`);
    expect(over.status).toBe(429);
    expect(github.stats.overLimit).toBe(1);
    now = Number(last.headers.get('x-ratelimit-reset')) * 1000;
    expect((await fetch(`${github.url}/repos/a/b`)).status).toBe(200);
  });

  it('answers a secondary limit with retry-after', async () => {
    github = await startGitHubStandin({ repos: [standinRepo('a/b')] });
    github.secondaryLimit(1, 30);
    const limited = await fetch(`${github.url}/repos/a/b`);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(github.stats.secondaryLimited).toBe(1);
  });

  it('answers GraphQL aliases, with NOT_FOUND for a missing repository, and needs a token', async () => {
    github = await startGitHubStandin({ repos: [standinRepo('a/b', { stars: 7 })], token: 'ghp_test' });
    const query =
      'query { r0: repository(owner: "a", name: "b") { stargazerCount } r1: repository(owner: "x", name: "y") { stargazerCount } }';
    const anonymous = await fetch(`${github.url}/graphql`, {
      method: 'POST',
      body: JSON.stringify({ query }),
    });
    expect(anonymous.status).toBe(401);
    const answer = await fetch(`${github.url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'bearer ghp_test' },
      body: JSON.stringify({ query }),
    });
    const body = (await answer.json()) as {
      data: Record<string, { stargazerCount: number } | null>;
      errors: { type: string; path: string[] }[];
    };
    expect(body.data.r0?.stargazerCount).toBe(7);
    expect(body.data.r1).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ type: 'NOT_FOUND', path: ['r1'] })]);
  });
});

describe('web stand-in', () => {
  it('answers set statuses and redirects, refuses HEAD where told, and records the User-Agent', async () => {
    web = await startWebStandin({
      '/ok': { status: 200 },
      '/old': { status: 301, location: '/ok' },
      '/get-only': { status: 200, headRefused: true },
    });
    expect((await fetch(`${web.url}/ok`, { method: 'HEAD', headers: { 'user-agent': 'ua' } })).status).toBe(
      200,
    );
    expect((await fetch(`${web.url}/old`, { redirect: 'manual' })).headers.get('location')).toBe('/ok');
    expect((await fetch(`${web.url}/get-only`, { method: 'HEAD' })).status).toBe(405);
    expect((await fetch(`${web.url}/missing`)).status).toBe(404);
    expect(web.hits('/ok')[0]).toEqual({ method: 'HEAD', path: '/ok', userAgent: 'ua' });
  });
});
