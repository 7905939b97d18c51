/** At most `max` tasks at once, started in the order they asked. */
export class Limiter {
  readonly #max: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(max: number) {
    if (max < 1) throw new Error('a limiter needs at least 1 slot');
    this.#max = max;
  }

  get active(): number {
    return this.#active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so `active` never dips and overshoots.
      if (next) next();
      else this.#active--;
    }
  }
}

/** One limiter per key (e.g. per host), dropped when idle. */
export class KeyedLimiter {
  readonly #perKey: number;
  readonly #limiters = new Map<string, { limiter: Limiter; users: number }>();

  constructor(perKey: number) {
    this.#perKey = perKey;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let slot = this.#limiters.get(key);
    if (!slot) {
      slot = { limiter: new Limiter(this.#perKey), users: 0 };
      this.#limiters.set(key, slot);
    }
    slot.users++;
    try {
      return await slot.limiter.run(task);
    } finally {
      if (--slot.users === 0) this.#limiters.delete(key);
    }
  }
}
