/**
 * Every behaviour of the Store interface, and the schema behind it, run unchanged against each
 * backend (contract-sqlite.test.ts, contract-postgres.test.ts). One file on purpose: it is the one
 * list of what a store must do, so a new backend or a changed method is checked against all of it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeaturedSettingsInput, PostClaim, Store } from '../../src/store/types.js';
import { RateBudget } from '../../src/metadata/budget.js';
import { systemClock } from '../../src/metadata/clock.js';
import { GitHubRestClient } from '../../src/metadata/github-rest.js';
import { refreshMetadata } from '../../src/metadata/refresh.js';
import type { LinkRecord, RepoRecord } from '../../src/metadata/types.js';
import { standinRepo, startGitHubStandin } from '../../tools/github-standin/index.js';
import { refreshInTwoProcesses } from './refresh-race.js';
import { claimInTwoProcesses } from './claim-race.js';
import { SCHEMA } from './schema.js';
import type { SchemaShape } from './schema.js';

/** One fresh, empty database; `open` may be called several times for stores sharing it. */
export interface StoreFixture {
  open(): Promise<Store>;
  dispose(): Promise<void>;
  /** What another process passes to `openStore` to reach this database (see claim-worker.ts). */
  location: string;
  /** The schema as the database reports it, without the backend's migration bookkeeping. */
  schema(): Promise<SchemaShape>;
}

export type MakeStore = () => Promise<StoreFixture>;

export interface ContractOptions {
  /** How many periods two separate processes race to claim: what the backend gets through in a few seconds. */
  crossProcessClaims: number;
}

export function claim(overrides: Partial<PostClaim> = {}): PostClaim {
  return {
    guildId: 'g1',
    periodKey: '2026-11-30T14:00:00.000Z',
    channelId: 'c1',
    entryId: 'etcd',
    cycle: 1,
    claimedAt: new Date('2026-11-30T14:00:01Z'),
    claimant: 'proc-a',
    ...overrides,
  };
}

export const settings: FeaturedSettingsInput = {
  guildId: 'g1',
  channelId: 'c1',
  schedule: '0 15 * * 1',
  timezone: 'Europe/Berlin',
  enabled: true,
  updatedAt: new Date('2026-11-01T10:00:00Z'),
  updatedBy: 'u1',
};

function hourlyPeriods(count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(2027, 0, 1) + i * 3600_000).toISOString());
}

