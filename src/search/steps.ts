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
