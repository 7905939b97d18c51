/** What a refresh round (refresh.ts) is given, reports as it goes, and returns. */
import type { MetadataStore } from '../store/types.js';
import type { RateBudget } from './budget.js';
import type { Clock } from './clock.js';
import type { GitHubGraphqlClient } from './github-graphql.js';
import type { GitHubRestClient } from './github-rest.js';
import type { LinkChecker } from './link-check.js';

export interface RefreshSources {
  /** Exactly one of rest / graphql is used for repositories: GraphQL when given. */
  rest?: GitHubRestClient;
  graphql?: GitHubGraphqlClient;
  /** The REST or GraphQL budget, for waits and estimates. */
  budget: RateBudget;
  /** Absent: links are not checked (LINK_CHECK=off). */
  links?: LinkChecker;
}

export interface RefreshProgress {
  phase: 'repositories' | 'links';
  done: number;
  total: number;
  /** How long what is left will take at the current budget, when known. */
  estimateMs?: number;
}

export interface RefreshOptions {
  store: MetadataStore;
  sources: RefreshSources;
  clock: Clock;
  /** Records checked more recently than this are skipped unless `force`. */
  refreshMs: number;
  force?: boolean;
  /** Who holds the lease (a process id); several processes on one store take turns. */
  holder: string;
  /** How long the lease lasts unless renewed (default 5 min; renewed while the round runs). */
  leaseMs?: number;
  onProgress?: (progress: RefreshProgress) => void;
  /** Told once, after the first answer, how long the repositories will take (ms; 0 = within budget). */
  onEstimate?: (estimateMs: number, pending: number) => void;
  signal?: AbortSignal;
}

export interface RefreshSummary {
  /** False when another process holds the lease: nothing was done here. */
  ran: boolean;
  api: 'rest' | 'graphql';
  repositories: {
    due: number;
    checked: number;
    found: number;
    notModified: number;
    notFound: number;
    moved: number;
    failed: number;
    left: number;
  };
  links: {
    due: number;
    checked: number;
    ok: number;
    moved: number;
    gone: number;
    unknown: number;
    skipped: number;
  };
  requests: number;
  notModified: number;
  graphqlQueries: number;
  rateLimitWaits: number;
  /** Repositories were left for the next round because the budget ran out (no waiting asked for). */
  budgetExhausted: boolean;
  /** GitHub failed many lookups in a row (down, unreachable): the rest waits for the next round. */
  gaveUp: boolean;
  estimateMs?: number;
  startedAt: Date;
  finishedAt: Date;
}
