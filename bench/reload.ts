/**
 * Section "reload": answer latency while a big list is reloaded. The bot runs as in production
 * (`node scripts/start.mjs`, the compiled dist/) in its own process, logged in to the Discord
 * stand-in, serving a synthetic list over HTTP. A client sends an autocomplete every 20 ms and a
 * `/dsp search` every 100 ms for at least 10 s while the list is reloaded three times (SIGHUP).
 * Prints median, p99 and max latency (dispatch → first callback) before and during reloads, the
 * time from each reload request to the first answer from the new list, unanswered interactions,
 * and the bot's resident memory. Then a 4.4 MB list of 60,000 entries is loaded the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin, type InteractionResult, type Standin } from '../tools/discord-standin/index.js';
import { megabytes, percentile, printTable } from './lib/measure.js';
import { syntheticList } from './lib/synthetic-list.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TOKEN = 'bench.reload.token';
const AUTOCOMPLETE_EVERY_MS = 20;
const SEARCH_EVERY_MS = 100;
const RUN_MS = 10_000;
const RELOADS = 3;
/** Prefixes members type, beside the probe that tells which list answered. */
const TYPED = ['ra', 'etc', 'dra', 'seawe', 'kafka', 'quar', 'lite', 'sto', 'grpc', 'cock'];

interface Sent {
  kind: 'autocomplete' | 'search';
  at: number;
  result: InteractionResult;
  probe: boolean;
}

interface Window {
  requestedAt: number;
  servedAt?: number;
}

/** The start of a list, up to its `count`th entry. */
function firstEntries(markdown: string, count: number): string {
  const lines = markdown.split('\n');
  let seen = 0;
  const end = lines.findIndex((line) => line.startsWith('- [') && ++seen > count);
  return lines.slice(0, end === -1 ? undefined : end).join('\n');
}

/** What the bot logged about each reload it made: its steps and how long its event loop waited. */
function botTimings(bot: BotProcess): string {
  return bot.logs
    .filter((line) => String(line.msg).startsWith('list reloaded'))
    .map((line) => {
      const timings = line.timings as Record<string, number> | undefined;
      return `parse ${timings?.parseMs ?? '?'} ms + index ${timings?.indexMs ?? '?'} ms, event loop late ≤ ${timings?.loopDelayMaxMs ?? '?'} ms`;
    })
    .join('; ');
}

/** The list with a marker entry saying which version it is. */
function versioned(base: string, version: number): string {
  return `${base}\n## Markers\n\n- [Lodestar - marker of version ${version}](https://github.com/bench/lodestar)\n`;
}

