/** readListSource on paths that are not ordinary list files: devices, FIFOs, directories, odd schemes. */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { readListSource } from '../../src/list/index.js';

const dir = tempDir('dsp-source-files');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const canMakeFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;
if (!canMakeFifo) console.warn('skipping the FIFO test: mkfifo is not available on this system');
const hasDevZero = existsSync('/dev/zero');
if (!hasDevZero) console.warn('skipping the /dev/zero test: this system has no /dev/zero');
// Files under /proc report a size of 0 whatever they hold: only counting while reading catches them.
const REPORTS_SIZE_ZERO = '/proc/self/status';
const hasProc = existsSync(REPORTS_SIZE_ZERO);
if (!hasProc) console.warn(`skipping the reported-size test: this system has no ${REPORTS_SIZE_ZERO}`);

describe('readListSource on a path that is not a regular file', () => {
  it.skipIf(!canMakeFifo)(
    'refuses a FIFO at once instead of waiting for a writer',
    async () => {
      const fifo = join(dir, 'list.fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const started = Date.now();
      await expect(readListSource(fifo)).rejects.toThrow(
        /^cannot read list ".*list\.fifo": it is a FIFO \(named pipe\), not a regular file$/,
      );
      expect(Date.now() - started).toBeLessThan(2_000);
    },
    5_000,
  );

  it.skipIf(!hasDevZero)(
    'refuses /dev/zero without reading it',
    async () => {
      await expect(readListSource('/dev/zero')).rejects.toThrow(
        /^cannot read list "\/dev\/zero": it is a character device, not a regular file$/,
      );
    },
    5_000,
  );

  it('refuses a directory', async () => {
    await expect(readListSource(dir)).rejects.toThrow(/it is a directory, not a regular file$/);
  });

  it('says in words that a file is missing', async () => {
    await expect(readListSource(join(dir, 'missing.md'))).rejects.toThrow(
      /^cannot read list ".*missing\.md": no such file or directory$/,
    );
  });

  it('refuses a scheme other than http and https instead of reading it as a path', async () => {
    await expect(readListSource('ftp://example.com/list.md')).rejects.toThrow(
      /^cannot read list "ftp:\/\/example\.com\/list\.md": ftp: is not supported; use a file path or an http\(s\) URL$/,
    );
  });
});

describe('readListSource size limit', () => {
  it.skipIf(!hasProc)('holds for a file that is bigger than its reported size', async () => {
    await expect(readListSource(REPORTS_SIZE_ZERO, { maxBytes: 16 })).rejects.toThrow(
      /file is more than LIST_MAX_BYTES \(16 bytes\); it was not parsed$/,
    );
  });

  it('still reads a file at exactly the limit', async () => {
    const path = join(dir, 'exact.md');
    writeFileSync(path, 'x'.repeat(64));
    expect(await readListSource(path, { maxBytes: 64 })).toEqual({ status: 'ok', text: 'x'.repeat(64) });
  });
});
