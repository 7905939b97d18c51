/**
 * Building an index in steps. A builder is a generator that yields between small pieces of work;
 * `runSteps` runs it to the end at once (the CLI, tests), `runStepsInSlices` a few milliseconds at
 * a time, letting the event loop answer interactions in between (the bot, building the index of
 * a new list while the current one serves).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

export type Steps<T> = Generator<void, T, void>;

/** Loop items handled between two yields: each takes microseconds. */
export const ITEMS_PER_STEP = 64;

/** Calls `visit` on each item, yielding every ITEMS_PER_STEP items. */
export function* eachItem<T>(items: readonly T[], visit: (item: T, index: number) => void): Steps<void> {
  for (let index = 0; index < items.length; index++) {
    visit(items[index] as T, index);
    if (index % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
  }
}

/** Items sorted at once before merging; merges yield every MERGE_STEP items placed. */
const SORTED_RUN = 512;
const MERGE_STEP = 2048;

/**
 * A stable sort in steps (runs sorted with Array.prototype.sort, then merged bottom-up): the same
 * order as `[...items].sort(compare)`, without holding the event loop for a whole large sort.
 */
export function* sortInSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const n = items.length;
  let source: T[] = [];
  for (let start = 0; start < n; start += SORTED_RUN) {
    for (const item of items.slice(start, start + SORTED_RUN).sort(compare)) source.push(item);
    yield;
  }
  let target: T[] = new Array<T>(n);
  let placed = 0;
  for (let width = SORTED_RUN; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const middle = Math.min(left + width, n);
      const right = Math.min(left + 2 * width, n);
      let i = left;
      let j = middle;
      let k = left;
      while (i < middle && j < right) {
        // Ties take the left run first: stable, like Array.prototype.sort.
        target[k++] = compare(source[j] as T, source[i] as T) < 0 ? (source[j++] as T) : (source[i++] as T);
        if (++placed % MERGE_STEP === 0) yield;
      }
      while (i < middle) target[k++] = source[i++] as T;
      while (j < right) target[k++] = source[j++] as T;
    }
    [source, target] = [target, source];
    yield;
  }
  return source;
}

/** Runs a builder to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface SliceOptions {
  /** Work this long before letting the event loop run (default 4 ms). */
  sliceMs?: number;
  /** How to let the event loop run (default: wait for the next turn, after pending I/O). */
  pause?: () => Promise<unknown>;
  /** Stop building: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Runs a builder in slices of about `sliceMs`, letting the event loop run between them. */
export async function runStepsInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? 4;
  const pause = options.pause ?? (() => nextTurn());
  let sliceStart = performance.now();
  for (;;) {
    options.signal?.throwIfAborted();
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}
