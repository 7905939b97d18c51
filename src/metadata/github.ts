/**
 * GitHub clients: REST (`GET /repos/{owner}/{repo}`, conditional with the stored ETag, one
 * repository per request, for running without a token) and GraphQL (up to 100 repositories per
 * query by aliases, with `GITHUB_TOKEN`). Both send every request through a RateBudget, retry 5xx
 * and network errors with backoff a few times, wait out secondary limits, and return results as
 * values: a lookup never throws for what GitHub answered.
 */
import type { RateBudget } from './budget.js';
import type { Clock } from './clock.js';
import type { RepoFacts } from './types.js';

export type RepoLookup =
  | { kind: 'found'; facts: RepoFacts; etag?: string }
  | { kind: 'not-modified' }
  | { kind: 'not-found' }
  | { kind: 'failed'; reason: string };

export interface GitHubClientOptions {
  /** Without a trailing slash, e.g. https://api.github.com. */
  apiUrl: string;
  token?: string;
  clock: Clock;
  /** Shared by every request of this client (one per API: REST and GraphQL have separate budgets). */
  budget: RateBudget;
  userAgent: string;
  /** Tries per request for 5xx and network errors (default 3). */
  attempts?: number;
  /** First backoff (default 1 s, doubling). */
  backoffMs?: number;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told about every response: api and status (or `network`). */
  onResponse?: (api: 'rest' | 'graphql', status: number | 'network') => void;
}

export interface GitHubCounters {
  requests: number;
  notModified: number;
  /** Requests given up after their tries. */
  failures: number;
  byStatus: Record<string, number>;
}

/** How many times a request over a limit is tried again after waiting (then given up this round). */
const RATE_LIMIT_RETRIES = 5;
const DEFAULT_SECONDARY_WAIT_MS = 60_000;

type Sent = { ok: true; response: Response } | { ok: false; reason: string };

/** The HTTP core both clients share. */
class GitHubHttp {
  readonly counters: GitHubCounters = { requests: 0, notModified: 0, failures: 0, byStatus: {} };

  constructor(
    readonly options: GitHubClientOptions,
    readonly api: 'rest' | 'graphql',
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      accept: this.api === 'rest' ? 'application/vnd.github+json' : 'application/json',
      'x-github-api-version': '2022-11-28',
      'user-agent': this.options.userAgent,
      ...(this.options.token ? { authorization: `bearer ${this.options.token}` } : {}),
      ...extra,
    };
  }

  async send(url: string, init: RequestInit): Promise<Sent> {
    const { budget, clock, signal } = this.options;
    const attempts = this.options.attempts ?? 3;
    const backoffMs = this.options.backoffMs ?? 1000;
    let failures = 0;
    let limited = 0;
    for (;;) {
      await budget.acquire(signal);
      let response: Response;
      try {
        response = await fetch(url, {
          ...init,
          redirect: 'manual',
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs ?? 30_000)])
            : AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        budget.settle();
        signal?.throwIfAborted();
        this.#count('network');
        if (++failures >= attempts) return this.#giveUp(`network error: ${describe(error)}`);
        await clock.sleep(backoffMs * 2 ** (failures - 1), signal);
        continue;
      }
      budget.settle(response.headers);
      this.#count(response.status);
      if (response.status === 403 || response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        const exhausted = response.headers.get('x-ratelimit-remaining') === '0';
        const secondary = Number.isFinite(retryAfter) && retryAfter > 0;
        if (secondary || exhausted || response.status === 429) {
          await response.body?.cancel();
          if (++limited > RATE_LIMIT_RETRIES) return this.#giveUp(`HTTP ${response.status} (rate limited)`);
          // Primary exhaustion: the budget now holds remaining 0 and waits for the reset itself.
          if (secondary) budget.pause(retryAfter * 1000);
          else if (!exhausted) budget.pause(DEFAULT_SECONDARY_WAIT_MS);
          continue;
        }
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        if (++failures >= attempts) return this.#giveUp(`HTTP ${response.status}`);
        await clock.sleep(backoffMs * 2 ** (failures - 1), signal);
        continue;
      }
      return { ok: true, response };
    }
  }

  #count(status: number | 'network'): void {
    this.counters.requests++;
    if (status === 304) this.counters.notModified++;
    const key = String(status);
    this.counters.byStatus[key] = (this.counters.byStatus[key] ?? 0) + 1;
    this.options.onResponse?.(this.api, status);
  }

  #giveUp(reason: string): Sent {
    this.counters.failures++;
    return { ok: false, reason };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? error.name;
  }
  return 'unknown';
}

interface RestRepository {
  full_name: string;
  stargazers_count: number;
  forks_count: number;
  pushed_at: string | null;
  archived: boolean;
  disabled: boolean;
  license: { spdx_id?: string | null } | null;
  topics?: string[];
  description: string | null;
}

/** What either API said, without the optional fields it left empty (null, '' or NOASSERTION). */
function repoFacts(
  always: Omit<RepoFacts, 'pushedAt' | 'license' | 'description'>,
  maybe: { pushedAt: string | null; spdxId: string | null | undefined; description: string | null },
): RepoFacts {
  const facts: RepoFacts = { ...always };
  if (maybe.pushedAt) facts.pushedAt = maybe.pushedAt;
  if (maybe.spdxId && maybe.spdxId !== 'NOASSERTION') facts.license = maybe.spdxId;
  if (maybe.description) facts.description = maybe.description;
  return facts;
}

export function factsFromRest(body: RestRepository): RepoFacts {
  return repoFacts(
    {
      fullName: body.full_name,
      stars: body.stargazers_count,
      forks: body.forks_count,
      archived: body.archived,
      disabled: body.disabled,
      topics: body.topics ?? [],
    },
    { pushedAt: body.pushed_at, spdxId: body.license?.spdx_id, description: body.description },
  );
}

