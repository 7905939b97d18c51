import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/store/errors.js';
import { MIGRATIONS, openSqliteStore, SQLITE_FILE_NAME } from '../../src/store/sqlite.js';
import type { PostClaim, Store } from '../../src/store/types.js';

let dir: string;
const opened: Store[] = [];

function open(stateDir = dir): Store {
  const store = openSqliteStore(stateDir);
  opened.push(store);
  return store;
}

function claim(overrides: Partial<PostClaim> = {}): PostClaim {
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

const settings = {
  guildId: 'g1',
  channelId: 'c1',
  schedule: '0 15 * * 1',
  timezone: 'Europe/Berlin',
  enabled: true,
  updatedAt: new Date('2026-11-01T10:00:00Z'),
  updatedBy: 'u1',
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsp-store-'));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openSqliteStore', () => {
  it('creates a missing state directory and applies migrations once (idempotent reopen)', async () => {
    const stateDir = join(dir, 'nested', 'state');
    const first = open(stateDir);
    await first.saveFeatured(settings);
    await first.close();
    const second = open(stateDir);
    expect(await second.getFeatured('g1')).toMatchObject({ channelId: 'c1', schedule: '0 15 * * 1' });
    await second.close();
    const raw = new Database(join(stateDir, SQLITE_FILE_NAME), { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a corrupt file with a StoreOpenError naming it, and leaves the file untouched', () => {
    const file = join(dir, SQLITE_FILE_NAME);
    const junk = Buffer.from('this is not a database at all, just junk bytes\n'.repeat(200));
    writeFileSync(file, junk);
    let caught: unknown;
    try {
      open();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreOpenError);
    expect((caught as StoreOpenError).message).toContain(file);
    expect((caught as StoreOpenError).message).toMatch(/backup|move it aside/);
    expect(readFileSync(file).equals(junk)).toBe(true);
  });

  it('refuses a database with damaged pages and leaves it untouched', async () => {
    const store = open();
    await store.saveFeatured(settings);
    for (let i = 0; i < 200; i++) await store.recordEntriesSeen([`entry-${i}-${'x'.repeat(40)}`], new Date());
    await store.close();
    opened.splice(0);
    const file = join(dir, SQLITE_FILE_NAME);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(4 * 4096);
    bytes.fill(0x5a, 4096 + 100, 3 * 4096);
    writeFileSync(file, bytes);
    expect(() => open()).toThrow(StoreOpenError);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file with a StoreOpenError', () => {
    const file = join(dir, SQLITE_FILE_NAME);
    open();
    for (const store of opened.splice(0)) void store.close();
    chmodSync(file, 0o000);
    expect(() => open()).toThrow(StoreOpenError);
    chmodSync(file, 0o600);
  });

  it('refuses a database written by a newer dsp', () => {
    const file = join(dir, SQLITE_FILE_NAME);
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => open()).toThrow(/newer than this dsp/);
  });
});

describe('featured settings', () => {
  it('pause keeps the settings and hides the guild from the active list; resume restores it', async () => {
    const store = open();
    await store.saveFeatured(settings);
    await store.pauseFeatured('g1', 'missing-access', new Date('2026-11-02T00:00:00Z'));
    expect(await store.getFeatured('g1')).toMatchObject({
      channelId: 'c1',
      enabled: true,
      pausedReason: 'missing-access',
      pausedAt: new Date('2026-11-02T00:00:00Z'),
    });
    expect(await store.listActiveFeatured()).toEqual([]);
    expect(await store.resumeFeatured('g1')).toBe(true);
    const resumed = await store.getFeatured('g1');
    expect(resumed?.pausedReason).toBeUndefined();
    expect(resumed?.channelId).toBe('c1');
    expect((await store.listActiveFeatured()).map((s) => s.guildId)).toEqual(['g1']);
  });

  it('disable keeps the settings; saving again clears a pause', async () => {
    const store = open();
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

  it('resume of an unknown guild reports false', async () => {
    expect(await open().resumeFeatured('nope')).toBe(false);
  });
});

describe('post claims', () => {
  it('only the first claim of a (guild, period) wins; the loser sees the winner', async () => {
    const store = open();
    expect(await store.claimPost(claim())).toEqual({ won: true });
    const second = await store.claimPost(claim({ claimant: 'proc-b', entryId: 'raft' }));
    expect(second.won).toBe(false);
    if (!second.won) expect(second.existing).toMatchObject({ claimant: 'proc-a', entryId: 'etcd' });
    expect(await store.claimPost(claim({ guildId: 'g2' }))).toEqual({ won: true });
  });

  it('two stores on the same file never both win a claim', async () => {
    const a = open();
    const b = open();
    const periods = Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString());
    const results = await Promise.all(
      periods.flatMap((periodKey) => [
        a.claimPost(claim({ periodKey, claimant: 'a' })),
        b.claimPost(claim({ periodKey, claimant: 'b' })),
      ]),
    );
    expect(results.filter((r) => r.won)).toHaveLength(periods.length);
  });

  it('two processes claiming the same periods at once never both win one', async () => {
    await openSqliteStore(dir).close(); // migrate first so both children start on the same schema
    const startAt = String(Date.now() + 3000);
    const run = (claimant: string, order: string) =>
      promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        join(import.meta.dirname, 'claim-worker.ts'),
        dir,
        claimant,
        '3000',
        startAt,
        order,
      ]);
    const [a, b] = await Promise.all([run('a', 'up'), run('b', 'down')]);
    const wonA: string[] = JSON.parse(a.stdout);
    const wonB: string[] = JSON.parse(b.stdout);
    expect(wonA.length + wonB.length).toBe(3000);
    expect(new Set([...wonA, ...wonB]).size).toBe(3000);
  });

  it('tracks sent, failed and unsent claims', async () => {
    const store = open();
    await store.claimPost(claim({ periodKey: 'p1' }));
    await store.claimPost(claim({ periodKey: 'p2' }));
    await store.claimPost(claim({ periodKey: 'p3' }));
    await store.recordPostSent('g1', 'p1', 'm1', new Date('2026-11-30T14:00:02Z'));
    await store.recordPostFailed('g1', 'p2', 'missing-access');
    expect((await store.unsentClaims()).map((p) => p.periodKey)).toEqual(['p3']);
    expect(await store.getPost('g1', 'p1')).toMatchObject({ messageId: 'm1' });
    expect((await store.recentPosts('g1', 2)).map((p) => p.periodKey)).toEqual(['p3', 'p2']);
    expect((await store.latestPost('g1'))?.periodKey).toBe('p3');
  });

  it('a stale claim can be taken over by exactly one process', async () => {
    const a = open();
    const b = open();
    await a.claimPost(claim({ claimant: 'dead' }));
    const at = new Date();
    const [x, y] = await Promise.all([
      a.takeOverClaim('g1', claim().periodKey, 'dead', 'a', at),
      b.takeOverClaim('g1', claim().periodKey, 'dead', 'b', at),
    ]);
    expect([x, y].filter(Boolean)).toHaveLength(1);
  });

  it('featuredInCycle reports the newest cycle and ignores failed posts', async () => {
    const store = open();
    expect(await store.featuredInCycle('g1')).toEqual({ cycle: 1, entryIds: new Set() });
    await store.claimPost(claim({ periodKey: 'p1', entryId: 'a', cycle: 1 }));
    await store.claimPost(claim({ periodKey: 'p2', entryId: 'b', cycle: 2 }));
    await store.claimPost(claim({ periodKey: 'p3', entryId: 'c', cycle: 2 }));
    await store.recordPostFailed('g1', 'p3', 'missing-access');
    expect(await store.featuredInCycle('g1')).toEqual({ cycle: 2, entryIds: new Set(['b']) });
  });
});

describe('entries first seen', () => {
  it('records the first sighting only and lists ids seen after a time', async () => {
    const store = open();
    await store.recordEntriesSeen(['a', 'b'], new Date('2026-11-01T00:00:00Z'));
    await store.recordEntriesSeen(['a', 'b', 'c'], new Date('2026-11-10T00:00:00Z'));
    expect(await store.entriesFirstSeenSince(new Date('2026-11-05T00:00:00Z'))).toEqual(['c']);
    expect(await store.entriesFirstSeenSince(new Date('2026-10-01T00:00:00Z'))).toEqual(['a', 'b', 'c']);
  });

  it('checkWritable succeeds on an open store and fails once closed', async () => {
    const store = open();
    await expect(store.checkWritable()).resolves.toBeUndefined();
    await store.close();
    await expect(store.checkWritable()).rejects.toThrow();
  });
});
