/**
 * Parsing in a worker thread (src/catalog/builder.ts): the same document as parsing in place, and
 * a worker that fails in any way fails only its own parse.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ListBuildError, workerListParser, type BuildFailure } from '../../src/catalog/builder.js';
import { parseList, type ParseProgress } from '../../src/list/parse.js';
import { listText } from './helpers.js';

const upstream = readFileSync('test/fixtures/upstream-distributed-system-projects.md', 'utf8');
const faultyWorker = new URL('./faulty-build-worker.ts', import.meta.url);

describe('workerListParser', () => {
  it('parses in a worker thread to exactly the document parseList gives, reporting progress', async () => {
    const progress: ParseProgress[] = [];
    const doc = await workerListParser({ partChars: 4_000 }).parse(upstream, {
      onProgress: (step) => progress.push(step),
    });
    expect(doc).toEqual(parseList(upstream));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ readChars: upstream.length, totalChars: upstream.length });
  });

  it.each<[string, BuildFailure, RegExp]>([
    ['CRASH', 'crashed', /injected crash/],
    ['EXIT', 'crashed', /exited \(code 3\)/],
    ['HANG', 'timed-out', /took longer than 2 s/],
    ['OOM', 'out-of-memory', /more than 96 MB/],
  ])(
    'a worker told to %s fails that parse (%s), and the next parse works',
    async (fault, failure, message) => {
      // Only the hang gets a short time limit: a busy machine must not fail the other parses.
      const options = { workerUrl: faultyWorker, maxHeapMb: 96 };
      const faulty = workerListParser(fault === 'HANG' ? { ...options, timeoutMs: 2_000 } : options);
      const failed = await faulty.parse(`${listText(3)}\n${fault}\n`).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failed).toBeInstanceOf(ListBuildError);
      expect(failed).toMatchObject({ failure, message: expect.stringMatching(message) });

      // Each parse has a worker of its own: the next one, with the same worker module, works.
      const next = await workerListParser(options).parse(listText(4));
      expect(next.entries.map((entry) => entry.name)).toEqual([
        'Project 0',
        'Project 1',
        'Project 2',
        'Project 3',
      ]);
    },
  );

  it('stops a parse when asked, whatever the worker is doing', async () => {
    const parser = workerListParser({ workerUrl: faultyWorker });
    const controller = new AbortController();
    const parsing = parser.parse('HANG', {
      signal: controller.signal,
      onProgress: () => undefined,
    });
    controller.abort();
    await expect(parsing).rejects.toMatchObject({ failure: 'stopped' });
  });
});
