/**
 * One refresh round: looks up the repositories and links of a list that are due (never checked,
 * failed last time, or checked longer ago than `refreshMs`; all of them with `force`), writes
 * what it learns to the store as it goes, and returns a summary. With a token, GraphQL in batches
 * of 100; without, REST with conditional requests. Holds the store's refresh lease, so among
 * processes sharing a store only one runs a round at a time.
 */
import type { Entry } from '../list/types.js';
import { repoKey } from './records.js';
import { refreshLinks } from './refresh-links.js';
import { refreshRepos } from './refresh-repos.js';
import type { RefreshOptions, RefreshSources, RefreshSummary } from './refresh-types.js';

export type { RefreshOptions, RefreshProgress, RefreshSources, RefreshSummary } from './refresh-types.js';

export const REFRESH_LEASE = 'metadata-refresh';

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
    await sources.budget.flush();
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
