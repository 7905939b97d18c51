/**
 * What dsp learns about repositories and links (src/metadata) in the form the store keeps it: plain
 * data, one record per repository and per non-GitHub link.
 */

/** What GitHub says about one repository. */
export interface RepoFacts {
  /** `owner/name` as GitHub spells it now (differs from the list's when the repository moved). */
  fullName: string;
  stars: number;
  forks: number;
  /** ISO time of the last push, when GitHub knows one. */
  pushedAt?: string;
  archived: boolean;
  disabled: boolean;
  /** SPDX id, e.g. `MIT`; absent when none or unrecognised (`NOASSERTION`). */
  license?: string;
  topics: string[];
  description?: string;
}

/** The last answer about a repository: found, gone (404), or not learned this time. */
export type RepoStatus = 'ok' | 'moved' | 'not-found' | 'unknown';

/** Per repository (key: lower-case `owner/name` as written in the list). */
export interface RepoRecord {
  repo: string;
  status: RepoStatus;
  /** The last facts learned (kept when later checks fail). */
  facts?: RepoFacts;
  etag?: string;
  /** When `status` was first seen (unchanged while the status stays). */
  statusSince: Date;
  checkedAt: Date;
  /** Consecutive checks that did not get an answer (network, 5xx, limits). */
  failures: number;
  /** Why the last check failed, e.g. `HTTP 502`; absent after a success. */
  lastError?: string;
}

/** The last answer about a non-GitHub link. */
export type LinkStatus = 'ok' | 'moved' | 'gone' | 'unknown' | 'skipped';

export interface LinkRecord {
  url: string;
  status: LinkStatus;
  /** The last HTTP status, when there was one. */
  httpStatus?: number;
  /** Where a permanent redirect pointed. */
  location?: string;
  statusSince: Date;
  checkedAt: Date;
  /** Consecutive 404/410 answers (two make a link dead). */
  goneCount: number;
  /** Consecutive checks without a usable answer. */
  failures: number;
  lastError?: string;
}

/**
 * The last rate-limit state GitHub reported for one API and credential, so that a restarted
 * process (or `dsp enrich` right after the bot) starts from it instead of probing a spent budget.
 */
export interface RateLimitRecord {
  api: 'rest' | 'graphql';
  /** Whose budget: `anonymous`, or `token:` and a short hash of the token (never the token). */
  identity: string;
  /** Requests per window, when GitHub said. */
  limit?: number;
  /** What is left, less the requests that were in flight when it was saved. */
  remaining: number;
  resetAt: Date;
  /** A secondary limit's wait, while it runs. */
  pausedUntil?: Date;
}