const versionIn = (text: string): number | undefined => {
  const match = /marker of version (\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
};

async function serveList(initial: string) {
  const state = { text: initial };
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/markdown' }).end(state.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/list.md`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface BotProcess {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<void>;
  rss(): number;
  stop(): Promise<void>;
}

/** dsp as production runs it, in a process of its own (its memory is its own). */
function startBot(standin: Standin, listUrl: string | undefined, stateDir: string): BotProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', 'scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: standin.apiUrl,
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      // No GitHub lookups: the benchmark measures the list, and needs no network.
      ENRICH: 'off',
      ...(listUrl ? { LIST_SOURCE: listUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
    for (const waiter of waiters) waiter();
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    logs,
    waitForLog(match, what, timeoutMs = 300_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!logs.some(match)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`bot: no ${what} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    rss: () => residentBytes(child.pid),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident memory of a process (Linux /proc), in bytes. */
function residentBytes(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return kilobytes * 1024;
  } catch {
    return Number.NaN;
  }
}

const byMsg = (msg: string) => (line: Record<string, unknown>) => line.msg === msg;

async function startServing(
  standin: Standin,
  listUrl: string | undefined,
  stateDir: string,
): Promise<BotProcess> {
  const bot = startBot(standin, listUrl, stateDir);
  await bot.waitForLog(byMsg('slash commands checked'), 'command registration');
  await bot.waitForLog(byMsg('list ready'), 'first list');
  return bot;
}

function autocomplete(standin: Standin, typed: string): InteractionResult {
  return standin.autocompleteInteraction({
    name: 'dsp',
    subcommand: 'search',
    options: { query: typed },
    focused: 'query',
    value: typed,
  });
}

/** Interactions until the JIT and the sockets are warm. */
async function warmUp(standin: Standin, count = 200): Promise<void> {
  for (let i = 0; i < count; i++) {
    const result =
      i % 5 === 0
        ? standin.slash({ name: 'dsp', subcommand: 'search', options: { query: 'raft' } })
        : autocomplete(standin, TYPED[i % TYPED.length] ?? 'ra');
    await result.waitForCallback({ timeoutMs: 30_000 });
  }
}

interface RunResult {
  sent: Sent[];
  windows: Window[];
  unanswered: number;
  peakRss: number;
  steadyRss: number;
  /** How late the bench process's event loop ran: mostly the machine's share of every latency. */
  noiseMaxMs: number;
  noiseP99Ms: number;
}

/**
 * Load for at least `runMs` while reloading `versions` one after another: each reload is asked
 * for (SIGHUP) once the previous one is served plus a second; served = first answer from it.
 */
async function loadWhileReloading(
  standin: Standin,
  bot: BotProcess,
  list: { state: { text: string } },
  versions: string[],
  options: { runMs: number; firstReloadAfterMs: number; reloadTimeoutMs: number },
): Promise<RunResult> {
  const sent: Sent[] = [];
  const windows: Window[] = [];
  let latestVersion = 0;
  const seenVersion = (text: string, at: number) => {
    const version = versionIn(text);
    if (version === undefined) return;
    const window = windows[version - 1];
    if (window && window.servedAt === undefined) window.servedAt = at;
    latestVersion = Math.max(latestVersion, version);
  };
  const track = (entry: Sent) => {
    sent.push(entry);
    void entry.result.waitForCallback({ timeoutMs: 30_000 }).then(
      () => {
        const arrived = entry.at + (entry.result.latencyMs ?? 0);
        if (entry.kind === 'autocomplete') seenVersion(JSON.stringify(entry.result.choices ?? []), arrived);
        else
          void entry.result.waitForResponse({ timeoutMs: 30_000 }).then(
            (message) => seenVersion(JSON.stringify(message), arrived),
            () => undefined,
          );
      },
      () => undefined,
    );
  };
  let n = 0;
  const autocompletes = setInterval(() => {
    const probe = n++ % 2 === 0;
    const at = performance.now();
    track({
      kind: 'autocomplete',
      at,
      probe,
      result: autocomplete(standin, probe ? 'lodest' : (TYPED[n % TYPED.length] ?? 'ra')),
    });
  }, AUTOCOMPLETE_EVERY_MS);
  const searches = setInterval(() => {
    const at = performance.now();
    const result = standin.slash({ name: 'dsp', subcommand: 'search', options: { query: 'lodestar' } });
    track({ kind: 'search', at, probe: true, result });
  }, SEARCH_EVERY_MS);
  // The bench process (stand-in and client) does light work: how late its event loop runs is mostly the machine's noise.
  const noise = monitorEventLoopDelay({ resolution: 10 });
  noise.enable();
  let peakRss = 0;
  const rssSamples: number[] = [];
  const sampler = setInterval(() => {
    const rss = bot.rss();
    rssSamples.push(rss);
    peakRss = Math.max(peakRss, rss);
  }, 100);

  const started = performance.now();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(options.firstReloadAfterMs);
  const steadyRss = percentile(rssSamples, 0.5);
  for (let i = 0; i < versions.length; i++) {
    list.state.text = versions[i] as string;
    const window: Window = { requestedAt: performance.now() };
    windows.push(window);
    bot.child.kill('SIGHUP');
    const deadline = performance.now() + options.reloadTimeoutMs;
    while (window.servedAt === undefined && performance.now() < deadline) await sleep(10);
    if (window.servedAt === undefined) {
      console.log(`reload ${i + 1}: the new list was not served within ${options.reloadTimeoutMs / 1000} s`);
      break;
    }
    await sleep(1_000);
  }
  const remaining = options.runMs - (performance.now() - started);
  if (remaining > 0) await sleep(remaining);
  clearInterval(autocompletes);
  clearInterval(searches);
  clearInterval(sampler);
  noise.disable();
  let unanswered = 0;
  await Promise.all(
    sent.map((entry) =>
      entry.result.waitForCallback({ timeoutMs: 30_000 }).catch(() => {
        unanswered++;
      }),
    ),
  );
  return {
    sent,
    windows,
    unanswered,
    peakRss,
    steadyRss,
    noiseMaxMs: noise.max / 1e6,
    noiseP99Ms: noise.percentile(99) / 1e6,
  };
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : 'n/a');

function latencyRows(label: string, run: RunResult): string[][] {
  const during = (entry: Sent) =>
    run.windows.some(
      (window) => entry.at >= window.requestedAt && entry.at <= (window.servedAt ?? Number.POSITIVE_INFINITY),
    );
  const firstRequest = run.windows[0]?.requestedAt ?? Number.POSITIVE_INFINITY;
  const rows: string[][] = [];
  for (const kind of ['autocomplete', 'search'] as const) {
    for (const [phase, test] of [
      ['before', (entry: Sent) => entry.at < firstRequest],
      ['during', during],
      ['between and after', (entry: Sent) => entry.at >= firstRequest && !during(entry)],
    ] as const) {
      const latencies = run.sent
        .filter((entry) => entry.kind === kind && test(entry))
        .map((entry) => entry.result.latencyMs)
        .filter((ms): ms is number => ms !== null);
      rows.push([
        label,
        phase,
        kind,
        String(latencies.length),
        fmt(percentile(latencies, 0.5)),
        fmt(percentile(latencies, 0.99)),
        fmt(Math.max(...latencies)),
      ]);
    }
  }
  return rows;
}

/** Percentile `p` of the latencies of `kind` dispatched while a reload was under way. */
function duringReloads(run: RunResult, kind: Sent['kind'], p: number): number {
  const latencies = run.sent
    .filter(
      (entry) =>
        entry.kind === kind &&
        run.windows.some(
          (window) =>
            entry.at >= window.requestedAt && entry.at <= (window.servedAt ?? Number.POSITIVE_INFINITY),
        ),
    )
    .map((entry) => entry.result.latencyMs ?? Number.NaN);
  return percentile(latencies, p);
}

async function withBot<T>(
  listUrl: string | undefined,
  work: (standin: Standin, bot: BotProcess) => Promise<T>,
): Promise<T> {
  const standin = await startStandin({ token: TOKEN, maxRecordedRequests: 1000 });
  const stateDir = mkdtempSync(join(tmpdir(), 'dsp-bench-reload-'));
  const bot = await startServing(standin, listUrl, stateDir);
  try {
    return await work(standin, bot);
  } finally {
    await bot.stop();
    await standin.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export async function reload(): Promise<void> {
  const [load1, load5] = loadavg();
  console.log(
    `${cpus().length} CPUs, load average ${load1?.toFixed(1)} (1 min) ${load5?.toFixed(1)} (5 min): ` +
      'other work on the machine inflates every figure below',
  );
  console.log(
    `the bot: node scripts/start.mjs (dist/), its own process; autocomplete every ${AUTOCOMPLETE_EVERY_MS} ms, ` +
      `/dsp search every ${SEARCH_EVERY_MS} ms, ${RELOADS} reloads (SIGHUP), latency = dispatch → first callback`,
  );

  const shippedRss = await withBot(undefined, async (standin, bot) => {
    await warmUp(standin);
    return bot.rss();
  });

  const rows: string[][] = [];
  const summaries: string[] = [];
  let rss10k = { steady: Number.NaN, peak: Number.NaN };
  for (const size of [3_000, 10_000]) {
    const base = syntheticList(size).markdown;
    const list = await serveList(versioned(base, 0));
    try {
      const run = await withBot(list.url, async (standin, bot) => {
        await warmUp(standin);
        const versions = Array.from({ length: RELOADS }, (_, i) => versioned(base, i + 1));
        const result = await loadWhileReloading(standin, bot, list, versions, {
          runMs: RUN_MS,
          firstReloadAfterMs: 3_000,
          reloadTimeoutMs: 120_000,
        });
        return { ...result, timings: botTimings(bot) };
      });
      const label = `${size.toLocaleString('en')} entries`;
      rows.push(...latencyRows(label, run));
      const served = run.windows.map((window) =>
        window.servedAt === undefined
          ? 'never'
          : `${((window.servedAt - window.requestedAt) / 1000).toFixed(2)} s`,
      );
      const maxTarget = size <= 3_000 ? 150 : 250;
      const p99 = duringReloads(run, 'autocomplete', 0.99);
      const max = duringReloads(run, 'autocomplete', 1);
      summaries.push(
        `${label}: reload request → new list served: ${served.join(', ')}; ${run.sent.length} interactions, ` +
          `${run.unanswered} unanswered; autocomplete during reloads p99 ${fmt(p99)} ms (target ≤ 50${size <= 3_000 ? '' : ', informative'}), ` +
          `max ${fmt(max)} ms (target ≤ ${maxTarget}); RSS ${megabytes(run.steadyRss)} serving, ${megabytes(run.peakRss)} peak during reloads` +
          `\n  the bot's own account of each reload: ${run.timings}` +
          `\n  machine noise: the bench process's event loop (stand-in and client, light work) ran up to ${fmt(run.noiseMaxMs)} ms late (p99 ${fmt(run.noiseP99Ms)} ms) meanwhile`,
      );
      if (size === 10_000) rss10k = { steady: run.steadyRss, peak: run.peakRss };
    } finally {
      await list.close();
    }
  }
  printTable(
    'Answer latency (ms) before and during reloads',
    ['list', 'phase', 'kind', 'n', 'median', 'p99', 'max'],
    rows,
  );
  console.log('');
  for (const summary of summaries) console.log(summary);

  // The largest list LIST_MAX_BYTES (5 MB) allows, more or less: 60,000 short entries, 4.4 MB.
  const big = syntheticList(60_000, 20240501, { terse: true }).markdown;
  const small = firstEntries(big, 3_000); // so that the reload adds entries and removes none
  const list = await serveList(versioned(small, 0));
  try {
    const bigVersion = versioned(big, 1);
    const megabytesOfList = (Buffer.byteLength(bigVersion) / 1024 / 1024).toFixed(2);
    const outcome = await withBot(list.url, async (standin, bot) => {
      await warmUp(standin, 100);
      const run = await loadWhileReloading(standin, bot, list, [bigVersion], {
        runMs: 0,
        firstReloadAfterMs: 1_000,
        reloadTimeoutMs: 600_000,
      });
      // Served comes first; the log line follows once the new entries are recorded as seen.
      const logged = (line: Record<string, unknown>) => String(line.msg).startsWith('list reloaded');
      await bot.waitForLog(logged, 'log line of the reload', 600_000).catch(() => undefined);
      const reloaded = bot.logs.find(logged);
      const entries = (reloaded?.after as { entries?: number } | undefined)?.entries;
      return { run, entries, servingRss: bot.rss(), timings: botTimings(bot) };
    });
    const window = outcome.run.windows[0];
    const seconds =
      window?.servedAt === undefined
        ? 'never'
        : `${((window.servedAt - window.requestedAt) / 1000).toFixed(1)} s`;
    console.log(
      `\n60,000 entries, ${megabytesOfList} MB: reload request → served in ${seconds}; ` +
        `${outcome.entries ?? '?'} entries served (60,001 expected: the list and its marker); ` +
        `${outcome.run.sent.length} interactions meanwhile, ${outcome.run.unanswered} unanswered, ` +
        `autocomplete during the reload p99 ${fmt(duringReloads(outcome.run, 'autocomplete', 0.99))} ms, ` +
        `max ${fmt(duringReloads(outcome.run, 'autocomplete', 1))} ms; RSS peak ${megabytes(outcome.run.peakRss)}, ` +
        `${megabytes(outcome.servingRss)} serving it\n  the bot's own account: ${outcome.timings}` +
        `\n  machine noise: the bench process's event loop (stand-in and client, light work) ran up to ${fmt(outcome.run.noiseMaxMs)} ms late meanwhile`,
    );
  } finally {
    await list.close();
  }

  console.log(
    `\nResident memory of the bot: ${megabytes(shippedRss)} serving the shipped list (target < 150 MB), ` +
      `${megabytes(rss10k.steady)} serving 10,000 entries, ${megabytes(rss10k.peak)} at most during its reloads (two lists at once)`,
  );
}
