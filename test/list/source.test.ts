import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { BUNDLED_LIST_PATH, parseList, readListSource } from '../../src/list/index.js';

const dir = tempDir('dsp-source');
const LIST = '# L\n\n- [x](https://x.example)\n';

const server = createServer((request, response) => {
  if (request.url === '/list.md') {
    if (request.headers['if-none-match'] === '"v1"') {
      response.writeHead(304).end();
      return;
    }
    response.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' }).end(LIST);
  } else if (request.url === '/huge') {
    response.writeHead(200);
    response.end('x'.repeat(2_000));
  } else if (request.url === '/slow') {
    setTimeout(() => response.writeHead(200).end(LIST), 2_000);
  } else {
    response.writeHead(404, 'Not Found').end();
  }
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('readListSource', () => {
  it('reads a file', async () => {
    const path = join(dir, 'list.md');
    writeFileSync(path, LIST);
    expect(await readListSource(path)).toEqual({ status: 'ok', text: LIST });
  });

  it('names the file and the reason when it cannot be read', async () => {
    await expect(readListSource(join(dir, 'missing.md'))).rejects.toThrow(
      /^cannot read list ".*missing\.md": no such file or directory$/,
    );
    await expect(readListSource(dir)).rejects.toThrow(/it is a directory/);
  });

  it('refuses a file over the size cap', async () => {
    const path = join(dir, 'big.md');
    writeFileSync(path, 'x'.repeat(1_000));
    await expect(readListSource(path, { maxBytes: 100 })).rejects.toThrow(
      /file is 1,000 bytes, more than LIST_MAX_BYTES \(100 bytes\)/,
    );
  });

  it('fetches a URL with its validators and honours 304', async () => {
    const first = await readListSource(`${base}/list.md`);
    expect(first).toEqual({
      status: 'ok',
      text: LIST,
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
    });
    expect(await readListSource(`${base}/list.md`, { etag: '"v1"' })).toEqual({ status: 'not-modified' });
  });

  it('reports HTTP errors, oversized bodies and timeouts clearly', async () => {
    await expect(readListSource(`${base}/nope`)).rejects.toThrow(
      /^cannot read list ".*\/nope": HTTP 404 Not Found$/,
    );
    await expect(readListSource(`${base}/huge`, { maxBytes: 1_000 })).rejects.toThrow(
      /more than LIST_MAX_BYTES \(1,000 bytes\)/,
    );
    await expect(readListSource(`${base}/slow`, { timeoutMs: 100 })).rejects.toThrow(/timed out$/);
  });

  it('finds the bundled list', async () => {
    const source = await readListSource(BUNDLED_LIST_PATH);
    expect(source.status === 'ok' && parseList(source.text).entries).toHaveLength(35);
  });
});
