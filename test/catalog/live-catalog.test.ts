import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import {
  createLiveCatalog,
  LAST_GOOD_LIST_FILE,
  LAST_GOOD_META_FILE,
  type CatalogChange,
  type LiveCatalog,
  type LiveCatalogOptions,
} from '../../src/catalog/index.js';
import { createMetrics } from '../../src/http/index.js';
import { createLogger } from '../../src/log/index.js';
import { buildIndexStandIn, listText, parseStandIn, readSourceStandIn, startListServer } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(source: string, overrides: Partial<LiveCatalogOptions> = {}) {
  const stateDir = overrides.stateDir ?? tempDir('dsp-state');
  const lines: string[] = [];
  const metrics = createMetrics({ defaultMetrics: false });
  const options: LiveCatalogOptions = {
    source,
    stateDir,
    refreshMs: 3_600_000,
    maxBytes: 1024 * 1024,
    logger: createLogger({ level: 'debug', destination: { write: (line) => lines.push(line) } }),
    metrics,
    parse: parseStandIn,
    buildIndex: buildIndexStandIn,
    readSource: readSourceStandIn,
    watchDebounceMs: 50,
    ...overrides,
  };
  const open = async () => {
    const live = await createLiveCatalog(options);
    cleanups.push(() => live.stop());
    return live;
  };
  const logs = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stateDir, metrics, open, logs };
}

async function served(url: string) {
  const server = await startListServer(url);
  cleanups.push(server.close);
  return server;
}

const entryCount = (live: LiveCatalog) => live.current().doc.entries.length;

