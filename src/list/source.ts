import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DEFAULT_LIST_MAX_BYTES } from './limits.js';
import { redactSource, withoutSourceSecrets } from './redact-source.js';
import { overLimit } from './size-limit.js';

export interface ReadListOptions {
  /** Milliseconds before a URL fetch is abandoned (default 10 s). */
  timeoutMs?: number;
  /** Largest list accepted, in bytes (default 5 MB). */
  maxBytes?: number;
  /** Sent as `If-None-Match` when fetching a URL. */
  etag?: string;
  /** Sent as `If-Modified-Since` when fetching a URL. */
  lastModified?: string;
  signal?: AbortSignal;
}

export type ListSource =
  { status: 'ok'; text: string; etag?: string; lastModified?: string } | { status: 'not-modified' };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = DEFAULT_LIST_MAX_BYTES;

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

/** `ftp:` for `ftp://…`; undefined for a path (a Windows drive letter has no `//`). */
function urlScheme(source: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*:)\/\//i.exec(source.trim())?.[1]?.toLowerCase();
}

/** Read in pieces of this size, so the size limit is checked as bytes arrive. */
const READ_CHUNK_BYTES = 64 * 1024;

/** Words for the errors a user can fix; other codes are shown as they are. */
const FILE_ERROR_WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links in the path',
  ENXIO: 'it is a socket or a device with nothing behind it, not a regular file',
};

/**
 * Reads a list from a file path or an http(s) URL. Failures are Errors whose message names the source,
 * e.g. `cannot read list "x.md": no such file or directory`, ready for a CLI to print.
 */
export async function readListSource(source: string, opts: ReadListOptions = {}): Promise<ListSource> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    if (isUrl(source)) return await fetchList(source.trim(), opts, maxBytes);
    const scheme = urlScheme(source);
    if (scheme !== undefined)
      throw new Error(`${scheme} is not supported; use a file path or an http(s) URL`);
    return await readListFile(source, maxBytes);
  } catch (error) {
    const reason = withoutSourceSecrets(reasonOf(error), source);
    throw new Error(`cannot read list "${redactSource(source)}": ${reason}`, { cause: error });
  }
}

/**
 * Opens without blocking (a FIFO would otherwise wait for a writer), refuses anything but a regular
 * file, and counts bytes while reading: sizes that files report (0 for /proc, devices) are not trusted.
 */
async function readListFile(path: string, maxBytes: number): Promise<ListSource> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`it is ${fileKind(info)}, not a regular file`);
    if (info.size > maxBytes) throw new Error(overLimit('file', info.size, maxBytes));
    return { status: 'ok', text: (await readCapped(handle, maxBytes)).toString('utf8') };
  } finally {
    await handle.close();
  }
}

function fileKind(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

async function readCapped(handle: FileHandle, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { bytesRead, buffer } = await handle.read({ buffer: Buffer.alloc(READ_CHUNK_BYTES) });
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > maxBytes) throw new Error(overLimit('file', undefined, maxBytes));
    chunks.push(buffer.subarray(0, bytesRead));
  }
}

async function fetchList(url: string, opts: ReadListOptions, maxBytes: number): Promise<ListSource> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const headers: Record<string, string> = { accept: 'text/markdown, text/plain;q=0.9, */*;q=0.5' };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const { href, authorization } = splitUserInfo(url);
  if (authorization) headers['authorization'] = authorization;
  const response = await fetch(href, { headers, signal, redirect: 'follow' });
  if (response.status === 304) return { status: 'not-modified' };
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new Error(overLimit('response', declared, maxBytes));
  const text = await readCappedBody(response, maxBytes);
  const result: ListSource = { status: 'ok', text };
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) result.etag = etag;
  if (lastModified) result.lastModified = lastModified;
  return result;
}

/** fetch refuses a URL with user info: send it as Basic authentication instead, as curl does. */
function splitUserInfo(url: string): { href: string; authorization?: string } {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { href: url };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { href: parsed.href, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** Reads the body but stops as soon as it passes the cap, so a huge or endless response cannot fill memory. */
async function readCappedBody(response: Response, maxBytes: number): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(overLimit('response', undefined, maxBytes));
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    if (error.name === 'AbortError') return 'aborted';
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return FILE_ERROR_WORDS[code] ?? code;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
