/**
 * A local stand-in for the GitHub API on 127.0.0.1, for tests, benchmarks and the playground.
 *
 *   const github = await startGitHubStandin({ repos: [repo('etcd-io/etcd', { stars: 45000 })] });
 *   // GITHUB_API_URL=github.url
 *   github.stats.overLimit   // requests that arrived while the budget was exhausted: must stay 0
 *   await github.stop();
 *
 * REST: GET /repos/{owner}/{repo} (strong ETag, If-None-Match → 304 which costs no budget; a moved
 * repository answers 301 with Location /repositories/{id}; GET /repositories/{id}; unknown → 404).
 * GraphQL: POST /graphql with `alias: repository(owner: "o", name: "n") { … }` fields, at most 100
 * per query; a missing repository is `null` data plus a NOT_FOUND error whose path is the alias.
 * Every answer carries x-ratelimit-limit/-remaining/-reset/-used/-resource. A request made while
 * `remaining` is 0 before the reset is answered 403 (or 429) with remaining 0 and counted in
 * `stats.overLimit`. `secondaryLimit(n, seconds)` answers the next n requests 403 with
 * `retry-after`; without `seconds`, with no `retry-after`, and then GitHub's documented wait
 * applies: at least a minute, doubling while the limit continues. One arriving while that wait
 * runs is counted in `stats.duringSecondary`.
 * `fail(n, status)` answers the next n requests with a 5xx; `down()` / `up()` refuse everything
 * with 503 meanwhile.
 *
 * Time comes from `now` (epoch ms), so a test drives the rate-limit window with the same fake
 * clock its client sleeps on: no test waits for real time.
 *
 * One file though long: REST and GraphQL answer from one repository table and charge one rate-limit
 * budget, which has to be read in one place to keep the budget rule checkable.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inventedRepo } from './invented.js';

export interface StandinRepo {
  /** `owner/name` as GitHub spells it now. */
  fullName: string;
  id: number;
  stars: number;
  forks: number;
  /** ISO time of the last push. */
  pushedAt: string;
  archived: boolean;
  disabled: boolean;
  license?: string;
  topics: string[];
  description: string;
  /** Former names that redirect here (renames and transfers). */
  formerNames: string[];
}

let nextId = 1000;

/** A repository with defaults a test can override. */
export function standinRepo(fullName: string, overrides: Partial<StandinRepo> = {}): StandinRepo {
  return {
    fullName,
    id: nextId++,
    stars: 100,
    forks: 10,
    pushedAt: '2026-11-01T00:00:00Z',
    archived: false,
    disabled: false,
    license: 'MIT',
    topics: [],
    description: `${fullName} description`,
    formerNames: [],
    ...overrides,
  };
}

export interface RateLimitSpec {
  /** Requests per window. */
  limit: number;
  /** Window length in seconds (GitHub: 3600). */
  windowSeconds: number;
}

export interface GitHubStandinOptions {
  repos?: StandinRepo[];
  /** Budget without a token (default GitHub's 60 an hour). */
  anonymous?: RateLimitSpec;
  /** Budget with a token (default 5000 an hour); REST and GraphQL each have their own. */
  authenticated?: RateLimitSpec;
  /** The token that authenticates; GraphQL needs it, a wrong one gets 401. */
  token?: string;
  /**
   * Status for a request over the budget (GitHub uses both). Default 403. GraphQL can also answer
   * 200 with a RATE_LIMITED error and no data: `graphqlRateLimitedAs200`.
   */
  exhaustedStatus?: 403 | 429;
  graphqlRateLimitedAs200?: boolean;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
  /** Answers for any repository not given, with made-up stable facts (invented.ts; the playground). */
  invent?: boolean;
}