/** Anonymous (or token) REST lookups, one repository per request. */
export class GitHubRestClient {
  readonly #http: GitHubHttp;

  constructor(options: GitHubClientOptions) {
    this.#http = new GitHubHttp(options, 'rest');
  }

  get counters(): GitHubCounters {
    return this.#http.counters;
  }

  /** `fullName` as `owner/name`; `etag` from the last answer makes the request conditional. */
  async repo(fullName: string, etag?: string): Promise<RepoLookup> {
    let url = `${this.#http.options.apiUrl}/repos/${fullName.split('/').map(encodeURIComponent).join('/')}`;
    // A moved repository answers 301 to /repositories/{id}; follow a few hops, each paced.
    for (let hop = 0; hop < 4; hop++) {
      const sent = await this.#http.send(url, {
        headers: this.#http.headers(etag ? { 'if-none-match': etag } : {}),
      });
      if (!sent.ok) return { kind: 'failed', reason: sent.reason };
      const { response } = sent;
      if (response.status === 304) return { kind: 'not-modified' };
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        return { kind: 'not-found' };
      }
      if ([301, 302, 307, 308].includes(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) return { kind: 'failed', reason: `HTTP ${response.status} without Location` };
        url = new URL(location, url).toString();
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        return { kind: 'failed', reason: `HTTP ${response.status}` };
      }
      try {
        const facts = factsFromRest((await response.json()) as RestRepository);
        const tag = response.headers.get('etag');
        return { kind: 'found', facts, ...(tag ? { etag: tag } : {}) };
      } catch {
        return { kind: 'failed', reason: 'unreadable answer' };
      }
    }
    return { kind: 'failed', reason: 'too many redirects' };
  }
}

interface GraphqlRepository {
  nameWithOwner: string;
  stargazerCount: number;
  forkCount: number;
  pushedAt: string | null;
  isArchived: boolean;
  isDisabled: boolean;
  description: string | null;
  licenseInfo: { spdxId: string | null } | null;
  repositoryTopics: { nodes: { topic: { name: string } }[] };
}

interface GraphqlAnswer {
  data?: Record<string, GraphqlRepository | null> | null;
  errors?: { type?: string; path?: (string | number)[]; message?: string }[];
}

const FRAGMENT = `fragment R on Repository { nameWithOwner stargazerCount forkCount pushedAt isArchived isDisabled description licenseInfo { spdxId } repositoryTopics(first: 20) { nodes { topic { name } } } }`;

/** At most this many repositories per GraphQL query (GitHub's node limit allows 100). */
export const GRAPHQL_BATCH = 100;

function factsFromGraphql(node: GraphqlRepository): RepoFacts {
  return repoFacts(
    {
      fullName: node.nameWithOwner,
      stars: node.stargazerCount,
      forks: node.forkCount,
      archived: node.isArchived,
      disabled: node.isDisabled,
      topics: node.repositoryTopics.nodes.map((item) => item.topic.name),
    },
    { pushedAt: node.pushedAt, spdxId: node.licenseInfo?.spdxId, description: node.description },
  );
}

/** GraphQL lookups with a token: ⌈N/100⌉ queries for N repositories. */
export class GitHubGraphqlClient {
  readonly #http: GitHubHttp;

  constructor(options: GitHubClientOptions) {
    if (!options.token) throw new Error('the GraphQL API needs GITHUB_TOKEN');
    this.#http = new GitHubHttp(options, 'graphql');
  }

  get counters(): GitHubCounters {
    return this.#http.counters;
  }

  /** One query for at most GRAPHQL_BATCH repositories; results keyed by the name asked for. */
  async batch(fullNames: readonly string[]): Promise<Map<string, RepoLookup>> {
    if (fullNames.length > GRAPHQL_BATCH) throw new Error(`at most ${GRAPHQL_BATCH} repositories per query`);
    const results = new Map<string, RepoLookup>();
    const fields = fullNames.map((fullName, i) => {
      const [owner = '', name = ''] = fullName.split('/');
      return `r${i}: repository(owner: ${JSON.stringify(owner)}, name: ${JSON.stringify(name)}) { ...R }`;
    });
    const query = `query { ${fields.join(' ')} } ${FRAGMENT}`;
    const sent = await this.#http.send(`${this.#http.options.apiUrl}/graphql`, {
      method: 'POST',
      headers: this.#http.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ query }),
    });
    const failAll = (reason: string) => {
      for (const fullName of fullNames) results.set(fullName, { kind: 'failed', reason });
      return results;
    };
    if (!sent.ok) return failAll(sent.reason);
    if (sent.response.status !== 200) {
      await sent.response.body?.cancel();
      return failAll(`HTTP ${sent.response.status}`);
    }
    let answer: GraphqlAnswer;
    try {
      answer = (await sent.response.json()) as GraphqlAnswer;
    } catch {
      return failAll('unreadable answer');
    }
    const errorsByAlias = new Map<string, string>();
    for (const error of answer.errors ?? []) {
      const alias = error.path?.[0];
      if (typeof alias === 'string') errorsByAlias.set(alias, error.type ?? error.message ?? 'error');
    }
    fullNames.forEach((fullName, i) => {
      const alias = `r${i}`;
      const node = answer.data?.[alias];
      const error = errorsByAlias.get(alias);
      if (node) results.set(fullName, { kind: 'found', facts: factsFromGraphql(node) });
      else if (error === 'NOT_FOUND') results.set(fullName, { kind: 'not-found' });
      else results.set(fullName, { kind: 'failed', reason: error ?? 'no data' });
    });
    return results;
  }
}
