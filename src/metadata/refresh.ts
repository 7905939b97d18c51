/**
 * One refresh round: looks up the repositories and links of a list that are due (never checked,
 * failed last time, or checked longer ago than `refreshMs`; all of them with `force`), writes
 * what it learns to the store as it goes, and returns a summary. With a token, GraphQL in batches
 * of 100; without, REST with conditional requests. Holds the store's refresh lease, so among
 * processes sharing a store only one runs a round at a time.
 */
import type { Entry } from '../list/types.js';
import type { MetadataStore } from '../store/types.js';
import { BudgetExhaustedError, type RateBudget } from './budget.js';
import type { Clock } from './clock.js';
import { GRAPHQL_BATCH, type GitHubGraphqlClient, type GitHubRestClient, type RepoLookup } from './github.js';
import { Limiter } from './limit.js';
import type { LinkChecker } from './link-check.js';
import { nextLinkRecord, nextRepoRecord, repoKey } from './records.js';
import type { LinkRecord, RepoRecord } from './types.js';

export const REFRESH_LEASE = 'metadata-refresh';

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

const SAVE_EVERY = 50;
/** Lookups failing in a row (after their own retries) that end a round early: GitHub is down. */
const GIVE_UP_AFTER = 8;

function due(
  record: { checkedAt: Date; failures: number } | undefined,
  options: RefreshOptions,
  now: number,
) {
  if (options.force || !record) return true;
  return record.failures > 0 || now - record.checkedAt.getTime() >= options.refreshMs;
}

/** Distinct repositories (by key, with the spelling the list uses) and distinct non-GitHub links. */
export function targetsOf(entries: readonly Entry[]): { repos: Map<string, string>; links: string[] } {
  const repos = new Map<string, string>();
  const links = new Set<string>();
  for (const entry of entries) {
    if (entry.repo) {
      const key = repoKey(entry.repo);
      if (!repos.has(key)) repos.set(key, entry.repo);
    } else links.add(entry.url);
  }
  return { repos, links: [...links] };
}

export async function refreshMetadata(
  entries: readonly Entry[],
  options: RefreshOptions,
): Promise<RefreshSummary> {
  const { store, clock, sources } = options;
  const startedAt = new Date(clock.now());
  const summary: RefreshSummary = {
    ran: false,
    api: sources.graphql ? 'graphql' : 'rest',
    repositories: { due: 0, checked: 0, found: 0, notModified: 0, notFound: 0, moved: 0, failed: 0, left: 0 },
    links: { due: 0, checked: 0, ok: 0, moved: 0, gone: 0, unknown: 0, skipped: 0 },
    requests: 0,
    notModified: 0,
    graphqlQueries: 0,
    rateLimitWaits: 0,
    budgetExhausted: false,
    gaveUp: false,
    startedAt,
    finishedAt: startedAt,
  };
  const leaseMs = options.leaseMs ?? 300_000;
  if (!(await store.acquireLease(REFRESH_LEASE, options.holder, leaseMs))) return summary;
  summary.ran = true;
  const renew = setInterval(
    () => {
      void store.acquireLease(REFRESH_LEASE, options.holder, leaseMs).catch(() => undefined);
    },
    Math.max(1000, leaseMs / 3),
  );
  renew.unref();
  const before = countersOf(sources);
  try {
    const { repos, links } = targetsOf(entries);
    const now = clock.now();
    const previousRepos = new Map(
      (await store.repoRecords([...repos.keys()])).map((record) => [record.repo, record]),
    );
    // Never looked up first, then the longest unchecked.
    const dueRepos = [...repos.keys()]
      .filter((key) => due(previousRepos.get(key), options, now))
      .sort(
        (a, b) =>
          (previousRepos.get(a)?.checkedAt.getTime() ?? 0) - (previousRepos.get(b)?.checkedAt.getTime() ?? 0),
      );
    summary.repositories.due = dueRepos.length;
    await refreshRepos(dueRepos, repos, previousRepos, options, summary);

    if (sources.links) {
      const previousLinks = new Map((await store.linkRecords(links)).map((record) => [record.url, record]));
      const dueLinks = links.filter((url) => due(previousLinks.get(url), options, clock.now()));
      summary.links.due = dueLinks.length;
      await refreshLinks(dueLinks, previousLinks, sources.links, options, summary);
    }
  } finally {
    clearInterval(renew);
    const after = countersOf(sources);
    summary.requests = after.requests - before.requests;
    summary.notModified = after.notModified - before.notModified;
    summary.rateLimitWaits = sources.budget.waits - before.waits;
    summary.finishedAt = new Date(clock.now());
    await store.releaseLease(REFRESH_LEASE, options.holder).catch(() => undefined);
  }
  const complete = summary.repositories.left === 0 && summary.repositories.failed === 0;
  if (complete)
    await store.recordRefresh({ completedAt: summary.finishedAt, summary: JSON.stringify(summary) });
  return summary;
}

