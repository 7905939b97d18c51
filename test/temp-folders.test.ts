/**
 * Tests clean up after themselves: the test files that make temporary folders are run in a child
 * Vitest with a temporary directory of their own, which must hold no dsp folder afterwards.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FILES_THAT_MAKE_FOLDERS = [
  'test/catalog/live-catalog.test.ts',
  'test/catalog/real-list.test.ts',
  'test/catalog/reload-safety.test.ts',
  'test/catalog/first-load.test.ts',
  'test/cli/large-lists.test.ts',
  'test/config/config.test.ts',
  'test/list/source.test.ts',
  'test/list/source-files.test.ts',
];

describe('temporary folders', () => {
  it('are all removed by the tests that make them', () => {
    const sandbox = tempDir('dsp-tmp-check');
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', ...FILES_THAT_MAKE_FOLDERS],
      { cwd: ROOT, env: { ...process.env, TMPDIR: sandbox }, encoding: 'utf8' },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(readdirSync(sandbox).filter((name) => name.startsWith('dsp-'))).toEqual([]);
  }, 180_000);
});
