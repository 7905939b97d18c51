/**
 * Slash commands through the local Discord stand-in: dsp against a bare discord.js client that
 * answers with a fixed reply, measured in the same run, so dsp's overhead shows as a ratio.
 */
import { startBareBot, startBareBotInWorker } from '../tools/discord-standin/bare-bot.js';
import { startStandin, type Standin } from '../tools/discord-standin/index.js';
import { startDspBot, startDspBotInWorker, type RunningBot } from './dsp-bot.js';
import { measureInteractions, type ThroughputResult } from './standin-throughput.js';

const TOKEN = 'bench-token';
/** What members type: exact names, prefixes, typos, tags and descriptive words. */
const QUERIES = ['raft', 'etcd', 'distributed database', 'dkorn', 'queue', 'seawe', 'grpc', 'job scheduling'];
const SEARCH = { name: 'dsp', subcommand: 'search', options: { query: 'raft' } };
const searchNumber = (i: number) => ({
  ...SEARCH,
  options: { query: QUERIES[i % QUERIES.length] ?? 'raft' },
});

interface Row {
  bot: string;
  inFlight: number;
  result: ThroughputResult;
}

async function measure(
  label: string,
  start: (apiUrl: string, token: string) => Promise<RunningBot>,
  n: number,
): Promise<Row[]> {
  const standin: Standin = await startStandin({ token: TOKEN, maxRecordedRequests: 1000 });
  const bot = await start(standin.apiUrl, TOKEN);
  try {
    await measureInteractions(standin, 300, 10, searchNumber); // warm-up: JIT, keep-alive sockets
    const rows: Row[] = [];
    for (const inFlight of [1, 50]) {
      rows.push({
        bot: label,
        inFlight,
        result: await measureInteractions(standin, n, inFlight, searchNumber),
      });
    }
    return rows;
  } finally {
    await bot.stop();
    await standin.stop();
  }
}

async function autocompleteLatency(n: number): Promise<{ medianMs: number; p95Ms: number }> {
  const standin = await startStandin({ token: TOKEN, maxRecordedRequests: 1000 });
  const bot = await startDspBot(standin.apiUrl, TOKEN);
  const latencies: number[] = [];
  try {
    const typed = 'sandglass';
    for (let i = 0; i < n; i++) {
      const value = typed.slice(0, 1 + (i % typed.length));
      const result = standin.autocompleteInteraction({
        ...SEARCH,
        options: { query: value },
        focused: 'query',
        value,
      });
      await result.waitForChoices();
      latencies.push(result.latencyMs ?? Number.NaN);
    }
  } finally {
    await bot.stop();
    await standin.stop();
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

function print(rows: Row[]) {
  console.log('bot                      | in flight | per second | median ms | p95 ms');
  for (const { bot, inFlight, result } of rows) {
    console.log(
      [
        bot.padEnd(24),
        String(inFlight).padStart(9),
        result.perSecond.toFixed(0).padStart(10),
        result.medianMs.toFixed(2).padStart(9),
        result.p95Ms.toFixed(2).padStart(6),
      ].join(' | '),
    );
  }
}

function ratios(rows: Row[], ours: string, bare: string) {
  for (const inFlight of [1, 50]) {
    const a = rows.find((row) => row.bot === ours && row.inFlight === inFlight)?.result;
    const b = rows.find((row) => row.bot === bare && row.inFlight === inFlight)?.result;
    if (!a || !b) continue;
    console.log(
      `${ours} vs ${bare}, ${inFlight} in flight: throughput ${((a.perSecond / b.perSecond) * 100).toFixed(0)}% of bare, median ${(a.medianMs / b.medianMs).toFixed(2)}×`,
    );
  }
}

export async function interactions(n = 2000): Promise<void> {
  console.log(
    `${n} × /dsp search per row, queries ${QUERIES.join(', ')} in turn; latency = dispatch → first callback`,
  );
  const rows = [
    ...(await measure('bare (same thread)', startBareBot, n)),
    ...(await measure('dsp (same thread)', startDspBot, n)),
    ...(await measure('bare (worker)', startBareBotInWorker, n)),
    ...(await measure('dsp (worker)', startDspBotInWorker, n)),
  ];
  print(rows);
  ratios(rows, 'dsp (same thread)', 'bare (same thread)');
  ratios(rows, 'dsp (worker)', 'bare (worker)');
  const auto = await autocompleteLatency(500);
  console.log(
    `autocomplete through the stand-in (500 keystrokes, dsp same thread): median ${auto.medianMs.toFixed(2)} ms, p95 ${auto.p95Ms.toFixed(2)} ms`,
  );
}
