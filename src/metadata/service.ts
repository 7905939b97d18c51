/**
 * Builds the metadata sources from the settings: GraphQL with a token, REST without; the link
 * checker unless LINK_CHECK is off; the rate budget kept in the store when one is given. Shared by
 * the bot and `dsp enrich`.
 */
import { createHash } from 'node:crypto';
import type { MetadataStore } from '../store/types.js';
import { RateBudget } from './budget.js';
import type { BudgetPersistence, RateBudgetOptions } from './budget.js';
import type { Clock } from './clock.js';
import { GitHubGraphqlClient } from './github-graphql.js';
import { GitHubRestClient } from './github-rest.js';
import type { GitHubClientOptions } from './github-http.js';
import { LinkChecker, userAgent } from './link-check.js';
import type { RefreshSources } from './refresh.js';

export interface MetadataSettings {
  GITHUB_TOKEN?: string | undefined;
  GITHUB_API_URL: string;
  LINK_CHECK: boolean;
  LINK_CHECK_ALLOW_PRIVATE: boolean;
}

export interface SourceOptions {
  clock: Clock;
  version: string;
  signal?: AbortSignal;
  /** Off: stop when the budget runs out instead of waiting for the reset (`dsp enrich --no-wait`). */
  waitForReset?: boolean;
  onWait?: RateBudgetOptions['onWait'];
  onResponse?: GitHubClientOptions['onResponse'];
  /** Keeps the rate budget across restarts (the bot and `dsp enrich` share it this way). */
  store?: Pick<MetadataStore, 'rateLimit' | 'saveRateLimit'>;
}

/** Whose budget: GitHub counts anonymous requests per address and a token's per user. */
export function rateLimitIdentity(token: string | undefined): string {
  // A short hash tells tokens apart without the store ever holding one.
  return token ? `token:${createHash('sha256').update(token).digest('hex').slice(0, 16)}` : 'anonymous';
}

function storedBudget(
  store: NonNullable<SourceOptions['store']>,
  api: 'rest' | 'graphql',
  identity: string,
): BudgetPersistence {
  return {
    async load() {
      const record = await store.rateLimit(api, identity);
      if (!record) return undefined;
      return {
        remaining: record.remaining,
        resetAt: record.resetAt.getTime(),
        ...(record.limit !== undefined ? { limit: record.limit } : {}),
        ...(record.pausedUntil ? { pausedUntil: record.pausedUntil.getTime() } : {}),
      };
    },
    async save(budget) {
      await store.saveRateLimit({
        api,
        identity,
        remaining: budget.remaining,
        resetAt: new Date(budget.resetAt),
        ...(budget.limit !== undefined ? { limit: budget.limit } : {}),
        ...(budget.pausedUntil !== undefined ? { pausedUntil: new Date(budget.pausedUntil) } : {}),
      });
    },
  };
}

export function createSources(settings: MetadataSettings, options: SourceOptions): RefreshSources {
  const api = settings.GITHUB_TOKEN ? 'graphql' : 'rest';
  const budget = new RateBudget({
    clock: options.clock,
    ...(options.store
      ? { persist: storedBudget(options.store, api, rateLimitIdentity(settings.GITHUB_TOKEN)) }
      : {}),
    ...(options.waitForReset !== undefined ? { waitForReset: options.waitForReset } : {}),
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  const agent = userAgent(options.version);
  const client: GitHubClientOptions = {
    apiUrl: settings.GITHUB_API_URL,
    clock: options.clock,
    budget,
    userAgent: agent,
    ...(settings.GITHUB_TOKEN ? { token: settings.GITHUB_TOKEN } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  };
  const links = settings.LINK_CHECK
    ? new LinkChecker({
        userAgent: agent,
        allowPrivate: settings.LINK_CHECK_ALLOW_PRIVATE,
        ...(options.signal ? { signal: options.signal } : {}),
      })
    : undefined;
  return {
    budget,
    ...(settings.GITHUB_TOKEN
      ? { graphql: new GitHubGraphqlClient(client) }
      : { rest: new GitHubRestClient(client) }),
    ...(links ? { links } : {}),
  };
}
