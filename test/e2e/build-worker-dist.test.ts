/**
 * The compiled build, run by plain node as `npm start` and the Docker image run it (no tsx): the
 * list-build worker is found next to the compiled builder (dist/src/catalog/build-worker.js) and
 * parses the list. dist/ is brought up to date once for the e2e files (test/support/build-dist-once.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist', 'src');
const moduleUrl = (...path: string[]) => JSON.stringify(pathToFileURL(join(DIST, ...path)).href);

describe('the compiled list-build worker', () => {
  it('is next to the compiled builder, and plain node parses and serves a list with it', () => {
    expect(existsSync(join(DIST, 'catalog', 'build-worker.js'))).toBe(true);
    const script = `
      import { defaultWorkerUrl, workerListParser } from ${moduleUrl('catalog', 'builder.js')};
      import { createLiveCatalog } from ${moduleUrl('catalog', 'index.js')};
      import { silentLogger } from ${moduleUrl('log', 'index.js')};
      import { readFileSync } from 'node:fs';
      const list = ${JSON.stringify(join(ROOT, 'data', 'awesome-distributed-system-projects.md'))};
      const doc = await workerListParser().parse(readFileSync(list, 'utf8'));
      const live = await createLiveCatalog({
        source: list, stateDir: ${JSON.stringify(tempDir('dsp-dist-state'))}, refreshMs: 3600000,
        maxBytes: 5242880, logger: silentLogger(),
      });
      const hits = live.current().index.search('raft').hits.length;
      const served = live.current().doc.entries.length;
      await live.stop();
      console.log(JSON.stringify({ worker: defaultWorkerUrl().pathname, entries: doc.entries.length, served, hits }));
    `;
    // Plain node, no loader and no flags: what `node dist/src/main.js` has.
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output).toMatchObject({ entries: 35, served: 35 });
    expect(output.worker).toBe(join(DIST, 'catalog', 'build-worker.js'));
    expect(output.hits).toBeGreaterThan(0);
  }, 180_000);
});