function countersOf(sources: RefreshSources) {
  const client = sources.graphql ?? sources.rest;
  return {
    requests: client?.counters.requests ?? 0,
    notModified: client?.counters.notModified ?? 0,
    waits: sources.budget.waits,
  };
}

async function refreshRepos(
  dueRepos: string[],
  spelling: Map<string, string>,
  previous: Map<string, RepoRecord>,
  options: RefreshOptions,
  summary: RefreshSummary,
): Promise<void> {
  const { store, clock, sources } = options;
  let pending: RepoRecord[] = [];
  let done = 0;
  let estimated = false;
  let failuresInARow = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await store.saveRepoRecords(batch);
  };
  const learned = async (key: string, lookup: RepoLookup) => {
    const record = nextRepoRecord(key, previous.get(key), lookup, new Date(clock.now()));
    const count = summary.repositories;
    count.checked++;
    if (lookup.kind === 'found') count.found++;
    if (lookup.kind === 'not-modified') count.notModified++;
    if (lookup.kind === 'not-found') count.notFound++;
    if (lookup.kind === 'failed') count.failed++;
    failuresInARow = lookup.kind === 'failed' ? failuresInARow + 1 : 0;
    if (failuresInARow >= GIVE_UP_AFTER) summary.gaveUp = true;
    if (record.status === 'moved' && lookup.kind === 'found') count.moved++;
    pending.push(record);
    done++;
    if (!estimated) {
      const estimate = sources.budget.estimateMs(dueRepos.length - done);
      if (estimate !== undefined) {
        estimated = true;
        summary.estimateMs = estimate;
        options.onEstimate?.(estimate, dueRepos.length - done);
      }
    }
    options.onProgress?.({
      phase: 'repositories',
      done,
      total: dueRepos.length,
      ...(sources.budget.estimateMs(dueRepos.length - done) !== undefined
        ? { estimateMs: sources.budget.estimateMs(dueRepos.length - done) ?? 0 }
        : {}),
    });
    if (pending.length >= SAVE_EVERY) await flush();
  };

  try {
    if (sources.graphql) {
      for (let i = 0; i < dueRepos.length && !summary.gaveUp; i += GRAPHQL_BATCH) {
        const keys = dueRepos.slice(i, i + GRAPHQL_BATCH);
        const results = await sources.graphql.batch(keys.map((key) => spelling.get(key) ?? key));
        summary.graphqlQueries++;
        for (const key of keys) {
          await learned(
            key,
            results.get(spelling.get(key) ?? key) ?? { kind: 'failed', reason: 'no answer' },
          );
        }
      }
    } else if (sources.rest) {
      const rest = sources.rest;
      const limiter = new Limiter(4);
      let exhausted = false;
      await Promise.all(
        dueRepos.map((key) =>
          limiter.run(async () => {
            if (exhausted || summary.gaveUp) return;
            try {
              const lookup = await rest.repo(spelling.get(key) ?? key, previous.get(key)?.etag);
              // A 304 for a record that lost its data (should not happen) is asked again next round.
              if (lookup.kind === 'not-modified' && !previous.get(key)) return;
              await learned(key, lookup);
            } catch (error) {
              if (error instanceof BudgetExhaustedError) {
                exhausted = true;
                summary.budgetExhausted = true;
                return;
              }
              throw error;
            }
          }),
        ),
      );
    }
  } finally {
    summary.repositories.left = dueRepos.length - done;
    await flush();
  }
}

async function refreshLinks(
  urls: string[],
  previous: Map<string, LinkRecord>,
  checker: LinkChecker,
  options: RefreshOptions,
  summary: RefreshSummary,
): Promise<void> {
  const { store, clock } = options;
  const records: LinkRecord[] = [];
  let done = 0;
  try {
    await Promise.all(
      urls.map(async (url) => {
        const check = await checker.check(url);
        records.push(nextLinkRecord(url, previous.get(url), check, new Date(clock.now())));
        summary.links.checked++;
        summary.links[check.kind]++;
        done++;
        options.onProgress?.({ phase: 'links', done, total: urls.length });
      }),
    );
  } finally {
    if (records.length > 0) await store.saveLinkRecords(records);
  }
}
