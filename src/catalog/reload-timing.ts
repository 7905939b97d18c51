/**
 * How long a reload took, step by step, and how long it held the event loop at most: logged with
 * its outcome, so that an operator (and the benchmark) can see that answers did not wait on it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ReloadTimings {
  readMs?: number;
  parseMs?: number;
  indexMs?: number;
  totalMs: number;
  /** Longest time the event loop was late while the reload ran (10 ms resolution). */
  loopDelayMaxMs: number;
}

export interface ReloadStopwatch {
  lap(step: 'readMs' | 'parseMs' | 'indexMs'): void;
  stop(): ReloadTimings;
}

export function reloadStopwatch(): ReloadStopwatch {
  const started = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const laps: Partial<Record<'readMs' | 'parseMs' | 'indexMs', number>> = {};
  let last = started;
  return {
    lap(step) {
      const now = performance.now();
      laps[step] = Math.round(now - last);
      last = now;
    },
    stop() {
      delay.disable();
      const loopDelayMaxMs = delay.count > 0 ? Math.round(delay.max / 1e6) : 0;
      return { ...laps, totalMs: Math.round(performance.now() - started), loopDelayMaxMs };
    },
  };
}
