/**
 * GitHub's rate limit as a hard rule: every response's `x-ratelimit-remaining` / `-reset` is read,
 * and no request starts while the remaining budget (less the requests already in flight) is 0
 * before the reset. Until a response tells the budget, one request at a time probes it. A secondary
 * limit pauses everything for its `retry-after`. Never a constant pace: the headers decide.
 */
import type { Clock } from './clock.js';

export interface RateBudgetOptions {
  clock: Clock;
  /** Requests in flight at once (default 4). */
  maxInFlight?: number;
  /** The window GitHub documents (an hour), for estimates only. */
  windowMs?: number;
  /** Off: `acquire` throws BudgetExhaustedError instead of waiting for the reset. */
  waitForReset?: boolean;
  /** Told each time requests start waiting for a reset or a secondary limit. */
  onWait?: (wait: { untilMs: number; reason: 'reset' | 'secondary' }) => void;
}

export class BudgetExhaustedError extends Error {
  constructor(readonly resetAt: number) {
    super(`GitHub rate limit exhausted until ${new Date(resetAt).toISOString()}`);
    this.name = 'BudgetExhaustedError';
  }
}

export interface BudgetState {
  limit?: number;
  remaining?: number;
  /** Epoch ms. */
  resetAt?: number;
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const text = headers.get(name);
  if (text === null || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text);
}

export class RateBudget {
  readonly #clock: Clock;
  readonly #maxInFlight: number;
  readonly #windowMs: number;
  readonly #waitForReset: boolean;
  readonly #onWait: RateBudgetOptions['onWait'];
  #limit: number | undefined;
  #remaining: number | undefined;
  #resetAt: number | undefined;
  #inFlight = 0;
  #pausedUntil = 0;
  #waiters: (() => void)[] = [];
  readonly #waitTargets = new Set<number>();
  /** Distinct waits for a reset or a secondary limit. */
  waits = 0;

  constructor(options: RateBudgetOptions) {
    this.#clock = options.clock;
    this.#maxInFlight = options.maxInFlight ?? 4;
    this.#windowMs = options.windowMs ?? 3_600_000;
    this.#waitForReset = options.waitForReset ?? true;
    this.#onWait = options.onWait;
  }

  get state(): BudgetState {
    return {
      ...(this.#limit !== undefined ? { limit: this.#limit } : {}),
      ...(this.#remaining !== undefined ? { remaining: this.#remaining } : {}),
      ...(this.#resetAt !== undefined ? { resetAt: this.#resetAt } : {}),
    };
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Waits until a request may start, and counts it in flight. Pair with `settle`. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#clock.now();
      if (this.#pausedUntil > now) {
        await this.#sleepUntil(this.#pausedUntil, 'secondary', signal);
        continue;
      }
      if (this.#remaining !== undefined && this.#remaining - this.#inFlight <= 0) {
        if (this.#resetAt !== undefined && now < this.#resetAt) {
          if (this.#inFlight > 0) {
            // Answers in flight may still move the reset; wait for them first.
            await this.#nextSettle(signal);
            continue;
          }
          if (!this.#waitForReset) throw new BudgetExhaustedError(this.#resetAt);
          // One second past the reset, as GitHub's reset is rounded to whole seconds.
          await this.#sleepUntil(this.#resetAt + 1000, 'reset', signal);
          continue;
        }
        // Past the reset: the budget is unknown again until an answer says it.
        this.#remaining = undefined;
      }
      const probing = this.#remaining === undefined;
      if (this.#inFlight >= (probing ? 1 : this.#maxInFlight)) {
        await this.#nextSettle(signal);
        continue;
      }
      this.#inFlight++;
      return;
    }
  }

  /** A request finished; its response headers (when there was a response) update the budget. */
  settle(headers?: Headers): void {
    this.#inFlight--;
    if (headers) this.observe(headers);
    this.#wake();
  }

  observe(headers: Headers): void {
    const remaining = headerNumber(headers, 'x-ratelimit-remaining');
    const resetSeconds = headerNumber(headers, 'x-ratelimit-reset');
    const limit = headerNumber(headers, 'x-ratelimit-limit');
    if (remaining === undefined || resetSeconds === undefined) return;
    const resetAt = resetSeconds * 1000;
    if (limit !== undefined) this.#limit = limit;
    if (this.#resetAt === undefined || resetAt > this.#resetAt || this.#remaining === undefined) {
      this.#resetAt = resetAt;
      this.#remaining = remaining;
    } else if (resetAt === this.#resetAt) {
      this.#remaining = Math.min(this.#remaining, remaining);
    }
    // An older window's answer arriving late says nothing about the current one.
  }

  /** A secondary limit: nothing starts for `ms`. */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
  }

  /** How long `pending` more requests will take at this budget; undefined before the first answer. */
  estimateMs(pending: number): number | undefined {
    if (this.#remaining === undefined || this.#resetAt === undefined || this.#limit === undefined) {
      return undefined;
    }
    if (pending <= this.#remaining) return 0;
    const windows = Math.ceil((pending - this.#remaining) / Math.max(1, this.#limit));
    return Math.max(0, this.#resetAt - this.#clock.now()) + (windows - 1) * this.#windowMs;
  }

  async #sleepUntil(untilMs: number, reason: 'reset' | 'secondary', signal?: AbortSignal): Promise<void> {
    if (!this.#waitTargets.has(untilMs)) {
      this.#waitTargets.add(untilMs);
      this.waits++;
      this.#onWait?.({ untilMs, reason });
    }
    await this.#clock.sleep(untilMs - this.#clock.now(), signal);
  }

  #nextSettle(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal?.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
