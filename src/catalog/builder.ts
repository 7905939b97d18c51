/**
 * Parsing a list off the event loop. Each parse runs in a new worker thread (build-worker.ts), so
 * that the bot keeps answering interactions, the scheduler and the HTTP endpoints meanwhile, and a
 * worker that crashes, hangs or runs out of memory is simply replaced by the next parse's: the
 * failure comes back as a ListBuildError and the caller keeps what it had.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ParseProgress } from '../list/parse.js';
import type { Entry, ListDocument } from '../list/types.js';
import type { BuildMessage, BuildRequest } from './build-protocol.js';
import type { LiveCatalogOptions, ParseList } from './types.js';

export type BuildFailure = 'crashed' | 'timed-out' | 'out-of-memory' | 'stopped';

/** Why a parse did not produce a document; `failure` classifies it for logs. */
export class ListBuildError extends Error {
  readonly failure: BuildFailure;

  constructor(failure: BuildFailure, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ListBuildError';
    this.failure = failure;
  }
}

export interface ParseJob {
  /** Called as the parser gets through the text. */
  onProgress?: (progress: ParseProgress) => void;
  /** Stops the parse (the worker is terminated); the promise rejects with a 'stopped' error. */
  signal?: AbortSignal;
}

/** Turns list text into a ListDocument without blocking the event loop. */
export interface ListParser {
  parse(text: string, job?: ParseJob): Promise<ListDocument>;
}

export interface WorkerParserOptions {
  /** A parse taking longer, once the worker has started, is stopped and fails (default 2 minutes). */
  timeoutMs?: number;
  /** Heap (V8 old generation) of the worker in MB; a parse needing more fails (default 1,024). */
  maxHeapMb?: number;
  /** Characters parsed at once (see src/list/chunks.ts); default the parser's. */
  partChars?: number;
  /** The worker's module; tests point it at one that misbehaves. Default: build-worker. */
  workerUrl?: URL;
}

export const DEFAULT_BUILD_TIMEOUT_MS = 120_000;
/** A worker that has not started parsing by then is stopped (loading the parser takes well under a second). */
const STARTUP_TIMEOUT_MS = 60_000;
export const DEFAULT_BUILD_HEAP_MB = 1024;

/**
 * The worker next to this module: `build-worker.js` in the compiled dist/, `build-worker.ts`
 * when the sources run through tsx or vitest.
 */
export function defaultWorkerUrl(): URL {
  const fromSources = import.meta.url.endsWith('.ts');
  return new URL(fromSources ? './build-worker.ts' : './build-worker.js', import.meta.url);
}

/** Parses in worker threads, one per parse. */
export function workerListParser(options: WorkerParserOptions = {}): ListParser {
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  return { parse: (text, job = {}) => parseInWorker(workerUrl, text, options, job) };
}

/** Parses on the calling thread (tests with a stand-in parser; tiny lists). */
export function inlineListParser(parse: ParseList): ListParser {
  return { parse: async (text) => parse(text) };
}

/** A heap cap for the parse worker that fits LIST_MAX_BYTES (a list parsed in one part needs ~200×). */
const heapFor = (maxBytes: number): number =>
  Math.max(DEFAULT_BUILD_HEAP_MB, Math.ceil((maxBytes / 1024 / 1024) * 256));
/** A time limit for one parse that fits LIST_MAX_BYTES: a minute per MB, on a small busy machine. */
const timeoutFor = (maxBytes: number): number =>
  Math.max(DEFAULT_BUILD_TIMEOUT_MS, Math.ceil((maxBytes / 1024 / 1024) * 60_000));

/** The live catalog's parser: the one given, else inline around `parse`, else workers sized for maxBytes. */
export function catalogListParser(
  options: Pick<LiveCatalogOptions, 'parser' | 'parse' | 'buildTimeoutMs' | 'maxBytes'>,
): ListParser {
  if (options.parser) return options.parser;
  if (options.parse) return inlineListParser(options.parse);
  return workerListParser({
    timeoutMs: options.buildTimeoutMs ?? timeoutFor(options.maxBytes),
    maxHeapMb: heapFor(options.maxBytes),
  });
}

function parseInWorker(
  workerUrl: URL,
  text: string,
  options: WorkerParserOptions,
  job: ParseJob,
): Promise<ListDocument> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS;
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_BUILD_HEAP_MB;
  return new Promise((resolve, reject) => {
    if (job.signal?.aborted) {
      reject(new ListBuildError('stopped', 'the parse was stopped before it started'));
      return;
    }
    const request: BuildRequest = {
      text,
      ...(options.partChars === undefined ? {} : { partChars: options.partChars }),
    };
    const worker = startWorker(workerUrl, {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      // The process's own flags are not all valid in a worker (`--input-type`, loaders): keep source maps only.
      execArgv: process.execArgv.filter((flag) => flag === '--enable-source-maps'),
    });
    let head: Extract<BuildMessage, { type: 'document' }> | undefined;
    const entries: Entry[] = [];
    let settled = false;

    const finish = (outcome: { error: Error } | { doc: ListDocument }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.doc);
    };
    const timeOut = (message: string) => () => finish({ error: new ListBuildError('timed-out', message) });
    let timer = setTimeout(
      timeOut(`the parser did not start within ${STARTUP_TIMEOUT_MS / 1000} s; the worker was stopped`),
      STARTUP_TIMEOUT_MS,
    );
    const onAbort = () => finish({ error: new ListBuildError('stopped', 'the parse was stopped') });
    job.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: BuildMessage) => {
      if (message.type === 'started') {
        clearTimeout(timer);
        timer = setTimeout(
          timeOut(`parsing took longer than ${formatSeconds(timeoutMs)}; the worker was stopped`),
          timeoutMs,
        );
      } else if (message.type === 'progress') {
        job.onProgress?.({ readChars: message.readChars, totalChars: message.totalChars });
      } else if (message.type === 'document') {
        head = message;
      } else if (message.type === 'entries') {
        for (const entry of message.entries) entries.push(entry);
      } else if (head === undefined || entries.length !== head.entryCount) {
        finish({ error: new ListBuildError('crashed', 'the parser sent an incomplete document') });
      } else {
        const { title, categories, diagnostics } = head;
        finish({ doc: { title, categories, entries, diagnostics } });
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish({
        error: outOfMemory
          ? new ListBuildError(
              'out-of-memory',
              `parsing needed more than ${maxHeapMb} MB of memory; the worker was stopped`,
              { cause: error },
            )
          : new ListBuildError('crashed', `the parser failed: ${error.message}`, { cause: error }),
      });
    });
    worker.on('exit', (code) => {
      finish({
        error: new ListBuildError('crashed', `the parser's worker exited (code ${code}) before it finished`),
      });
    });
  });
}

const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** A worker for a compiled `.js` module, or for a `.ts` source through tsx (development and tests). */
function startWorker(url: URL, options: WorkerOptions): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
