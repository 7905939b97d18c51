/** Timing, heap and formatting helpers shared by benchmark sections. */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full garbage collection: `global.gc` when node runs with --expose-gc, else enabled at runtime. */
export const collectGarbage: () => void = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc as () => void;
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export function timeOnce<T>(work: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

/** Median time of `runs` repetitions (after one warm-up run). */
export function medianTime(runs: number, work: () => unknown): number {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(timeOnce(work).ms);
  return percentile(samples, 0.5);
}

/**
 * Latency of `work` for each input: the median of `repeats` calls, after an unmeasured warm-up
 * on the first `warmUp` inputs. The median per input keeps a busy machine's scheduling hiccups
 * out of the p99 while a slow query stays slow in every repetition.
 */
export function latencies<T>(
  inputs: readonly T[],
  work: (input: T) => unknown,
  repeats = 3,
  warmUp = inputs.length,
): number[] {
  for (const input of inputs.slice(0, warmUp)) work(input);
  return inputs.map((input) => {
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) samples.push(timeOnce(() => work(input)).ms);
    return percentile(samples, 0.5);
  });
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Heap retained by what `build` returns (measured after full collections before and after). */
export function retainedHeap<T>(build: () => T): { bytes: number; value: T } {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const value = build();
  collectGarbage();
  const bytes = process.memoryUsage().heapUsed - before;
  return { bytes, value };
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(2)} ms`;
  return `${Math.round(value)} ms`;
}

export function megabytes(bytes: number): string {
  // A collection can free a little more after the build than before it: tiny indexes read as ~0.
  return `${Math.max(0, bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`;
}

export function times(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(1)}×`;
}

/** Prints rows as an aligned plain-text table. */
export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}
