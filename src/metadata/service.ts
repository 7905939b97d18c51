/**
 * Builds the metadata sources from the settings: GraphQL with a token, REST without; the link
 * checker unless LINK_CHECK is off. Shared by the bot and `dsp enrich`.
 */
import { RateBudget } from './budget.js';
import type { RateBudgetOptions } from './budget.js';
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
}

export function createSources(settings: MetadataSettings, options: SourceOptions): RefreshSources {
  const budget = new RateBudget({
    clock: options.clock,
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
