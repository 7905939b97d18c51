import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open.js';
import { SQLITE_FILE_NAME } from '../../src/store/sqlite.js';
import { freePort } from '../support/free-port.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsp-open-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('keeps state in SQLite in STATE_DIR when there is no DATABASE_URL', async () => {
    const store = await openStore({ STATE_DIR: dir });
    await store.checkWritable();
    await store.close();
    expect(existsSync(join(dir, SQLITE_FILE_NAME))).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and never falls back to SQLite', async () => {
    const url = `postgres://dsp:secret@127.0.0.1:${await freePort()}/dsp`;
    await expect(openStore({ DATABASE_URL: url, STATE_DIR: dir })).rejects.toBeInstanceOf(StoreOpenError);
    expect(existsSync(join(dir, SQLITE_FILE_NAME))).toBe(false);
  });
});
