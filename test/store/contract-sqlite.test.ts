import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('SQLite', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'dsp-store-contract-'));
  return {
    open: async () => openSqliteStore(stateDir),
    dispose: async () => rmSync(stateDir, { recursive: true, force: true }),
  };
});
