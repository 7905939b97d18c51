/**
 * GitHub's rate limit as a hard rule: every response's `x-ratelimit-remaining` / `-reset` is read,
 * and no request starts while the remaining budget (less the requests already in flight) is 0
 * before the reset. Until a response tells the budget, one request at a time probes it. A secondary
 * limit pauses everything for its `retry-after`. Never a constant pace: the headers decide.
 * With `persist`, the budget a previous process learned is loaded before the first request, and it
 * is saved as the remaining count less the requests in flight (a process that dies mid-request
 * leaves a count that already paid for them) with any secondary limit's wait: a restart never
 * spends a spent budget nor cuts a wait short. Near the end of the budget every request waits for
 * its save; while plenty is left, one save in SAVE_EVERY requests, and a loaded count from then is
 * taken as a low water (SAVE_EVERY + maxInFlight) lower until the first answer says the real one.
 *
 * The bound that makes this safe: the store never misses more than a low water of requests. A
 * request leaves unsaved only while (1) plenty is left, (2) the last saved count is itself above
 * the low water (a count at or below it is loaded as exact), and (3) fewer than a low water of
 * requests started since the last save that reached the store (a slow store makes requests wait
 * for it rather than run ahead of it). A count loaded with the low water taken off may already
 * miss that many, so the first request after such a load waits for a save: a process that dies
 * again before saving cannot stack its unsaved requests on top of the last one's.
 *
 * One file above 300 lines on purpose: the waiting rule and the saving rule guard one invariant.
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
  /** Where the budget outlives this process (the store's rate_limits). */
  persist?: BudgetPersistence;
}

/** A known budget: what is left of it and when it resets. */
export interface KnownBudget {
  limit?: number;
  remaining: number;
  /** Epoch ms. */
  resetAt: number;
  /** Epoch ms: a secondary limit asked for quiet until then. */
  pausedUntil?: number;
}

export interface BudgetPersistence {
  load(): Promise<KnownBudget | undefined>;
  save(budget: KnownBudget): Promise<void>;
}

/** While plenty is left, the budget is saved once in this many requests. */
const SAVE_EVERY = 4;

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
  readonly #persist: BudgetPersistence | undefined;
  #loaded: Promise<void> | undefined;
  /** The save in progress; the next one starts after it. */
  #saving: Promise<void> = Promise.resolve();
  /** A save queued behind #saving that has not read the state yet (it will read the newest). */
  #queuedSave: Promise<void> | undefined;
  /** Requests started since the last save. */
  #unsaved = 0;
  /** Requests counted as started (plus a low water the store may miss after a loaded count)… */
  #started = 0;
  /** …and how many of them the last save that reached the store covers. */
  #committed = 0;
  /** The count in the store for this window (loaded or last saved); undefined when it has none. */
  #committedRemaining: number | undefined;
  /** The budget was loaded, not answered: the first answer replaces it whatever it says. */
  #loadedOnly = false;
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
    this.#persist = options.persist;
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

  /** Reads the budget a previous process saved (once; `acquire` does it too) and returns it. */
  async load(): Promise<BudgetState> {
    await (this.#loaded ??= this.#load());
    return this.state;
  }

  /** Waits until a request may start, and counts it in flight. Pair with `settle`. */
  async acquire(signal?: AbortSignal): Promise<void> {
    await this.load();
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
      this.#started++;
      // Near the end, saved before the request leaves, so that a crash right after it still counts it.
      if (!this.#mayGoUnsaved()) await this.#save();
      else if (++this.#unsaved >= SAVE_EVERY) void this.#save();
      return;
    }
  }

  /** A request finished; its response headers (when there was a response) update the budget. */
  settle(headers?: Headers): void {
    this.#inFlight--;
    if (headers) {
      this.observe(headers);
      if (!this.#plentyLeft()) void this.#save();
    }
    this.#wake();
  }

  /** Saves the budget as it is now (see `persist`), e.g. at the end of a round. */
  async flush(): Promise<void> {
    await this.#save();
  }

  /** What may go unsaved (and be lost with the process) while this much is left. */
  #lowWater(): number {
    return SAVE_EVERY + this.#maxInFlight;
  }

  #plentyLeft(): boolean {
    return this.#remaining !== undefined && this.#remaining - this.#inFlight > this.#lowWater();
  }

  /** Whether a restart would still be safe if the request just counted were never saved. */
  #mayGoUnsaved(): boolean {
    const stored = this.#committedRemaining;
    return (
      this.#plentyLeft() &&
      (stored === undefined || stored > this.#lowWater()) &&
      this.#started - this.#committed <= this.#lowWater()
    );
  }

  async #load(): Promise<void> {
    // A budget that cannot be read is learned again from the first answer, as without `persist`.
    const stored = await this.#persist?.load().catch(() => undefined);
    if (stored?.pausedUntil !== undefined)
      this.#pausedUntil = Math.max(this.#pausedUntil, stored.pausedUntil);
    if (!stored || stored.resetAt <= this.#clock.now() || this.#remaining !== undefined) return;
    // Saved while plenty was left: up to a low water's worth of requests may have gone unsaved,
    // and the store goes on missing them until this process saves.
    const margin = stored.remaining > this.#lowWater() ? this.#lowWater() : 0;
    this.#remaining = stored.remaining - margin;
    this.#started = margin;
    this.#committedRemaining = stored.remaining;
    this.#loadedOnly = true;
    this.#resetAt = stored.resetAt;
    if (stored.limit !== undefined) this.#limit = stored.limit;
  }

  #save(): Promise<void> {
    const persist = this.#persist;
    if (!persist) return Promise.resolve();
    this.#queuedSave ??= this.#saving.then(async () => {
      this.#queuedSave = undefined;
      this.#unsaved = 0;
      const covers = this.#started;
      if (this.#remaining === undefined || this.#resetAt === undefined) return;
      const budget: KnownBudget = {
        remaining: Math.max(0, this.#remaining - this.#inFlight),
        resetAt: this.#resetAt,
        ...(this.#limit !== undefined ? { limit: this.#limit } : {}),
        ...(this.#pausedUntil > this.#clock.now() ? { pausedUntil: this.#pausedUntil } : {}),
      };
      // The in-memory budget still rules this process when the store cannot be written.
      const saved = await persist.save(budget).then(
        () => true,
        () => false,
      );
      if (!saved) return;
      this.#committed = Math.max(this.#committed, covers);
      this.#committedRemaining = budget.remaining;
    });
    this.#saving = this.#queuedSave;
    return this.#queuedSave;
  }

  observe(headers: Headers): void {
    const remaining = headerNumber(headers, 'x-ratelimit-remaining');
    const resetSeconds = headerNumber(headers, 'x-ratelimit-reset');
    const limit = headerNumber(headers, 'x-ratelimit-limit');
    if (remaining === undefined || resetSeconds === undefined) return;
    const resetAt = resetSeconds * 1000;
    if (limit !== undefined) this.#limit = limit;
    const loadedOnly = this.#loadedOnly && resetAt >= (this.#resetAt ?? 0);
    this.#loadedOnly = false;
    if (
      loadedOnly ||
      this.#resetAt === undefined ||
      resetAt > this.#resetAt ||
      this.#remaining === undefined
    ) {
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
    void this.#save();
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
