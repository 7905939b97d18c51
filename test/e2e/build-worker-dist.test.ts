/**
 * The compiled build, run by plain node as `npm start` and the Docker image run it (no tsx): the
 * list-build worker is found next to the compiled builder (dist/src/catalog/build-worker.js) and
 * parses the list. Compiled into a scratch directory, so the checkout's dist/ is left alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dsp-dist-'));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', scratch], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the compiled list-build worker', () => {
  it('is next to the compiled builder, and plain node parses and serves a list with it', () => {
    const catalog = join(scratch, 'src', 'catalog');
    expect(existsSync(join(catalog, 'build-worker.js'))).toBe(true);
    const script = `
      import { defaultWorkerUrl, workerListParser } from ${JSON.stringify(pathToFileURL(join(catalog, 'builder.js')).href)};
      import { createLiveCatalog } from ${JSON.stringify(pathToFileURL(join(catalog, 'index.js')).href)};
      import { silentLogger } from ${JSON.stringify(pathToFileURL(join(scratch, 'src', 'log', 'index.js')).href)};
      import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      const list = ${JSON.stringify(join(ROOT, 'data', 'awesome-distributed-system-projects.md'))};
      const doc = await workerListParser().parse(readFileSync(list, 'utf8'));
      const stateDir = mkdtempSync(join(tmpdir(), 'dsp-dist-state-'));
      const live = await createLiveCatalog({ source: list, stateDir, refreshMs: 3600000, maxBytes: 5242880, logger: silentLogger() });
      const hits = live.current().index.search('raft').hits.length;
      await live.stop();
      rmSync(stateDir, { recursive: true, force: true });
      console.log(JSON.stringify({ worker: defaultWorkerUrl().pathname, entries: doc.entries.length, served: live.current().doc.entries.length, hits }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: scratch,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output).toMatchObject({ entries: 35, served: 35 });
    expect(output.worker).toBe(join(catalog, 'build-worker.js'));
    expect(output.hits).toBeGreaterThan(0);
  }, 180_000);
});
