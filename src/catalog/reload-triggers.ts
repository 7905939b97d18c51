/**
 * When a live list reloads on its own: every refresh interval, and, for a file, soon after the
 * file changes.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import type { ReloadRequest } from './types.js';

const DEFAULT_DEBOUNCE_MS = 250;
/** setTimeout fires at once for delays above this (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ReloadTriggerOptions {
  /** File path or http(s) URL. */
  source: string;
  refreshMs: number;
  /** File edits arrive as bursts of events; wait this long for quiet. */
  watchDebounceMs?: number;
  reload: (request: ReloadRequest) => Promise<unknown>;
  log: Logger;
}

export interface ReloadTriggers {
  start(): void;
  stop(): void;
}

const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

export function reloadTriggers(options: ReloadTriggerOptions): ReloadTriggers {
  const { source, reload, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let running = false;

  function scheduleRefresh(): void {
    timer = setTimeout(
      () => {
        void reload({ reason: 'scheduled refresh' }).finally(() => {
          if (running) scheduleRefresh();
        });
      },
      Math.min(options.refreshMs, MAX_TIMER_MS),
    );
    timer.unref();
  }

  function watchFile(): void {
    const file = basename(source);
    const onEvent = (_event: string, changed: string | Buffer | null) => {
      // Watching the directory survives editors that save by writing a new file and renaming it.
      if (changed !== null && changed.toString() !== file) return;
      clearTimeout(debounce);
      debounce = setTimeout(
        () => void reload({ reason: 'file changed' }),
        options.watchDebounceMs ?? DEFAULT_DEBOUNCE_MS,
      );
    };
    try {
      watcher = watch(dirname(source), { persistent: false }, onEvent);
      watcher.on('error', (error) => {
        log.warn(
          { err: error },
          'stopped watching the list file; it is still re-read on the refresh interval',
        );
        watcher?.close();
        watcher = undefined;
      });
    } catch (error) {
      log.warn({ err: error }, 'cannot watch the list file; it is re-read on the refresh interval only');
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      scheduleRefresh();
      if (!isUrl(source)) watchFile();
    },
    stop() {
      running = false;
      clearTimeout(timer);
      clearTimeout(debounce);
      watcher?.close();
      watcher = undefined;
    },
  };
}
