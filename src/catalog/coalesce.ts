/**
 * Reloads one at a time, coalesced: a reload asked for while one runs waits for one more run
 * afterwards, shared by every request made meanwhile. Three requests during a build make one
 * further build, not three, and each of them gets its result.
 */

export interface Coalescer<Request, Result> {
  /** Runs now, or joins the one run waiting behind the current one. */
  request(request: Request): Promise<Result>;
  /** Runs `job` as the current run, when none is running (the first load of a list). */
  occupy<T>(job: () => Promise<T>): Promise<T>;
  /** Resolves once nothing runs and nothing waits. */
  idle(): Promise<void>;
}

interface Waiting<Request, Result> {
  requests: Request[];
  promise: Promise<Result>;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export function coalescing<Request, Result>(
  run: (requests: readonly Request[]) => Promise<Result>,
): Coalescer<Request, Result> {
  let running = false;
  let current: Promise<unknown> = Promise.resolve();
  let waiting: Waiting<Request, Result> | undefined;

  function begin<T>(job: () => Promise<T>): Promise<T> {
    running = true;
    const promise = (async () => {
      try {
        return await job();
      } finally {
        running = false;
        startWaiting();
      }
    })();
    current = promise.catch(() => undefined);
    return promise;
  }

  function startWaiting(): void {
    if (waiting === undefined) return;
    const { requests, resolve, reject } = waiting;
    waiting = undefined;
    begin(() => run(requests)).then(resolve, reject);
  }

  return {
    request(request) {
      if (!running) return begin(() => run([request]));
      if (waiting === undefined) {
        let resolve!: (result: Result) => void;
        let reject!: (error: unknown) => void;
        const promise = new Promise<Result>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        waiting = { requests: [], promise, resolve, reject };
      }
      waiting.requests.push(request);
      return waiting.promise;
    },
    occupy(job) {
      if (running) throw new Error('occupy() while a run is going on');
      return begin(job);
    },
    async idle() {
      while (running || waiting !== undefined) await current;
    },
  };
}
