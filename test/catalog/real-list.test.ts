import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { createLiveCatalog, type LiveCatalog } from '../../src/catalog/index.js';
import { silentLogger } from '../../src/log/index.js';
import { startListServer } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const shipped = readFileSync(fixture('awesome-distributed-system-projects.md'), 'utf8');
const upstream = readFileSync(fixture('upstream-distributed-system-projects.md'), 'utf8');

const opened: LiveCatalog[] = [];
afterEach(async () => {
  for (const live of opened.splice(0)) await live.stop();
});

async function open(source: string) {
  const live = await createLiveCatalog({
    source,
    stateDir: tempDir('dsp-state'),
    refreshMs: 3_600_000,
    maxBytes: 5 * 1024 * 1024,
    logger: silentLogger(),
  });
  opened.push(live);
  return live;
}

describe('LiveCatalog with the real parser, index and source reader', () => {
  it('serves the shipped list from a file, searchable', async () => {
    const dir = tempDir('dsp-list');
    const file = join(dir, 'list.md');
    copyFileSync(fixture('awesome-distributed-system-projects.md'), file);
    const live = await open(file);
    const { doc, index, source } = live.current();
    expect(doc.entries).toHaveLength(35);
    expect(source).toBe(file);
    expect(index.resolve('etcd')?.name).toBe('etcd');
  });

  it('grows from the shipped list to the upstream one, then refuses going back unless forced', async () => {
    const server = await startListServer(shipped);
    try {
      const live = await open(server.url);
      expect(live.current().doc.entries).toHaveLength(35);

      server.state.body = upstream;
      const grown = await live.reload({ reason: 'test' });
      expect(grown.outcome).toBe('updated');
      expect(grown.after?.entries).toBeGreaterThan(100);
      expect(grown.added.length).toBeGreaterThan(90);
      expect(live.current().index.resolve('etcd')).toBeDefined();

      server.state.body = shipped;
      expect((await live.reload({ reason: 'test' })).outcome).toBe('refused');
      expect((await live.reload({ reason: 'test', force: true })).outcome).toBe('updated');
      expect(live.current().doc.entries).toHaveLength(35);
    } finally {
      await server.close();
    }
  });

  it('refuses a list that is too large', async () => {
    const server = await startListServer(shipped);
    try {
      const live = await open(server.url);
      server.state.body = `${shipped}\n${'- padding line\n'.repeat(400_000)}`;
      const result = await live.reload({ reason: 'test' });
      expect(result.outcome).toBe('failed');
      expect(result.message).toMatch(/more than LIST_MAX_BYTES \(5\.0 MB/);
    } finally {
      await server.close();
    }
  });
});
