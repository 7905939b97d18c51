/** A fake clock whose sleeps move time at once, and an in-memory MetadataStore, for engine tests. */
import type { Clock } from '../../src/metadata/clock.js';
import type { LinkRecord, RateLimitRecord, RepoRecord } from '../../src/metadata/types.js';
import type { Entry } from '../../src/list/types.js';
import type { MetadataStore, RefreshRecord } from '../../src/store/types.js';

export interface FakeClock extends Clock {
  set(ms: number): void;
  /** Total time slept (virtual). */
  slept: number;
}

export function fakeClock(start = Date.UTC(2026, 10, 1, 12)): FakeClock {
  let now = start;
  const clock: FakeClock = {
    slept: 0,
    now: () => now,
    set(ms) {
      now = ms;
    },
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      // Concurrent sleepers toward one instant move time there once.
      const target = now + Math.max(0, ms);
      if (target > now) {
        clock.slept += target - now;
        now = target;
      }
      await Promise.resolve();
    },
  };
  return clock;
}

export function memoryMetadataStore(): MetadataStore & {
  leases: Map<string, { holder: string; until: number }>;
} {
  const repos = new Map<string, RepoRecord>();
  const links = new Map<string, LinkRecord>();
  const leases = new Map<string, { holder: string; until: number }>();
  const rateLimits = new Map<string, RateLimitRecord>();
  let last: RefreshRecord | undefined;
  return {
    leases,
    async saveRepoRecords(records) {
      for (const record of records) repos.set(record.repo, structuredClone(record));
    },
    async repoRecords(keys) {
      const all = [...repos.values()].sort((a, b) => a.repo.localeCompare(b.repo));
      return keys ? all.filter((record) => keys.includes(record.repo)) : all;
    },
    async saveLinkRecords(records) {
      for (const record of records) links.set(record.url, structuredClone(record));
    },
    async linkRecords(urls) {
      const all = [...links.values()].sort((a, b) => a.url.localeCompare(b.url));
      return urls ? all.filter((record) => urls.includes(record.url)) : all;
    },
    async recordRefresh(round) {
      last = round;
    },
    async lastRefresh() {
      return last;
    },
    async acquireLease(name, holder, ttlMs) {
      const lease = leases.get(name);
      if (lease && lease.holder !== holder && lease.until > Date.now()) return false;
      leases.set(name, { holder, until: Date.now() + ttlMs });
      return true;
    },
    async releaseLease(name, holder) {
      if (leases.get(name)?.holder === holder) leases.delete(name);
    },
    async saveRateLimit(record) {
      const key = `${record.api} ${record.identity}`;
      const stored = rateLimits.get(key);
      if (!stored || record.resetAt >= stored.resetAt) rateLimits.set(key, structuredClone(record));
    },
    async rateLimit(api, identity) {
      return structuredClone(rateLimits.get(`${api} ${identity}`));
    },
  };
}

/** An entry as the list parser makes it. */
export function entry(url: string, overrides: Partial<Entry> = {}): Entry {
  const repo = /^https:\/\/github\.com\/([^/]+\/[^/]+)$/.exec(url)?.[1];
  return {
    id: url.replace(/[^a-z0-9]+/gi, '-').toLowerCase(),
    name: url.split('/').pop() ?? url,
    url,
    ...(repo ? { repo } : {}),
    description: '',
    tags: [],
    archived: false,
    kind: 'project',
    category: 'Databases',
    line: 1,
    ...overrides,
  };
}
