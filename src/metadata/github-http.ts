/**
 * The HTTP core both GitHub clients (github-rest.ts, github-graphql.ts) share: every request goes
 * through a RateBudget, 5xx and network errors are retried with backoff a few times, and rate
 * limits are handled as GitHub documents them (REST API, "Exceeding the rate limit"): with
 * `retry-after`, wait that long; with `x-ratelimit-remaining: 0`, wait for `x-ratelimit-reset`
 * (the budget does); otherwise wait at least a minute, exponentially longer while it continues,
 * and give up for this round after a few tries. GraphQL may say it with a 200 and a RATE_LIMITED
 * error instead of a 403; that is read the same way.
 */
import type { RateBudget } from './budget.js';
import type { Clock } from './clock.js';

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
  onResponse?: (api: GitHubApi, status: number | 'network') => void;
}

export type GitHubApi = 'rest' | 'graphql';

export interface GitHubCounters {
  requests: number;
  notModified: number;
  /** Requests given up after their tries. */
  failures: number;
  byStatus: Record<string, number>;
}

/** How many times a request over a limit is tried again after waiting (then given up this round). */
const RATE_LIMIT_RETRIES = 5;
/** GitHub: a secondary limit without `retry-after` waits at least a minute, doubling while it lasts. */
export const SECONDARY_WAIT_MS = 60_000;

export type Sent = { ok: true; response: Response } | { ok: false; reason: string };

/** How long a 403/429 says to wait; undefined when the 403 is not about a rate limit. */
type LimitAnswer = { kind: 'retry-after'; ms: number } | { kind: 'primary' } | { kind: 'secondary' };

async function rateLimitOf(response: Response, api: GitHubApi): Promise<LimitAnswer | undefined> {
  if (api === 'graphql' && response.status === 200) {
    const text = await response
      .clone()
      .text()
      .catch(() => '');
    if (!/"type"\s*:\s*"RATE_LIMITED"/.test(text)) return undefined;
    return response.headers.get('x-ratelimit-remaining') === '0'
      ? { kind: 'primary' }
      : { kind: 'secondary' };
  }
  if (response.status !== 403 && response.status !== 429) return undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return { kind: 'retry-after', ms: retryAfter * 1000 };
  const resetHeader = response.headers.get('x-ratelimit-reset');
  if (response.headers.get('x-ratelimit-remaining') === '0' && resetHeader !== null)
    return { kind: 'primary' };
  if (response.status === 429) return { kind: 'secondary' };
  // A 403 is a rate limit only when its message says so (others: blocked repository, bad scope).
  const text = await response
    .clone()
    .text()
    .catch(() => '');
  return /rate limit/i.test(text) ? { kind: 'secondary' } : undefined;
}

export class GitHubHttp {
  readonly counters: GitHubCounters = { requests: 0, notModified: 0, failures: 0, byStatus: {} };
  /** Secondary limits without `retry-after` in a row, across requests: each waits twice as long. */
  #secondaryStreak = 0;

  constructor(
    readonly options: GitHubClientOptions,
    readonly api: GitHubApi,
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
        response = await fetch(url, { ...init, redirect: 'manual', signal: this.#requestSignal() });
      } catch (error) {
        budget.settle();
        signal?.throwIfAborted();
        this.#count('network');
        if (++failures >= attempts) return this.#giveUp(`network error: ${describe(error)}`);
        await clock.sleep(backoffMs * 2 ** (failures - 1), signal);
        continue;
      }
      const limit = await rateLimitOf(response, this.api);
      // The wait starts before the answer settles, so no request it wakes can slip into the wait.
      if (limit) this.#waitOut(limit);
      budget.settle(response.headers);
      this.#count(response.status);
      if (limit) {
        await response.body?.cancel();
        if (++limited > RATE_LIMIT_RETRIES) return this.#giveUp(`HTTP ${response.status} (rate limited)`);
        continue;
      }
      this.#secondaryStreak = 0;
      if (response.status >= 500) {
        await response.body?.cancel();
        if (++failures >= attempts) return this.#giveUp(`HTTP ${response.status}`);
        await clock.sleep(backoffMs * 2 ** (failures - 1), signal);
        continue;
      }
      return { ok: true, response };
    }
  }

  #waitOut(limit: LimitAnswer): void {
    // Primary exhaustion: the budget now holds remaining 0 and waits for the reset itself.
    if (limit.kind === 'primary') return;
    if (limit.kind === 'retry-after') {
      this.options.budget.pause(limit.ms);
      return;
    }
    this.options.budget.pause(SECONDARY_WAIT_MS * 2 ** this.#secondaryStreak);
    this.#secondaryStreak = Math.min(this.#secondaryStreak + 1, 6);
  }

  #requestSignal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    return this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
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
