/**
 * Interaction throughput through the Discord stand-in: slash commands dispatched over the
 * gateway, answered by a discord.js client over REST, timed from dispatch to the first callback.
 *
 * `measureInteractions(standin, n, inFlight)` works with any bot logged in to the stand-in.
 * `standinThroughput()` is a bench section (bare discord.js bot in the same thread and in a worker
 * thread, 1 and 50 in flight);
 * run it alone with `npx tsx bench/standin-throughput.ts [n]`.
 */
import { pathToFileURL } from 'node:url';
import { startBareBot, startBareBotInWorker } from '../tools/discord-standin/bare-bot.js';
import { startStandin, type SlashSpec, type Standin } from '../tools/discord-standin/index.js';

export interface ThroughputResult {
  perSecond: number;
  medianMs: number;
  p95Ms: number;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Fires n slash commands keeping at most `inFlight` unanswered; latency is dispatch → first callback. */
export async function measureInteractions(
  standin: Standin,
  n: number,
  inFlight: number,
  command: SlashSpec | ((i: number) => SlashSpec) = {
    name: 'dsp',
    subcommand: 'search',
    options: { query: 'raft' },
  },
): Promise<ThroughputResult> {
  const commandFor = typeof command === 'function' ? command : () => command;
  const latencies: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < n) {
      const result = standin.slash(commandFor(started++));
      await result.waitForCallback({ timeoutMs: 10_000 });
      latencies.push(result.latencyMs ?? Number.NaN);
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, n) }, worker));
  const elapsedMs = performance.now() - begin;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (n / elapsedMs) * 1000,
    medianMs: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
  };
}

async function printRuns(standin: Standin, n: number, label: string): Promise<void> {
  await measureInteractions(standin, 200, 10); // warm-up: JIT, keep-alive sockets
  for (const inFlight of [1, 50]) {
    const r = await measureInteractions(standin, n, inFlight);
    console.log(
      [
        label.padEnd(14),
        String(inFlight).padStart(9),
        String(n).padStart(12),
        r.perSecond.toFixed(0).padStart(10),
        r.medianMs.toFixed(2).padStart(9),
        r.p95Ms.toFixed(2).padStart(6),
      ].join(' | '),
    );
  }
}

/** Bare bot in the same thread as the stand-in, then in a worker thread (one core each). */
export async function standinThroughput(n = 2000): Promise<void> {
  const token = 'bench-token';
  console.log('bot            | in flight | interactions | per second | median ms | p95 ms');
  for (const where of ['same thread', 'worker thread'] as const) {
    const standin = await startStandin({ token, maxRecordedRequests: 10_000 });
    const bot =
      where === 'same thread'
        ? await startBareBot(standin.apiUrl, token)
        : await startBareBotInWorker(standin.apiUrl, token);
    try {
      await printRuns(standin, n, where);
    } finally {
      await bot.stop();
      await standin.stop();
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await standinThroughput(Number(process.argv[2] ?? 2000));
}