describe('LiveCatalog over HTTP', () => {
  it('loads the list, then a second fetch gets 304 and reports unchanged', async () => {
    const server = await served(listText(10));
    const { open, metrics } = setup(server.url);
    const live = await open();
    expect(entryCount(live)).toBe(10);
    expect(live.current().source).toBe(server.url);

    const result = await live.reload({ reason: 'test' });
    expect(result).toMatchObject({ outcome: 'unchanged', added: [], removed: [] });
    expect(server.state).toMatchObject({ served200: 1, served304: 1 });
    expect(await metrics.render()).toContain('dsp_list_reloads_total{outcome="unchanged"} 1');
    expect(await metrics.render()).toContain('dsp_list_entries 10');
  });

  it('swaps in a changed list whole, reports added and removed ids, and tells listeners', async () => {
    const server = await served(listText(10));
    const { open, logs } = setup(server.url);
    const live = await open();
    const changes: CatalogChange[] = [];
    live.onChange((change) => void changes.push(change));
    const inFlight = live.current();

    server.state.body = listText(10, 'Databases', 2); // p0, p1 gone; p10, p11 new
    const result = await live.reload({ reason: 'owner command' });

    expect(result).toMatchObject({
      outcome: 'updated',
      before: { entries: 10, categories: 1 },
      after: { entries: 10, categories: 1 },
    });
    expect(result.added.sort()).toEqual(['o-p10', 'o-p11']);
    expect(result.removed.sort()).toEqual(['o-p0', 'o-p1']);
    expect(live.current()).not.toBe(inFlight);
    expect(inFlight.doc.entries[0]?.name).toBe('Project 0'); // the old catalog is left intact
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ reason: 'owner command', before: inFlight, after: live.current() });
    const reloadLog = logs().find((line) => line.outcome === 'updated');
    expect(reloadLog).toMatchObject({
      added: expect.arrayContaining(['o-p10']),
      removed: expect.arrayContaining(['o-p0']),
    });
  });

  it('keeps the current list when the new one cannot be parsed, and counts the failure', async () => {
    const server = await served(listText(10));
    const { open, metrics } = setup(server.url);
    const live = await open();
    const before = live.current();

    server.state.body = `${listText(10)}\nBROKEN`;
    const result = await live.reload({ reason: 'test' });

    expect(result.outcome).toBe('failed');
    expect(result.message).toContain('could not be parsed');
    expect(live.current()).toBe(before);
    expect(await metrics.render()).toContain('dsp_list_reloads_total{outcome="failed"} 1');
    expect(live.health()).toMatchObject({ ok: true, detail: expect.stringContaining('failed') });
  });

  it('keeps the current list when the source is down or the list is empty', async () => {
    const server = await served(listText(10));
    const { open } = setup(server.url);
    const live = await open();

    server.state.down = true;
    expect(await live.reload({ reason: 'test' })).toMatchObject({
      outcome: 'failed',
      message: expect.stringContaining('503'),
    });
    server.state.down = false;
    server.state.body = '# Nothing here\n';
    expect(await live.reload({ reason: 'test' })).toMatchObject({
      outcome: 'failed',
      message: 'the list has no entries',
    });
    expect(entryCount(live)).toBe(10);
  });

  it('refuses a list that shrinks by 90%, and accepts it when forced', async () => {
    const server = await served(listText(100));
    const { open, metrics, stateDir } = setup(server.url);
    const live = await open();

    server.state.body = listText(10);
    const refused = await live.reload({ reason: 'timer' });
    expect(refused).toMatchObject({ outcome: 'refused', before: { entries: 100 }, after: { entries: 10 } });
    expect(refused.message).toMatch(/remove 90 of 100/);
    expect(entryCount(live)).toBe(100);
    expect(await metrics.render()).toContain('dsp_list_reloads_total{outcome="refused"} 1');
    expect(readFileSync(join(stateDir, LAST_GOOD_LIST_FILE), 'utf8')).toBe(listText(100));

    const forced = await live.reload({ force: true, reason: 'owner forced' });
    expect(forced).toMatchObject({ outcome: 'updated', after: { entries: 10 } });
    expect(forced.removed).toHaveLength(90);
    expect(entryCount(live)).toBe(10);
  });

  it('logs what a refused reload would remove, and what a forced one removed', async () => {
    const server = await served(listText(100));
    const { open, logs } = setup(server.url);
    const live = await open();
    server.state.body = listText(10);
    await live.reload({ reason: 'timer' });
    const refused = logs().find((line) => String(line.msg).startsWith('list reload refused'));
    expect(refused).toMatchObject({ wouldRemoveCount: 90, wouldAddCount: 0 });
    expect(refused?.wouldRemove).toHaveLength(50);
    expect(refused).not.toHaveProperty('removedCount');

    await live.reload({ force: true, reason: 'owner forced' });
    const forced = logs().find((line) => String(line.msg).startsWith('list reloaded'));
    expect(forced).toMatchObject({ removedCount: 90, addedCount: 0 });
  });

  it('accepts a list that loses less than half', async () => {
    const server = await served(listText(10));
    const { open } = setup(server.url);
    const live = await open();
    server.state.body = listText(6);
    expect(await live.reload({ reason: 'test' })).toMatchObject({
      outcome: 'updated',
      removed: expect.any(Array),
    });
    expect(entryCount(live)).toBe(6);
  });

  it('saves the last good copy with its ETag', async () => {
    const server = await served(listText(5));
    const { open, stateDir } = setup(server.url);
    await open();
    expect(readFileSync(join(stateDir, LAST_GOOD_LIST_FILE), 'utf8')).toBe(listText(5));
    const meta = JSON.parse(readFileSync(join(stateDir, LAST_GOOD_META_FILE), 'utf8'));
    expect(meta).toMatchObject({ source: server.url, etag: expect.stringMatching(/^".+"$/), entries: 5 });
  });

  it('restarts without network on the last good copy, and logs so', async () => {
    const server = await served(listText(7));
    const first = setup(server.url);
    await (await first.open()).stop();
    await server.close();

    const second = setup(server.url, { stateDir: first.stateDir });
    const live = await second.open();
    expect(entryCount(live)).toBe(7);
    expect(live.health()).toMatchObject({ ok: true, detail: expect.stringContaining('last good copy') });
    expect(second.logs().some((line) => String(line.msg).includes('serving the last good copy'))).toBe(true);
  });

  it('on restart, a 304 for the saved ETag uses the saved copy without downloading', async () => {
    const server = await served(listText(7));
    const first = setup(server.url);
    await (await first.open()).stop();
    const live = await setup(server.url, { stateDir: first.stateDir }).open();
    expect(entryCount(live)).toBe(7);
    expect(server.state).toMatchObject({ served200: 1, served304: 1 });
    expect(live.health()).toEqual({ ok: true });
  });

  it('fails to start when there is neither a source nor a saved copy', async () => {
    const { open } = setup('http://127.0.0.1:9/unreachable.md');
    await expect(open()).rejects.toThrow(/Cannot load the list.*no usable last good copy/);
  });

  it('refreshes on the interval once started', async () => {
    const server = await served(listText(3));
    const { open } = setup(server.url, { refreshMs: 20 });
    const live = await open();
    const changed = new Promise<CatalogChange>((resolve) => live.onChange(resolve));
    live.start();
    server.state.body = listText(4);
    expect((await changed).added).toEqual(['o-p3']);
  });
});

describe('LiveCatalog over a file', () => {
  it('picks up an edit of the file through the watcher', async () => {
    const dir = tempDir('dsp-list');
    const file = join(dir, 'list.md');
    writeFileSync(file, listText(3));
    const { open } = setup(file);
    const live = await open();
    const changed = new Promise<CatalogChange>((resolve) => live.onChange(resolve));
    live.start();

    writeFileSync(file, listText(5));
    const change = await changed;
    expect(change).toMatchObject({ reason: 'file changed', added: ['o-p3', 'o-p4'], removed: [] });
    expect(entryCount(live)).toBe(5);
  });

  it('picks up a file replaced by rename, as editors save', async () => {
    const dir = tempDir('dsp-list');
    const file = join(dir, 'list.md');
    writeFileSync(file, listText(3));
    const { open } = setup(file);
    const live = await open();
    const changed = new Promise<CatalogChange>((resolve) => live.onChange(resolve));
    live.start();

    writeFileSync(join(dir, 'list.md.swp'), listText(4));
    renameSync(join(dir, 'list.md.swp'), file);
    expect((await changed).added).toEqual(['o-p3']);
  });

  it('reports a re-read of an unchanged file as unchanged', async () => {
    const dir = tempDir('dsp-list');
    const file = join(dir, 'list.md');
    writeFileSync(file, listText(3));
    const live = await setup(file).open();
    expect(await live.reload({ reason: 'test' })).toMatchObject({ outcome: 'unchanged' });
  });
});
