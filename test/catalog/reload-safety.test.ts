/**
 * Reloading never serves part of a list, never loses the current one to a failed build, and never
 * queues builds up: the live catalog with the real source reader and the real worker parser.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  inlineListParser,
  startLiveCatalog,
  workerListParser,
  type ListParser,
  type LiveCatalog,
  type LiveCatalogOptions,
  type ReadSource,
} from '../../src/catalog/index.js';
import { createMetrics } from '../../src/http/index.js';
import { silentLogger } from '../../src/log/index.js';
import { tempDir } from '../support/temp-dir.js';
import { listText, parseStandIn } from './helpers.js';

const opened: LiveCatalog[] = [];
afterEach(async () => {
  for (const live of opened.splice(0)) await live.stop();
});

/** A list file, a state directory, and a live catalog over them (stopped after the test). */
async function open(initialText: string, overrides: Partial<LiveCatalogOptions> = {}) {
  const file = join(tempDir('dsp-list'), 'list.md');
  writeFileSync(file, initialText);
  const metrics = createMetrics({ defaultMetrics: false });
  const live = startLiveCatalog({
    source: file,
    stateDir: tempDir('dsp-state'),
    refreshMs: 3_600_000,
    maxBytes: 5 * 1024 * 1024,
    logger: silentLogger(),
    metrics,
    ...overrides,
  });
  opened.push(live);
  await live.whenLoaded();
  return { file, live, metrics, write: (text: string) => writeFileSync(file, text) };
}

const names = (live: LiveCatalog) => live.current().doc.entries.map((entry) => entry.name);

/**
 * A list of exactly `bytes` bytes of UTF-8 (names and descriptions with two- and three-byte
 * characters), whose last entry ends the file; the padding is prose under the title.
 */
function listOfBytes(bytes: number, entries: number): string {
  const items = Array.from(
    { length: entries },
    (_, i) =>
      `- [Projekt ${i}](https://github.com/o/projekt-${i}) - Verteilte Datenbank – schnell, café ${i}`,
  );
  const body = `\n\n## Datenbanken\n\n${items.join('\n')}`;
  const head = '# Sized list\n\nPadding: ';
  const padding = bytes - Buffer.byteLength(head + body);
  if (padding < 0) throw new Error(`${entries} entries take more than ${bytes} bytes`);
  return head + 'x'.repeat(padding) + body;
}

describe('LIST_MAX_BYTES, the one limit on a list', () => {
  const limit = 160_000;
  const entries = 1_300;

  it('parses a list of exactly the limit whole, and refuses one byte more, keeping the list served', async () => {
    const atLimit = listOfBytes(limit, entries);
    expect(Buffer.byteLength(atLimit)).toBe(limit);
    expect(atLimit.length).toBeLessThan(limit); // bytes, not characters, are what count
    const { live, write, metrics } = await open(listText(10), { maxBytes: limit });

    write(atLimit);
    expect(await live.reload({ reason: 'test', force: true })).toMatchObject({
      outcome: 'updated',
      after: { entries },
    });
    expect(names(live).at(-1)).toBe(`Projekt ${entries - 1}`);

    write(listOfBytes(limit + 1, entries));
    const refused = await live.reload({ reason: 'test' });
    expect(refused.outcome).toBe('failed');
    expect(refused.message).toMatch(/160,?001|160001/);
    expect(refused.message).toMatch(/160,?000|160000/);
    expect(names(live)).toHaveLength(entries);
    expect(names(live).at(-1)).toBe(`Projekt ${entries - 1}`);
    expect(await metrics.render()).toContain('dsp_list_reloads_total{outcome="failed"} 1');
  });

  it('refuses a larger text from any source before parsing it, naming LIST_MAX_BYTES and both sizes', async () => {
    let served = listText(5);
    const readSource: ReadSource = async () => ({ status: 'ok', text: served });
    let parses = 0;
    const parser: ListParser = {
      parse: (text) => {
        parses++;
        return inlineListParser(parseStandIn).parse(text);
      },
    };
    const { live } = await open('', { readSource, parser, maxBytes: 2_000 });
    expect(parses).toBe(1);

    served = listText(100); // 4 KB
    const result = await live.reload({ reason: 'test' });
    expect(result).toMatchObject({ outcome: 'failed' });
    expect(result.message).toMatch(/LIST_MAX_BYTES/);
    expect(result.message).toContain(`${Buffer.byteLength(served).toLocaleString('en')} bytes`);
    expect(result.message).toContain('2,000 bytes');
    expect(parses).toBe(1);
    expect(names(live)).toHaveLength(5);
  });
});

describe('a list build whose worker crashes or hangs', () => {
  const faultyWorker = new URL('./faulty-build-worker.ts', import.meta.url);

  it.each(['CRASH', 'HANG'])(
    'on %s: the current list keeps serving, the failure is counted, and the next reload works',
    async (fault) => {
      // Only the hanging parse gets a short time limit: a busy machine must not fail the others.
      const hangs = workerListParser({ workerUrl: faultyWorker, timeoutMs: 2_000 });
      const others = workerListParser({ workerUrl: faultyWorker });
      const parser: ListParser = {
        parse: (text, job) => (text.includes('HANG') ? hangs : others).parse(text, job),
      };
      const { live, write, metrics } = await open(listText(5), { parser });
      const before = live.current();

      write(`${listText(6)}\n${fault}\n`);
      const failed = await live.reload({ reason: 'test' });
      expect(failed.outcome).toBe('failed');
      expect(failed.message).toMatch(fault === 'HANG' ? /took longer than 2 s/ : /injected crash/);
      expect(live.current()).toBe(before);
      expect(live.current().index.search('project 4').hits[0]?.entry.name).toBe('Project 4');
      expect(live.health()).toMatchObject({ ok: true, detail: expect.stringContaining('failed') });
      expect(await metrics.render()).toContain('dsp_list_reloads_total{outcome="failed"} 1');

      write(listText(7));
      expect(await live.reload({ reason: 'test' })).toMatchObject({
        outcome: 'updated',
        after: { entries: 7 },
      });
      expect(names(live).at(-1)).toBe('Project 6');
      expect(live.health()).toEqual({ ok: true });
    },
  );
});

describe('reloads asked for during a build', () => {
  it('three reload requests during one build produce exactly one further build, whose result all three get', async () => {
    let builds = 0;
    let release: () => void = () => undefined;
    let buildStarted: () => void = () => undefined;
    const gated: ListParser = {
      async parse(text) {
        builds++;
        buildStarted();
        if (builds === 2) await new Promise<void>((resolve) => (release = resolve));
        return parseStandIn(text);
      },
    };
    const { live, write } = await open(listText(3), { parser: gated });
    expect(builds).toBe(1);

    write(listText(4));
    const started = new Promise<void>((resolve) => (buildStarted = resolve));
    const first = live.reload({ reason: 'first' });
    await started; // the second build is running, held at the gate

    write(listText(5));
    const during = [
      live.reload({ reason: 'timer' }),
      live.reload({ reason: 'file changed' }),
      live.reload({ reason: 'owner command', force: true }),
    ];
    release();
    const [firstResult, ...duringResults] = await Promise.all([first, ...during]);

    expect(firstResult).toMatchObject({ outcome: 'updated', after: { entries: 4 } });
    expect(builds).toBe(3);
    expect(duringResults[0]).toMatchObject({ outcome: 'updated', after: { entries: 5 } });
    expect(duringResults[1]).toBe(duringResults[0]);
    expect(duringResults[2]).toBe(duringResults[0]);
    expect(names(live)).toHaveLength(5);
  });
});
