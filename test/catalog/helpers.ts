import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BuildIndex, ParseList, ReadSource } from '../../src/catalog/index.js';
import type { Category, Entry, ListDocument } from '../../src/list/types.js';
import type { ProjectIndex } from '../../src/search/index.js';
import { entry } from '../support/entry.js';

/** A stand-in for parseList: `## Category` headings and `- [Name](url)` items; `BROKEN` throws. */
export const parseStandIn: ParseList = (markdown) => {
  if (markdown.includes('BROKEN')) throw new Error('unbalanced brackets');
  const categories: Category[] = [];
  const entries: Entry[] = [];
  markdown.split('\n').forEach((line, index) => {
    const heading = /^## (.+)$/.exec(line);
    if (heading?.[1]) categories.push({ name: heading[1], depth: 2, line: index + 1, entryCount: 0 });
    const item = /^- \[(.+?)\]\((https?:\/\/\S+?)\)/.exec(line);
    if (item?.[1] && item[2]) {
      const id = item[2].replace(/^https?:\/\/[^/]+\//, '').replace(/\W+/g, '-');
      const category = categories.at(-1)?.name ?? '';
      entries.push(entry(id, { name: item[1], url: item[2], category, line: index + 1 }));
    }
  });
  return { title: 'Test list', categories, entries, diagnostics: [] };
};

/** Tests only look at catalog.doc; the index is a marker. */
export const buildIndexStandIn: BuildIndex = (doc: ListDocument) =>
  ({ size: doc.entries.length }) as unknown as ProjectIndex;

/** A minimal readListSource: files from disk, URLs by fetch with conditional headers. */
export const readSourceStandIn: ReadSource = async (source, options) => {
  if (!/^https?:/.test(source)) return { status: 'ok', text: await readFile(source, 'utf8') };
  const headers: Record<string, string> = {};
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const response = await fetch(source, { headers });
  if (response.status === 304) return { status: 'not-modified' };
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return {
    status: 'ok',
    text: await response.text(),
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
  };
};

export function listText(count: number, category = 'Databases', offset = 0): string {
  const items = Array.from(
    { length: count },
    (_, i) => `- [Project ${i + offset}](https://github.com/o/p${i + offset})`,
  );
  return `# Test list\n\n## ${category}\n\n${items.join('\n')}\n`;
}

/** Serves `body` with a strong ETag and honours If-None-Match; counts what it answered. */
export async function startListServer(initialBody: string) {
  const state = { body: initialBody, down: false, served200: 0, served304: 0 };
  const server = createServer((request, response) => {
    if (state.down) {
      response.writeHead(503).end('down');
      return;
    }
    const etag = `"${createHash('sha256').update(state.body).digest('hex').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) {
      state.served304++;
      response.writeHead(304, { etag }).end();
      return;
    }
    state.served200++;
    response.writeHead(200, { etag, 'content-type': 'text/markdown' }).end(state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/list.md`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, state, close };
}
