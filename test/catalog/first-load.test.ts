/**
 * The first list loads in the background (the bot logs in meanwhile): what the live catalog says
 * and does until it is served.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startLiveCatalog,
  workerListParser,
  type ListParser,
  type LiveCatalog,
  type LiveCatalogOptions,
} from '../../src/catalog/index.js';
import { silentLogger } from '../../src/log/index.js';
import { tempDir } from '../support/temp-dir.js';
import { listText, parseStandIn } from './helpers.js';

const opened: LiveCatalog[] = [];
afterEach(async () => {
  for (const live of opened.splice(0)) await live.stop();
});

function start(text: string, overrides: Partial<LiveCatalogOptions>) {
  const dir = tempDir('dsp-first-load');
  const file = join(dir, 'list.md');
  writeFileSync(file, text);
  const live = startLiveCatalog({
    source: file,
    stateDir: join(dir, 'state'),
    refreshMs: 3_600_000,
    maxBytes: 1024 * 1024,
    logger: silentLogger(),
    ...overrides,
  });
  opened.push(live);
  return { live, file };
}

describe('the first load', () => {
  it('serves nothing and says so until the list is ready; a reload asked for meanwhile follows it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let parses = 0;
    let parsing: () => void = () => undefined;
    const firstParse = new Promise<void>((resolve) => (parsing = resolve));
    const parser: ListParser = {
      async parse(text) {
        parses++;
        parsing();
        if (parses === 1) await gate;
        return parseStandIn(text);
      },
    };
    const { live, file } = start(listText(3), { parser });
    await firstParse; // read, and held while parsing

    expect(live.loaded()).toBe(false);
    expect(() => live.current()).toThrow(/still loading/);
    expect(live.health()).toEqual({ ok: false, detail: 'the list is loading' });
    writeFileSync(file, listText(4));
    const reloaded = live.reload({ reason: 'SIGHUP' });

    release();
    expect((await live.whenLoaded()).doc.entries).toHaveLength(3);
    expect(live.loaded()).toBe(true);
    expect(live.health()).toEqual({ ok: true });
    expect(await reloaded).toMatchObject({ outcome: 'updated', added: ['o-p3'] });
    expect(parses).toBe(2);
  });

  it('gives up a first load still parsing when the catalog stops', async () => {
    const hanging = workerListParser({ workerUrl: new URL('./faulty-build-worker.ts', import.meta.url) });
    const { live } = start('HANG', { parser: hanging });
    const loaded = live.whenLoaded();
    await live.stop();
    await expect(loaded).rejects.toThrow(/Cannot load the list/);
    expect(live.loaded()).toBe(false);
  });
});
