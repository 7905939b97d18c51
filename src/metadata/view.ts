/**
 * What answers read: every entry of a list joined by id to what the store holds about its
 * repository or link, classified. Built to the side after each refresh round (or at start) and
 * swapped in whole; answers never wait for it.
 */
import type { Entry } from '../list/types.js';
import type { MetadataStore } from '../store/types.js';
import { classify, DEFAULT_INACTIVE_AFTER_MS } from './health.js';
import { repoKey } from './records.js';
import { HEALTH_CLASSES } from './types.js';
import type { EntryMetadata, HealthClass, LinkRecord, RepoRecord } from './types.js';

export interface MetadataView {
  byEntry: ReadonlyMap<string, EntryMetadata>;
  /** Entries per health class (every class present, 0 when none). */
  counts: Record<HealthClass, number>;
  /** Entries with stars or a link answer. */
  withData: number;
  /** When the last complete refresh round finished. */
  lastRefresh?: Date;
}

export const EMPTY_VIEW: MetadataView = {
  byEntry: new Map(),
  counts: Object.fromEntries(HEALTH_CLASSES.map((name) => [name, 0])) as Record<HealthClass, number>,
  withData: 0,
};

export interface ViewInput {
  entries: readonly Entry[];
  repos: readonly RepoRecord[];
  links: readonly LinkRecord[];
  now: Date;
  inactiveAfterMs?: number;
  lastRefresh?: Date;
}

export function buildMetadataView(input: ViewInput): MetadataView {
  const repos = new Map(input.repos.map((record) => [record.repo, record]));
  const links = new Map(input.links.map((record) => [record.url, record]));
  const byEntry = new Map<string, EntryMetadata>();
  const counts = { ...EMPTY_VIEW.counts };
  let withData = 0;
  for (const entry of input.entries) {
    const repo = entry.repo ? repos.get(repoKey(entry.repo)) : undefined;
    const link = entry.repo ? undefined : links.get(entry.url);
    const health = classify({
      entry,
      ...(repo ? { repo } : {}),
      ...(link ? { link } : {}),
      now: input.now,
      inactiveAfterMs: input.inactiveAfterMs ?? DEFAULT_INACTIVE_AFTER_MS,
    });
    counts[health.class]++;
    if (repo?.facts || (link && link.status !== 'unknown')) withData++;
    byEntry.set(entry.id, {
      entryId: entry.id,
      health,
      ...(repo ? { repo } : {}),
      ...(link ? { link } : {}),
    });
  }
  return { byEntry, counts, withData, ...(input.lastRefresh ? { lastRefresh: input.lastRefresh } : {}) };
}

/** Reads the store and builds the view for `entries`. */
export async function loadMetadataView(
  store: MetadataStore,
  entries: readonly Entry[],
  now: Date,
  inactiveAfterMs?: number,
): Promise<MetadataView> {
  const keys = [...new Set(entries.flatMap((entry) => (entry.repo ? [repoKey(entry.repo)] : [])))];
  const urls = [...new Set(entries.flatMap((entry) => (entry.repo ? [] : [entry.url])))];
  const [repos, links, last] = await Promise.all([
    store.repoRecords(keys),
    store.linkRecords(urls),
    store.lastRefresh(),
  ]);
  return buildMetadataView({
    entries,
    repos,
    links,
    now,
    ...(inactiveAfterMs !== undefined ? { inactiveAfterMs } : {}),
    ...(last ? { lastRefresh: last.completedAt } : {}),
  });
}

/** The new home of a moved project: the GitHub URL under its new name, or the redirect target. */
export function movedTo(meta: EntryMetadata | undefined): string | undefined {
  if (meta?.repo?.status === 'moved' && meta.repo.facts)
    return `https://github.com/${meta.repo.facts.fullName}`;
  if (meta?.link?.status === 'moved') return meta.link.location;
  return undefined;
}

/** The metadata part of every `--json` entry; null fields when nothing was learned. */
export function metadataToJson(meta: EntryMetadata | undefined): Record<string, unknown> {
  const facts = meta?.repo?.facts;
  return {
    stars: facts?.stars ?? null,
    forks: facts?.forks ?? null,
    pushedAt: facts?.pushedAt ?? null,
    archived: facts?.archived ?? null,
    license: facts?.license ?? null,
    topics: facts?.topics ?? [],
    health: meta?.health.class ?? 'unknown',
    evidence: meta?.health.evidence ?? 'not checked yet',
    since: meta?.health.since?.toISOString() ?? null,
    checkedAt: meta?.health.checkedAt?.toISOString() ?? null,
    movedTo: movedTo(meta) ?? null,
  };
}

/** Stars, most first; entries without stars keep their order after those with. */
export function sortByStars<T>(items: readonly T[], entryId: (item: T) => string, view: MetadataView): T[] {
  const stars = (item: T) => view.byEntry.get(entryId(item))?.repo?.facts?.stars;
  return stableSort(items, (a, b) => compareKnown(stars(a), stars(b)));
}

/** Last push, most recent first; entries without one after those with. */
export function sortByActivity<T>(
  items: readonly T[],
  entryId: (item: T) => string,
  view: MetadataView,
): T[] {
  const pushed = (item: T) => {
    const text = view.byEntry.get(entryId(item))?.repo?.facts?.pushedAt;
    return text ? Date.parse(text) : undefined;
  };
  return stableSort(items, (a, b) => compareKnown(pushed(a), pushed(b)));
}

function compareKnown(a: number | undefined, b: number | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return b - a;
}

function stableSort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compare(a.item, b.item) || a.index - b.index)
    .map(({ item }) => item);
}