export interface GitHubStats {
  /** Every request received. */
  requests: number;
  rest: number;
  graphql: number;
  /** GraphQL repositories asked for, in all queries. */
  graphqlRepositories: number;
  notModified: number;
  /** Requests that arrived while the budget was exhausted: a client breaking the rule. */
  overLimit: number;
  /** Requests answered with a secondary limit. */
  secondaryLimited: number;
  /** Requests that arrived while a secondary-limit wait was running. */
  duringSecondary: number;
  /** Most requests in flight at once (they are answered at once, so this is usually 1-4). */
  maxInFlight: number;
  /** Authorization headers seen, for checking a token was (or was not) sent. */
  authorized: number;
}

export interface GitHubStandin {
  url: string;
  stats: GitHubStats;
  repos: Map<string, StandinRepo>;
  /** Adds or replaces a repository. */
  setRepo(repo: StandinRepo): void;
  /** Changes fields of a repository; its ETag changes with them. */
  update(fullName: string, changes: Partial<StandinRepo>): void;
  /** Renames or transfers: the old name answers 301 from now on. */
  move(from: string, to: string): void;
  /** The repository is gone: 404 from now on. */
  remove(fullName: string): void;
  /**
   * The next `count` requests are answered 403 with `retry-after: seconds`; without `seconds`, with
   * no `retry-after` (the client must wait a minute, then twice as long each time in a row).
   */
  secondaryLimit(count: number, seconds?: number): void;
  /** The next `count` requests are answered with `status` (5xx). */
  fail(count: number, status?: number): void;
  /** Every request answered 503 until `up()`. */
  down(): void;
  up(): void;
  /** Holds every answer until the returned function is called (to observe concurrency). */
  hold(): () => void;
  inFlight(): number;
  resetStats(): void;
  stop(): Promise<void>;
}

interface Window {
  resetAt: number;
  used: number;
}

function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('hex')}"`;
}

function restBody(repo: StandinRepo, baseUrl: string): Record<string, unknown> {
  const [owner = '', name = ''] = repo.fullName.split('/');
  return {
    id: repo.id,
    name,
    full_name: repo.fullName,
    owner: { login: owner },
    html_url: `https://github.com/${repo.fullName}`,
    url: `${baseUrl}/repos/${repo.fullName}`,
    description: repo.description,
    stargazers_count: repo.stars,
    forks_count: repo.forks,
    pushed_at: repo.pushedAt,
    archived: repo.archived,
    disabled: repo.disabled,
    license: repo.license ? { spdx_id: repo.license, key: repo.license.toLowerCase() } : null,
    topics: repo.topics,
  };
}

function graphqlNode(repo: StandinRepo): Record<string, unknown> {
  return {
    nameWithOwner: repo.fullName,
    stargazerCount: repo.stars,
    forkCount: repo.forks,
    pushedAt: repo.pushedAt,
    isArchived: repo.archived,
    isDisabled: repo.disabled,
    description: repo.description,
    licenseInfo: repo.license ? { spdxId: repo.license } : null,
    repositoryTopics: { nodes: repo.topics.map((name) => ({ topic: { name } })) },
  };
}

