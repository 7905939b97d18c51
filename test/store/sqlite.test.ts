import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/store/errors.js';
import { SQLITE_MIGRATIONS } from '../../src/store/migrations/sqlite/index.js';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { skipBecause } from '../support/skip.js';
import { settings } from './contract.js';
import { SCHEMA } from './schema.js';

let dir: string;
const opened: Store[] = [];

function open(stateDir = dir): Store {
  const store = openSqliteStore(stateDir);
  opened.push(store);
  return store;
}

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
    expect(raw.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
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

  const asRoot =
    process.getuid?.() === 0 && 'Skipping "refuses an unreadable file": root reads a file whatever its mode';
  it.skipIf(skipBecause(asRoot))('refuses an unreadable file with a StoreOpenError', () => {
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
    raw.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => open()).toThrow(/newer than this dsp/);
  });
});

describe('SQLite upgrade', () => {
  it('a database from before the process registry is upgraded in place, keeping its settings', async () => {
    const raw = new Database(join(dir, SQLITE_FILE_NAME));
    raw.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
    raw.pragma('user_version = 1');
    raw
      .prepare(
        `INSERT INTO featured_settings (guild_id, channel_id, schedule, timezone, enabled, updated_at)
         VALUES ('g1', 'c1', '0 15 * * 1', 'Europe/Berlin', 1, 0)`,
      )
      .run();
    raw.close();
    const store = open();
    expect(await store.getFeatured('g1')).toMatchObject({ channelId: 'c1', enabled: true });
    await store.registerProcess({ id: 'p1', shardIds: [0], shardCount: 1, startedAt: new Date() });
    expect(await store.liveProcessCount(60_000)).toBe(1);
  });

  it('a database from before the cycle and heartbeat indexes gains them, keeping its posts', async () => {
    const raw = new Database(join(dir, SQLITE_FILE_NAME));
    for (const migration of SQLITE_MIGRATIONS.slice(0, 2)) raw.exec(migration.sql);
    raw.pragma('user_version = 2');
    raw
      .prepare(
        `INSERT INTO featured_posts (guild_id, period_key, channel_id, entry_id, cycle, claimed_at, claimant)
         VALUES ('g1', 'p1', 'c1', 'etcd', 2, 0, 'proc-a')`,
      )
      .run();
    raw.close();
    const store = open();
    expect(await store.featuredInCycle('g1')).toEqual({ cycle: 2, entryIds: new Set(['etcd']) });
    await store.close();
    const upgraded = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    const indexes = upgraded
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .all();
    expect(upgraded.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    upgraded.close();
    expect(indexes).toEqual(SCHEMA.indexes.map((name) => ({ name })));
  });
});
