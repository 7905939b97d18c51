/**
 * Featured fan-out: one period delivered to 1,000 servers through the stand-in, which enforces
 * Discord's global limit of 50 requests per second. The limit alone implies a 20 s floor; dsp
 * should stay within 1.2× of it, with every 429 retried (1,000 messages, none twice).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { parseMarker } from '../src/featured/marker.js';
import { createLogger } from '../src/log/index.js';
import { startStandin, type Standin, type StandinMessage } from '../tools/discord-standin/index.js';

const TOKEN = 'bench-fanout-token';
const SERVERS = 1_000;
const PER_SECOND = 50;
const TARGET_RATIO = 1.2;
const SCHEDULE = '0 9 * * 1';

export interface FanoutResult {
  servers: number;
  seconds: number;
  floorSeconds: number;
  ratio: number;
  /** 429 answers the stand-in sent to message posts. */
  rateLimited: number;
  /** Servers whose channel holds exactly one post of the period. */
  postedOnce: number;
  /** Servers with more than one post of the period. */
  doubled: number;
  sentOutcomes: number;
}

function isFeaturedPost(message: StandinMessage, period: string): boolean {
  return message.embeds.some((embed) => {
    const footer = (embed.footer as { text?: unknown } | undefined)?.text;
    return typeof footer === 'string' && parseMarker(footer) === period;
  });
}

async function startBot(standin: Standin, stateDir: string): Promise<App> {
  const loaded = loadConfig(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: standin.apiUrl,
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      ENRICH: 'off',
    },
    { requireToken: true },
  );
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const logger = createLogger({ level: 'warn', secrets: [TOKEN], destination: { write: () => undefined } });
  const app = await startApp(loaded.config, logger);
  await app.catalog.whenLoaded();
  await new Promise<void>((resolve) => {
    if (app.bot.client.isReady()) resolve();
    else app.bot.client.once('clientReady', () => resolve());
  });
  return app;
}

async function saveSettings(app: App, standin: Standin, updatedAt: Date): Promise<void> {
  for (const guild of standin.guilds) {
    await app.store.saveFeatured({
      guildId: guild.id,
      channelId: guild.channelIds[0] ?? '',
      schedule: SCHEDULE,
      timezone: 'UTC',
      enabled: true,
      updatedAt,
    });
  }
}

export async function measureFanout(servers = SERVERS): Promise<FanoutResult> {
  const standin = await startStandin({
    token: TOKEN,
    guilds: Array.from({ length: servers }, (_, i) => ({ name: `server-${i}` })),
    globalRateLimit: { perSecond: PER_SECOND },
  });
  const stateDir = mkdtempSync(join(tmpdir(), 'dsp-fanout-'));
  const app = await startBot(standin, stateDir);
  try {
    const fire = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await saveSettings(app, standin, new Date(fire.getTime() - 60_000));
    // Let the start-up requests' rate-limit window pass, so the run starts with a full second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    standin.clearRequests();
    const started = performance.now();
    const outcomes = await app.scheduler.runPeriod(SCHEDULE, 'UTC', fire);
    const seconds = (performance.now() - started) / 1000;

    const period = fire.toISOString();
    const perServer = standin.guilds.map(
      (guild) =>
        standin.channelMessages(guild.channelIds[0] ?? '').filter((m) => isFeaturedPost(m, period)).length,
    );
    const floorSeconds = servers / PER_SECOND;
    return {
      servers,
      seconds,
      floorSeconds,
      ratio: seconds / floorSeconds,
      rateLimited: standin.requests.filter(
        (request) => request.status === 429 && /^\/channels\/\d+\/messages$/.test(request.path),
      ).length,
      postedOnce: perServer.filter((count) => count === 1).length,
      doubled: perServer.filter((count) => count > 1).length,
      sentOutcomes: [...outcomes.values()].filter((outcome) => outcome.status === 'sent').length,
    };
  } finally {
    await app.stop();
    await standin.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export async function fanout(): Promise<void> {
  const result = await measureFanout();
  console.log(`servers               ${result.servers}`);
  console.log(`global limit          ${PER_SECOND} requests/s (floor ${result.floorSeconds.toFixed(1)} s)`);
  console.log(`one period delivered  ${result.seconds.toFixed(1)} s`);
  console.log(
    `ratio to the floor    ${result.ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${result.ratio <= TARGET_RATIO ? 'met' : 'MISSED'})`,
  );
  console.log(
    `429s from the stand-in ${result.rateLimited}, all retried: ${result.postedOnce === result.servers ? 'yes' : 'NO'}`,
  );
  console.log(
    `posted once           ${result.postedOnce}/${result.servers}; doubled ${result.doubled}; 'sent' outcomes ${result.sentOutcomes}`,
  );
}