const REPOSITORY_FIELD = /(\w+)\s*:\s*repository\(\s*owner:\s*"([^"]*)"\s*,\s*name:\s*"([^"]*)"\s*\)/g;

export async function startGitHubStandin(options: GitHubStandinOptions = {}): Promise<GitHubStandin> {
  const now = options.now ?? Date.now;
  const anonymous = options.anonymous ?? { limit: 60, windowSeconds: 3600 };
  const authenticated = options.authenticated ?? { limit: 5000, windowSeconds: 3600 };
  const repos = new Map<string, StandinRepo>();
  const byId = new Map<number, StandinRepo>();
  const add = (repo: StandinRepo) => {
    repos.set(repo.fullName.toLowerCase(), repo);
    byId.set(repo.id, repo);
  };
  for (const repo of options.repos ?? []) add(repo);

  const windows = new Map<string, Window>();
  const emptyStats = (): GitHubStats => ({
    requests: 0,
    rest: 0,
    graphql: 0,
    graphqlRepositories: 0,
    notModified: 0,
    overLimit: 0,
    secondaryLimited: 0,
    duringSecondary: 0,
    maxInFlight: 0,
    authorized: 0,
  });
  const stats = emptyStats();
  let secondary: { count: number; seconds?: number } = { count: 0 };
  let secondaryUntil = 0;
  /** Secondary limits without retry-after answered in a row: each asks for twice the wait. */
  let silentStreak = 0;
  let failures = { count: 0, status: 502 };
  let isDown = false;
  let inFlight = 0;
  let held: Promise<void> | undefined;

  const find = (fullName: string): StandinRepo | undefined => {
    const known = repos.get(fullName.toLowerCase());
    if (known || !options.invent) return known;
    const made = inventedRepo(fullName);
    if (made) add(made);
    return made;
  };
  const findMoved = (fullName: string): StandinRepo | undefined => {
    const wanted = fullName.toLowerCase();
    for (const repo of byId.values()) {
      if (repo.formerNames.some((name) => name.toLowerCase() === wanted)) return repo;
    }
    return undefined;
  };

  function budgetFor(key: string, spec: RateLimitSpec): Window {
    const at = now();
    let window = windows.get(key);
    if (!window || at >= window.resetAt) {
      // GitHub resets are whole seconds.
      window = { resetAt: Math.ceil((at + spec.windowSeconds * 1000) / 1000) * 1000, used: 0 };
      windows.set(key, window);
    }
    return window;
  }

  function rateHeaders(res: ServerResponse, window: Window, spec: RateLimitSpec, resource: string): void {
    res.setHeader('x-ratelimit-limit', String(spec.limit));
    res.setHeader('x-ratelimit-remaining', String(Math.max(0, spec.limit - window.used)));
    res.setHeader('x-ratelimit-reset', String(Math.floor(window.resetAt / 1000)));
    res.setHeader('x-ratelimit-used', String(window.used));
    res.setHeader('x-ratelimit-resource', resource);
  }

  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: IncomingMessage, res: ServerResponse, baseUrl: string): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const isGraphql = url.pathname === '/graphql';
    const authorization = req.headers.authorization;
    if (authorization) stats.authorized++;
    const token = authorization?.replace(/^(bearer|token)\s+/i, '');
    if (authorization && options.token !== undefined && token !== options.token) {
      json(res, 401, { message: 'Bad credentials' });
      return;
    }
    const signedIn = authorization !== undefined;
    if (isGraphql && !signedIn) {
      json(res, 401, { message: 'This endpoint requires you to be authenticated.' });
      return;
    }
    const spec = signedIn ? authenticated : anonymous;
    const resource = isGraphql ? 'graphql' : 'core';
    const window = budgetFor(`${signedIn ? 'auth' : 'anon'}:${resource}`, spec);

    if (isDown) {
      json(res, 503, { message: 'Service Unavailable' });
      return;
    }
    if (now() < secondaryUntil) stats.duringSecondary++;
    if (secondary.count > 0) {
      secondary.count--;
      stats.secondaryLimited++;
      const waitMs =
        secondary.seconds !== undefined ? secondary.seconds * 1000 : 60_000 * 2 ** silentStreak++;
      secondaryUntil = now() + waitMs;
      rateHeaders(res, window, spec, resource);
      json(
        res,
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
        secondary.seconds !== undefined ? { 'retry-after': String(secondary.seconds) } : {},
      );
      return;
    }
    silentStreak = 0;
    if (failures.count > 0) {
      failures.count--;
      json(res, failures.status, { message: 'Server Error' });
      return;
    }
    if (window.used >= spec.limit) {
      stats.overLimit++;
      rateHeaders(res, window, spec, resource);
      if (isGraphql && options.graphqlRateLimitedAs200) {
        json(res, 200, {
          data: null,
          errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }],
        });
        return;
      }
      json(res, options.exhaustedStatus ?? 403, {
        message: 'API rate limit exceeded for 127.0.0.1.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      });
      return;
    }

    if (isGraphql) {
      if (req.method !== 'POST') {
        json(res, 404, { message: 'Not Found' });
        return;
      }
      stats.graphql++;
      window.used++;
      const body = JSON.parse(await readBody(req)) as { query?: string };
      const fields = [...(body.query ?? '').matchAll(REPOSITORY_FIELD)];
      rateHeaders(res, window, spec, resource);
      if (fields.length > 100) {
        json(res, 200, {
          errors: [{ type: 'MAX_NODE_LIMIT_EXCEEDED', message: 'At most 100 repositories per query.' }],
        });
        return;
      }
      stats.graphqlRepositories += fields.length;
      const data: Record<string, unknown> = {};
      const errors: unknown[] = [];
      for (const [, alias = '', owner, name] of fields) {
        const fullName = `${owner}/${name}`;
        const repo = find(fullName) ?? findMoved(fullName);
        data[alias] = repo ? graphqlNode(repo) : null;
        if (!repo) {
          errors.push({
            type: 'NOT_FOUND',
            path: [alias],
            locations: [{ line: 1, column: 1 }],
            message: `Could not resolve to a Repository with the name '${fullName}'.`,
          });
        }
      }
      json(res, 200, errors.length > 0 ? { data, errors } : { data });
      return;
    }

    const repoMatch = /^\/repos\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
    const idMatch = /^\/repositories\/(\d+)\/?$/.exec(url.pathname);
    if (req.method !== 'GET' || (!repoMatch && !idMatch)) {
      json(res, 404, { message: 'Not Found' });
      return;
    }
    stats.rest++;
    const repo = repoMatch
      ? find(`${decodeURIComponent(repoMatch[1] ?? '')}/${decodeURIComponent(repoMatch[2] ?? '')}`)
      : byId.get(Number(idMatch?.[1]));
    if (!repo && repoMatch) {
      const moved = findMoved(`${repoMatch[1]}/${repoMatch[2]}`);
      if (moved) {
        window.used++;
        rateHeaders(res, window, spec, resource);
        json(
          res,
          301,
          { message: 'Moved Permanently', url: `${baseUrl}/repositories/${moved.id}` },
          { location: `${baseUrl}/repositories/${moved.id}` },
        );
        return;
      }
    }
    if (!repo) {
      window.used++;
      rateHeaders(res, window, spec, resource);
      json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const text = JSON.stringify(restBody(repo, baseUrl));
    const etag = etagOf(text);
    if (req.headers['if-none-match'] === etag) {
      // A 304 does not count against the budget (GitHub documents this for conditional requests).
      stats.notModified++;
      rateHeaders(res, window, spec, resource);
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    window.used++;
    rateHeaders(res, window, spec, resource);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag });
    res.end(text);
  }

  const server: Server = createServer((req, res) => {
    stats.requests++;
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    void (async () => {
      if (held) await held;
      await handle(req, res, base);
    })().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { message: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    stats,
    repos,
    setRepo: add,
    update(fullName, changes) {
      const repo = find(fullName);
      if (!repo) throw new Error(`no repository ${fullName}`);
      Object.assign(repo, changes);
    },
    move(from, to) {
      const repo = find(from);
      if (!repo) throw new Error(`no repository ${from}`);
      repos.delete(from.toLowerCase());
      repo.formerNames.push(repo.fullName);
      repo.fullName = to;
      repos.set(to.toLowerCase(), repo);
    },
    remove(fullName) {
      const repo = find(fullName);
      if (!repo) return;
      repos.delete(fullName.toLowerCase());
      byId.delete(repo.id);
    },
    secondaryLimit(count, seconds) {
      secondary = seconds !== undefined ? { count, seconds } : { count };
    },
    fail(count, status = 502) {
      failures = { count, status };
    },
    down() {
      isDown = true;
    },
    up() {
      isDown = false;
    },
    hold() {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    inFlight: () => inFlight,
    resetStats() {
      Object.assign(stats, emptyStats());
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
