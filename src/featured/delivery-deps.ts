/** What a featured delivery needs (src/featured/delivery.ts), every option resolved. */
import type { BuildPost } from '../contracts/featured.js';
import type { Entry } from '../list/types.js';
import type { LogSink } from '../log/logger.js';
import type { Store } from '../store/types.js';
import type { CatalogProvider, FeaturedPoster, Sleep } from './types.js';

export interface RetryOptions {
  /** Total tries per delivery, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Backoff cap; keep it well below `staleClaimMs` (the claim is renewed before each try). */
  maxDelayMs: number;
}

/** What a delivery needs, every option resolved (FeaturedScheduler supplies the defaults). */
export interface DeliveryDeps {
  store: Store;
  catalog: CatalogProvider;
  poster: FeaturedPoster;
  buildPost: BuildPost;
  logger: LogSink;
  now: () => Date;
  rng: () => number;
  /** Identifies this process in claims. */
  claimant: string;
  /** Entries that may be featured at all (project metadata); all when absent. */
  eligible?: (entry: Entry) => boolean;
  /** How old a period may be and still be posted late. */
  catchUpMs: number;
  retry: RetryOptions;
  sleep: Sleep;
  /** Deliveries talking to Discord at once. */
  concurrency: number;
  /** An unsent claim not renewed for this long is considered abandoned by a dead process. */
  staleClaimMs: number;
}