export function describeStoreContract(name: string, makeStore: MakeStore, options: ContractOptions): void {
  describe(`Store contract: ${name}`, () => {
    const fixtures: StoreFixture[] = [];
    const opened: Store[] = [];

    /** A fresh database, and a function opening (more) stores on it. */
    async function freshDatabase(): Promise<() => Promise<Store>> {
      const fixture = await freshFixture();
      return async () => {
        const store = await fixture.open();
        opened.push(store);
        return store;
      };
    }

    async function freshFixture(): Promise<StoreFixture> {
      const fixture = await makeStore();
      fixtures.push(fixture);
      return fixture;
    }

    async function freshStore(): Promise<Store> {
      return (await freshDatabase())();
    }

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      for (const fixture of fixtures.splice(0)) await fixture.dispose();
    });

    describe('updates channel', () => {
      const updates = {
        guildId: 'g1',
        channelId: 'c9',
        category: 'Databases',
        roleId: 'r1',
        thread: true,
        enabled: true,
        updatedAt: new Date('2026-11-01T10:00:00Z'),
        updatedBy: 'u1',
      };
      const listed = (id: string) => ({
        id,
        name: id.toUpperCase(),
        url: `https://github.com/x/${id}`,
        category: 'Databases',
        subcategory: 'Key-value',
        kind: 'project',
        description: `${id}, in one line`,
      });
      const digest = {
        guildId: 'g1',
        digestKey: 'k1',
        channelId: 'c9',
        added: [listed('etcd'), listed('tikv')],
        removed: [
          {
            id: 'old',
            name: 'OLD',
            url: 'https://github.com/x/old',
            category: 'Databases',
            description: 'no kind, no sub-category',
          },
        ],
        claimedAt: new Date('2026-11-30T14:00:01Z'),
        claimant: 'proc-a',
      };

      it('round-trips settings across a reopen; pause, disable and save behave like featured', async () => {
        const open = await freshDatabase();
        const first = await open();
        expect(await first.getUpdates('g1')).toBeUndefined();
        await first.saveUpdates(updates);
        await first.close();
        const store = await open();
        expect(await store.getUpdates('g1')).toEqual(updates);
        await store.pauseUpdates('g1', 'missing-access', new Date('2026-11-02T00:00:00Z'));
        expect(await store.getUpdates('g1')).toMatchObject({ pausedReason: 'missing-access' });
        expect(await store.listActiveUpdates()).toEqual([]);
        await store.saveUpdates({ ...updates, category: undefined, roleId: undefined, thread: false });
        const saved = await store.getUpdates('g1');
        expect(saved?.pausedReason).toBeUndefined();
        expect(saved?.category).toBeUndefined();
        expect(saved?.roleId).toBeUndefined();
        expect((await store.listActiveUpdates()).map((u) => u.guildId)).toEqual(['g1']);
        await store.disableUpdates('g1');
        expect(await store.getUpdates('g1')).toMatchObject({ enabled: false, channelId: 'c9' });
        expect(await store.listActiveUpdates()).toEqual([]);
      });

      it('lets exactly one claim of a digest win, across stores on one database', async () => {
        const open = await freshDatabase();
        const [a, b] = [await open(), await open()];
        const results = await Promise.all([
          a.claimDigest(digest),
          b.claimDigest({ ...digest, claimant: 'proc-b' }),
        ]);
        expect(results.filter((r) => r.won)).toHaveLength(1);
        const lost = results.find((r) => !r.won);
        // Entries are kept whole, so a removed one can still be named after it left the list.
        expect(lost && !lost.won && lost.existing).toMatchObject({
          added: [listed('etcd'), listed('tikv')],
          removed: [{ id: 'old', name: 'OLD', url: 'https://github.com/x/old', category: 'Databases' }],
        });
        expect((await a.claimDigest({ ...digest, digestKey: 'k2' })).won).toBe(true);
      });

      it('a stale digest claim is taken over by exactly one of two racing stores; never once sent', async () => {
        const open = await freshDatabase();
        const [a, b] = [await open(), await open()];
        await a.claimDigest({ ...digest, claimant: 'dead' });
        const at = new Date('2026-11-30T14:10:00Z');
        const [x, y] = await Promise.all([
          a.takeOverDigest('g1', 'k1', 'dead', 'proc-a', at),
          b.takeOverDigest('g1', 'k1', 'dead', 'proc-b', at),
        ]);
        expect([x, y].filter(Boolean)).toHaveLength(1);
        const [claimed] = await b.unsentDigests();
        expect(claimed).toMatchObject({ digestKey: 'k1', claimant: x ? 'proc-a' : 'proc-b', claimedAt: at });
        // The loser cannot take it from the winner with a stale expectation; the winner can renew.
        expect(await (x ? b : a).takeOverDigest('g1', 'k1', 'dead', 'late', at)).toBe(false);
        expect(await a.takeOverDigest('g1', 'k1', claimed!.claimant, claimed!.claimant, at)).toBe(true);
        await a.recordDigestSent('g1', 'k1', ['m1'], at);
        expect(await a.takeOverDigest('g1', 'k1', claimed!.claimant, 'proc-c', at)).toBe(false);
        expect(await a.takeOverDigest('g1', 'missing', 'dead', 'proc-c', at)).toBe(false);
      });

      it('records sent and failed digests; unsent ones are those a crash left', async () => {
        const store = await freshStore();
        await store.claimDigest(digest);
        await store.claimDigest({ ...digest, digestKey: 'k2', claimedAt: new Date('2026-11-30T15:00:00Z') });
        await store.claimDigest({ ...digest, digestKey: 'k3', claimedAt: new Date('2026-11-30T16:00:00Z') });
        expect((await store.unsentDigests()).map((d) => d.digestKey)).toEqual(['k1', 'k2', 'k3']);
        await store.recordDigestSent('g1', 'k1', ['m1', 'm2'], new Date('2026-11-30T14:00:02Z'));
        await store.recordDigestFailed('g1', 'k2', 'missing-access', new Date('2026-11-30T15:00:01Z'));
        expect((await store.unsentDigests()).map((d) => d.digestKey)).toEqual(['k3']);
        const recent = await store.recentDigests('g1', 3);
        expect(recent.map((d) => d.digestKey)).toEqual(['k3', 'k2', 'k1']);
        expect(recent[2]).toMatchObject({
          messageIds: ['m1', 'm2'],
          sentAt: new Date('2026-11-30T14:00:02Z'),
        });
        expect(recent[1]).toMatchObject({ failedReason: 'missing-access' });
      });

      it('keeps the list last announced to each server', async () => {
        const open = await freshDatabase();
        const store = await open();
        expect(await store.getAnnouncedList('g1')).toBeUndefined();
        await store.saveAnnouncedList('g1', {
          entries: [listed('a'), listed('b')],
          at: new Date('2026-11-01T00:00:00Z'),
        });
        await store.saveAnnouncedList('g1', {
          entries: [listed('a'), listed('c')],
          at: new Date('2026-11-02T00:00:00Z'),
        });
        await store.close();
        const again = await open();
        expect(await again.getAnnouncedList('g1')).toEqual({
          entries: [listed('a'), listed('c')],
          at: new Date('2026-11-02T00:00:00Z'),
        });
        expect(await again.getAnnouncedList('g2')).toBeUndefined();
      });
    });

    describe('featured settings', () => {
      it('round-trips every field and keeps them across a reopen', async () => {
        const open = await freshDatabase();
        const first = await open();
        expect(await first.getFeatured('g1')).toBeUndefined();
        await first.saveFeatured(settings);
        await first.close();
        const second = await open();
        expect(await second.getFeatured('g1')).toEqual(settings);
        await second.saveFeatured({ ...settings, thread: true });
        expect(await second.getFeatured('g1')).toEqual({ ...settings, thread: true });
        await second.saveFeatured(settings);
        expect((await second.getFeatured('g1'))?.thread).toBeUndefined();
      });

      it('pause keeps the settings and hides the guild from the active list; resume restores it', async () => {
        const store = await freshStore();
        await store.saveFeatured(settings);
        await store.pauseFeatured('g1', 'missing-access', new Date('2026-11-02T00:00:00Z'));
        expect(await store.getFeatured('g1')).toMatchObject({
          channelId: 'c1',
          enabled: true,
          pausedReason: 'missing-access',
          pausedAt: new Date('2026-11-02T00:00:00Z'),
        });
        expect(await store.listActiveFeatured()).toEqual([]);
        const resumedAt = new Date('2026-11-03T00:00:00Z');
        expect(await store.resumeFeatured('g1', resumedAt)).toBe(true);
        const resumed = await store.getFeatured('g1');
        expect(resumed?.pausedReason).toBeUndefined();
        expect(resumed?.pausedAt).toBeUndefined();
        expect(resumed).toMatchObject({ channelId: 'c1', updatedAt: resumedAt });
        expect((await store.listActiveFeatured()).map((s) => s.guildId)).toEqual(['g1']);
      });

      it('disable keeps the settings; saving again clears a pause and re-enables', async () => {
        const store = await freshStore();
        await store.saveFeatured(settings);
        await store.disableFeatured('g1');
        expect(await store.getFeatured('g1')).toMatchObject({
          enabled: false,
          channelId: 'c1',
          timezone: 'Europe/Berlin',
        });
        expect(await store.listActiveFeatured()).toEqual([]);
        await store.pauseFeatured('g1', 'unknown-channel');
        await store.saveFeatured({ ...settings, channelId: 'c2' });
        const saved = await store.getFeatured('g1');
        expect(saved).toMatchObject({ enabled: true, channelId: 'c2' });
        expect(saved?.pausedReason).toBeUndefined();
      });

      it('resume re-enables a disabled guild; resume of an unknown guild reports false', async () => {
        const store = await freshStore();
        expect(await store.resumeFeatured('nope')).toBe(false);
        await store.saveFeatured(settings);
        await store.disableFeatured('g1');
        expect(await store.resumeFeatured('g1')).toBe(true);
        expect((await store.getFeatured('g1'))?.enabled).toBe(true);
      });

      it('lists active guilds in id order, without disabled or paused ones', async () => {
        const store = await freshStore();
        for (const guildId of ['g3', 'g1', 'g2', 'G4', 'g5'])
          await store.saveFeatured({ ...settings, guildId });
        await store.disableFeatured('g2');
        await store.pauseFeatured('g5', 'missing-access');
        expect((await store.listActiveFeatured()).map((s) => s.guildId)).toEqual(['G4', 'g1', 'g3']);
      });
    });

    describe('post claims', () => {
      it('only the first claim of a (guild, period) wins; the loser sees the winner', async () => {
        const store = await freshStore();
        expect(await store.claimPost(claim())).toEqual({ won: true });
        const second = await store.claimPost(claim({ claimant: 'proc-b', entryId: 'raft' }));
        expect(second).toEqual({ won: false, existing: claim() });
        expect(await store.claimPost(claim({ guildId: 'g2' }))).toEqual({ won: true });
      });

      it('two stores racing 200 claims concurrently never both win one', async () => {
        const open = await freshDatabase();
        const [a, b] = [await open(), await open()];
        const periods = hourlyPeriods(200);
        const results = await Promise.all(
          periods.flatMap((periodKey) => [
            a.claimPost(claim({ periodKey, claimant: 'a' })).then((r) => ({ periodKey, ...r })),
            b.claimPost(claim({ periodKey, claimant: 'b' })).then((r) => ({ periodKey, ...r })),
          ]),
        );
        const winners = results.filter((r) => r.won).map((r) => r.periodKey);
        expect(winners).toHaveLength(periods.length);
        expect(new Set(winners).size).toBe(periods.length);
        for (const loser of results.filter((r) => !r.won)) {
          const recorded = await a.getPost('g1', loser.periodKey);
          if (!loser.won) expect(loser.existing.claimant).toBe(recorded?.claimant);
        }
      });

      it('a stale claim is taken over by exactly one of two racing processes', async () => {
        const open = await freshDatabase();
        const [a, b] = [await open(), await open()];
        await a.claimPost(claim({ claimant: 'dead' }));
        const at = new Date('2026-11-30T14:10:00Z');
        const [x, y] = await Promise.all([
          a.takeOverClaim('g1', claim().periodKey, 'dead', 'a', at),
          b.takeOverClaim('g1', claim().periodKey, 'dead', 'b', at),
        ]);
        expect([x, y].filter(Boolean)).toHaveLength(1);
        const post = await a.getPost('g1', claim().periodKey);
        expect(post).toMatchObject({ claimant: x ? 'a' : 'b', claimedAt: at });
      });

      it('takeover fails for a wrong expected claimant, a sent post or a failed post', async () => {
        const store = await freshStore();
        await store.claimPost(claim({ periodKey: 'p1' }));
        await store.claimPost(claim({ periodKey: 'p2' }));
        await store.claimPost(claim({ periodKey: 'p3' }));
        await store.recordPostSent('g1', 'p2', 'm2', new Date());
        await store.recordPostFailed('g1', 'p3', 'missing-access');
        const at = new Date();
        expect(await store.takeOverClaim('g1', 'p1', 'someone-else', 'b', at)).toBe(false);
        expect(await store.takeOverClaim('g1', 'p2', 'proc-a', 'b', at)).toBe(false);
        expect(await store.takeOverClaim('g1', 'p3', 'proc-a', 'b', at)).toBe(false);
        expect(await store.takeOverClaim('g1', 'missing', 'proc-a', 'b', at)).toBe(false);
        expect(await store.takeOverClaim('g1', 'p1', 'proc-a', 'proc-a', at)).toBe(true);
        expect((await store.getPost('g1', 'p1'))?.claimedAt).toEqual(at);
      });

      it('tracks sent, failed and unsent claims; recent and latest are newest first', async () => {
        const store = await freshStore();
        await store.claimPost(claim({ periodKey: 'p1' }));
        await store.claimPost(claim({ periodKey: 'p3' }));
        await store.claimPost(claim({ periodKey: 'p2' }));
        await store.claimPost(claim({ guildId: 'g0', periodKey: 'p9' }));
        const sentAt = new Date('2026-11-30T14:00:02Z');
        const failedAt = new Date('2026-11-30T14:00:03Z');
        await store.recordPostSent('g1', 'p1', 'm1', sentAt);
        await store.recordPostFailed('g1', 'p2', 'missing-access', failedAt);
        expect((await store.unsentClaims()).map((p) => `${p.guildId}/${p.periodKey}`)).toEqual([
          'g0/p9',
          'g1/p3',
        ]);
        expect(await store.getPost('g1', 'p1')).toEqual({
          ...claim({ periodKey: 'p1' }),
          messageId: 'm1',
          sentAt,
        });
        expect(await store.getPost('g1', 'p2')).toMatchObject({ failedReason: 'missing-access', failedAt });
        expect(await store.getPost('g1', 'nope')).toBeUndefined();
        expect((await store.recentPosts('g1', 2)).map((p) => p.periodKey)).toEqual(['p3', 'p2']);
        expect((await store.recentPosts('g1', 10)).map((p) => p.periodKey)).toEqual(['p3', 'p2', 'p1']);
        expect((await store.latestPost('g1'))?.periodKey).toBe('p3');
        expect(await store.latestPost('g-none')).toBeUndefined();
      });

      it('a failure never overwrites a sent post; a late success clears a failure', async () => {
        const store = await freshStore();
        await store.claimPost(claim({ periodKey: 'p1' }));
        await store.claimPost(claim({ periodKey: 'p2' }));
        await store.recordPostSent('g1', 'p1', 'm1', new Date());
        await store.recordPostFailed('g1', 'p1', 'gave-up: timeout');
        expect((await store.getPost('g1', 'p1'))?.failedReason).toBeUndefined();
        await store.recordPostFailed('g1', 'p2', 'gave-up: timeout');
        await store.recordPostSent('g1', 'p2', 'm2', new Date());
        const recovered = await store.getPost('g1', 'p2');
        expect(recovered).toMatchObject({ messageId: 'm2' });
        expect(recovered?.failedReason).toBeUndefined();
      });
    });

    describe('post claims across processes', () => {
      it('two processes claiming the same periods at once never both win one, and each wins some', async () => {
        const fixture = await freshFixture();
        await (await fixture.open()).close(); // migrate first: both children start on the same schema
        const count = options.crossProcessClaims;
        const [wonA, wonB] = await claimInTwoProcesses(fixture.location, count);
        expect(wonA.length).toBeGreaterThan(0);
        expect(wonB.length).toBeGreaterThan(0);
        expect(wonA.length + wonB.length).toBe(count);
        expect(new Set([...wonA, ...wonB]).size).toBe(count);
      });
    });

    describe('rotation cycles', () => {
      it('reports the newest cycle and its entries, ignoring failed posts and other guilds', async () => {
        const store = await freshStore();
        expect(await store.featuredInCycle('g1')).toEqual({ cycle: 1, entryIds: new Set() });
        await store.claimPost(claim({ periodKey: 'p1', entryId: 'a', cycle: 1 }));
        await store.claimPost(claim({ periodKey: 'p2', entryId: 'b', cycle: 2 }));
        await store.claimPost(claim({ periodKey: 'p3', entryId: 'c', cycle: 2 }));
        await store.claimPost(claim({ periodKey: 'p4', entryId: 'd', cycle: 2 }));
        await store.claimPost(claim({ guildId: 'g2', periodKey: 'p1', entryId: 'z', cycle: 5 }));
        await store.recordPostFailed('g1', 'p3', 'missing-access');
        expect(await store.featuredInCycle('g1')).toEqual({ cycle: 2, entryIds: new Set(['b', 'd']) });
      });

      it('a cycle whose only post failed is still the newest, with no entries', async () => {
        const store = await freshStore();
        await store.claimPost(claim({ periodKey: 'p1', entryId: 'a', cycle: 3 }));
        await store.recordPostFailed('g1', 'p1', 'missing-access');
        expect(await store.featuredInCycle('g1')).toEqual({ cycle: 3, entryIds: new Set() });
      });
    });

    describe('entries first seen', () => {
      it('records the first sighting only and lists ids seen strictly after a time', async () => {
        const store = await freshStore();
        await store.recordEntriesSeen([], new Date('2026-10-01T00:00:00Z'));
        await store.recordEntriesSeen(['b', 'a'], new Date('2026-11-01T00:00:00Z'));
        await store.recordEntriesSeen(['a', 'b', 'c', 'C'], new Date('2026-11-10T00:00:00Z'));
        expect(await store.entriesFirstSeenSince(new Date('2026-11-05T00:00:00Z'))).toEqual(['C', 'c']);
        expect(await store.entriesFirstSeenSince(new Date('2026-11-01T00:00:00Z'))).toEqual(['C', 'c']);
        expect(await store.entriesFirstSeenSince(new Date('2026-10-01T00:00:00Z'))).toEqual([
          'a',
          'b',
          'C',
          'c',
        ]);
      });

      it('records a whole list of a few thousand ids at once', async () => {
        const store = await freshStore();
        const ids = Array.from({ length: 3000 }, (_, i) => `entry-${String(i).padStart(4, '0')}`);
        await store.recordEntriesSeen(ids, new Date('2026-11-01T00:00:00Z'));
        expect(await store.entriesFirstSeenSince(new Date('2026-10-01T00:00:00Z'))).toEqual(ids);
      });
    });

    describe('process registry', () => {
      it('counts registered processes with a recent heartbeat, once per id', async () => {
        const store = await freshStore();
        expect(await store.liveProcessCount(60_000)).toBe(0);
        expect(await store.heartbeatProcess('p-a')).toBe(false);
        const startedAt = new Date();
        await store.registerProcess({ id: 'p-a', shardIds: [0, 1], shardCount: 4, startedAt });
        await store.registerProcess({ id: 'p-b', shardIds: [2, 3], shardCount: 4, startedAt });
        await store.registerProcess({ id: 'p-b', shardIds: [2, 3], shardCount: 4, startedAt });
        expect(await store.liveProcessCount(60_000)).toBe(2);
        expect(await store.heartbeatProcess('p-a')).toBe(true);
      });

      it('a process without a recent heartbeat is not live until it beats again', async () => {
        const store = await freshStore();
        await store.registerProcess({ id: 'p-a', shardIds: [0], shardCount: 1, startedAt: new Date() });
        await delay(120);
        expect(await store.liveProcessCount(50)).toBe(0);
        await store.heartbeatProcess('p-a');
        expect(await store.liveProcessCount(60_000)).toBe(1);
      });
    });

    describe('metadata', () => {
      const repoRecord: RepoRecord = {
        repo: 'etcd-io/etcd',
        status: 'ok',
        facts: {
          fullName: 'etcd-io/etcd',
          stars: 48_000,
          forks: 9_800,
          pushedAt: '2026-10-30T12:00:00Z',
          archived: false,
          disabled: false,
          license: 'Apache-2.0',
          topics: ['raft', 'kv'],
          description: 'Distributed reliable key-value store',
        },
        etag: '"abc"',
        statusSince: new Date('2026-01-01T00:00:00Z'),
        checkedAt: new Date('2026-11-01T00:00:00Z'),
        failures: 0,
      };
      const linkRecord: LinkRecord = {
        url: 'https://example.org/project',
        status: 'gone',
        httpStatus: 404,
        statusSince: new Date('2026-10-01T00:00:00Z'),
        checkedAt: new Date('2026-11-01T00:00:00Z'),
        goneCount: 1,
        failures: 0,
      };

      it('keeps what was learned about repositories and links, with ETag, check time and failures, across a reopen', async () => {
        const open = await freshDatabase();
        const first = await open();
        const failed: RepoRecord = {
          repo: 'gone/away',
          status: 'unknown',
          statusSince: new Date('2026-11-01T00:00:00Z'),
          checkedAt: new Date('2026-11-01T00:00:00Z'),
          failures: 2,
          lastError: 'HTTP 502',
        };
        await first.saveRepoRecords([repoRecord, failed]);
        await first.saveLinkRecords([
          linkRecord,
          {
            ...linkRecord,
            url: 'https://moved.example/',
            status: 'moved',
            location: 'https://new.example/',
            goneCount: 0,
          },
        ]);
        await first.close();
        const second = await open();
        expect(await second.repoRecords()).toEqual([repoRecord, failed]);
        expect(await second.repoRecords(['gone/away', 'not/stored'])).toEqual([failed]);
        expect(await second.linkRecords([linkRecord.url])).toEqual([linkRecord]);
        expect((await second.linkRecords()).map((record) => record.location)).toEqual([
          undefined,
          'https://new.example/',
        ]);
      });

      it('replaces a record on save, and keeps records no list mentions any more', async () => {
        const store = await freshStore();
        await store.saveRepoRecords([repoRecord, { ...repoRecord, repo: 'left/the-list' }]);
        const moved: RepoRecord = {
          ...repoRecord,
          status: 'moved',
          facts: { ...repoRecord.facts!, fullName: 'etcd/etcd' },
        };
        delete moved.etag;
        await store.saveRepoRecords([moved]);
        expect(await store.repoRecords()).toEqual([moved, { ...repoRecord, repo: 'left/the-list' }]);
        await store.saveLinkRecords([linkRecord]);
        await store.saveLinkRecords([{ ...linkRecord, goneCount: 2 }]);
        expect((await store.linkRecords())[0]?.goneCount).toBe(2);
      });

      it('remembers the last complete refresh round', async () => {
        const store = await freshStore();
        expect(await store.lastRefresh()).toBeUndefined();
        await store.recordRefresh({ completedAt: new Date('2026-11-01T00:00:00Z'), summary: '{"a":1}' });
        await store.recordRefresh({ completedAt: new Date('2026-11-02T00:00:00Z'), summary: '{"a":2}' });
        expect(await store.lastRefresh()).toEqual({
          completedAt: new Date('2026-11-02T00:00:00Z'),
          summary: '{"a":2}',
        });
      });

      it('keeps the last GitHub rate-limit state per API and identity for the next process; an older window never replaces a newer one', async () => {
        const open = await freshDatabase();
        const first = await open();
        const window1 = new Date('2026-11-01T13:00:00Z');
        const window2 = new Date('2026-11-01T14:00:00Z');
        expect(await first.rateLimit('rest', 'anonymous')).toBeUndefined();
        await first.saveRateLimit({
          api: 'rest',
          identity: 'anonymous',
          limit: 60,
          remaining: 7,
          resetAt: window1,
        });
        await first.saveRateLimit({
          api: 'rest',
          identity: 'anonymous',
          limit: 60,
          remaining: 0,
          resetAt: window1,
        });
        await first.saveRateLimit({
          api: 'graphql',
          identity: 'token:abc',
          remaining: 4999,
          resetAt: window2,
        });
        const next = await open();
        expect(await next.rateLimit('rest', 'anonymous')).toEqual({
          api: 'rest',
          identity: 'anonymous',
          limit: 60,
          remaining: 0,
          resetAt: window1,
        });
        const pausedUntil = new Date('2026-11-01T13:05:00Z');
        await next.saveRateLimit({
          api: 'rest',
          identity: 'anonymous',
          limit: 60,
          remaining: 59,
          resetAt: window2,
          pausedUntil,
        });
        await first.saveRateLimit({
          api: 'rest',
          identity: 'anonymous',
          limit: 60,
          remaining: 3,
          resetAt: window1,
        });
        expect(await next.rateLimit('rest', 'anonymous')).toMatchObject({
          remaining: 59,
          resetAt: window2,
          pausedUntil,
        });
        expect(await next.rateLimit('graphql', 'token:abc')).toEqual({
          api: 'graphql',
          identity: 'token:abc',
          remaining: 4999,
          resetAt: window2,
        });
        expect(await next.rateLimit('rest', 'token:abc')).toBeUndefined();
      });

      it('gives the refresh lease to one holder at a time; it can be renewed, released, and expires', async () => {
        const open = await freshDatabase();
        const [a, b] = [await open(), await open()];
        expect(await a.acquireLease('refresh', 'proc-a', 60_000)).toBe(true);
        expect(await b.acquireLease('refresh', 'proc-b', 60_000)).toBe(false);
        expect(await a.acquireLease('refresh', 'proc-a', 60_000)).toBe(true);
        await b.releaseLease('refresh', 'proc-b');
        expect(await b.acquireLease('refresh', 'proc-b', 60_000)).toBe(false);
        await a.releaseLease('refresh', 'proc-a');
        expect(await b.acquireLease('refresh', 'proc-b', 0)).toBe(true);
        // proc-b "died": its lease (ttl 0) has expired, so another process takes it.
        expect(await a.acquireLease('refresh', 'proc-a', 60_000)).toBe(true);
      });

      it('two stores on one database refreshing at once: one round between them, not two', async () => {
        const open = await freshDatabase();
        const [a, b] = [await open(), await open()];
        const names = Array.from({ length: 12 }, (_, i) => `org/p${i}`);
        const github = await startGitHubStandin({ repos: names.map((name) => standinRepo(name)) });
        try {
          const release = github.hold();
          const entries = names.map((name, i) => ({
            id: `p${i}`,
            name,
            url: `https://github.com/${name}`,
            repo: name,
            description: '',
            tags: [],
            archived: false,
            kind: 'project' as const,
            category: 'C',
            line: i + 1,
          }));
          const round = (store: Store, holder: string) => {
            const budget = new RateBudget({ clock: systemClock });
            const rest = new GitHubRestClient({
              apiUrl: github.url,
              clock: systemClock,
              budget,
              userAgent: 'dsp/test',
            });
            return refreshMetadata(entries, {
              store,
              holder,
              clock: systemClock,
              refreshMs: 86_400_000,
              sources: { budget, rest },
            });
          };
          const rounds = [round(a, 'proc-a'), round(b, 'proc-b')];
          // The loser of the lease returns at once; then the winner's requests are let through.
          await Promise.race(rounds);
          release();
          const [one, two] = await Promise.all(rounds);
          expect([one?.ran, two?.ran].sort()).toEqual([false, true]);
          expect(github.stats.rest).toBe(12);
          expect(await b.repoRecords()).toHaveLength(12);
        } finally {
          await github.stop();
        }
      });
    });

    describe('metadata across processes', () => {
      it('two processes starting a refresh at once: one round between them, not two', async () => {
        const fixture = await freshFixture();
        await (await fixture.open()).close();
        const github = await startGitHubStandin({
          repos: Array.from({ length: 20 }, (_, i) => standinRepo(`org/p${i}`)),
        });
        try {
          const release = github.hold();
          const rounds = await refreshInTwoProcesses(fixture.location, github.url, 20, release);
          expect(rounds.map((round) => round.ran).sort()).toEqual([false, true]);
          expect(rounds.find((round) => round.ran)?.checked).toBe(20);
          expect(github.stats.rest).toBe(20);
        } finally {
          await github.stop();
        }
      });
    });

    describe('schema', () => {
      it('has the tables, columns and indexes that both backends share', async () => {
        const fixture = await freshFixture();
        await (await fixture.open()).close();
        expect(await fixture.schema()).toEqual(SCHEMA);
      });
    });

    describe('readiness', () => {
      it('checkWritable succeeds on an open store and fails once closed', async () => {
        const store = await freshStore();
        await expect(store.checkWritable()).resolves.toBeUndefined();
        await store.close();
        await expect(store.checkWritable()).rejects.toThrow();
      });
    });
  });
}
