/**
 * Each bot process records itself in the shared store and heartbeats, so that `/dsp about` can
 * say how many processes are live. Stores without a registry (optional methods) make this a no-op.
 */
import type { LogSink } from '../log/logger.js';
import type { ProcessRegistration, Store } from '../store/types.js';

export interface ProcessRegistryOptions {
  store: Store;
  logger: Pick<LogSink, 'info' | 'warn'>;
  /** Default 30 s. */
  heartbeatMs?: number;
  /** A process is live when its last heartbeat is at most this old (default three heartbeats). */
  liveWithinMs?: number;
}

export interface ProcessRegistry {
  /** Registers (again, after a reconnect) and starts heartbeating. */
  register(registration: ProcessRegistration): Promise<void>;
  /** Undefined when the store keeps no registry or cannot be read. */
  liveProcesses(): Promise<number | undefined>;
  stop(): void;
}

export function createProcessRegistry(options: ProcessRegistryOptions): ProcessRegistry {
  const { store, logger } = options;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const liveWithinMs = options.liveWithinMs ?? 3 * heartbeatMs;
  let timer: NodeJS.Timeout | undefined;
  let current: ProcessRegistration | undefined;

  async function heartbeat(): Promise<void> {
    if (!current || !store.heartbeatProcess || !store.registerProcess) return;
    try {
      // A registry wiped or expired under us: register again rather than vanish from the count.
      if (!(await store.heartbeatProcess(current.id))) await store.registerProcess(current);
    } catch (error) {
      logger.warn({ err: error, id: current.id }, 'process heartbeat failed; will retry');
    }
  }

  return {
    async register(registration) {
      current = registration;
      if (!store.registerProcess) return;
      try {
        await store.registerProcess(registration);
        logger.info(
          { id: registration.id, shardIds: registration.shardIds, shardCount: registration.shardCount },
          'process registered',
        );
      } catch (error) {
        logger.warn({ err: error, id: registration.id }, 'could not register this process; will retry');
      }
      if (!timer) {
        timer = setInterval(() => void heartbeat(), heartbeatMs);
        timer.unref();
      }
    },
    async liveProcesses() {
      if (!store.liveProcessCount) return undefined;
      return store.liveProcessCount(liveWithinMs).catch(() => undefined);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
