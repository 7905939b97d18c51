/** Starts the real bot (startApp, the real discord.js client) against the local Discord stand-in. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type App, type AppOverrides } from '../../src/app.js';
import { loadConfig, secretsOf } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import { startStandin, type Standin, type StandinOptions } from '../../tools/discord-standin/index.js';

export const TOKEN = 'e2e.token.secret-value';

export interface Harness {
  standin: Standin;
  app: App;
  stateDir: string;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  standin?: Partial<StandinOptions>;
  overrides?: AppOverrides;
  logLevel?: string;
  /** Make the stand-in's default user an owner of the bot (OWNER_IDS). */
  ownerIsDefaultUser?: boolean;
  /** Return before the first list is served (default: wait for it, as every test but start-up ones wants). */
  listMayLoadLater?: boolean;
}

export async function waitFor<T>(
  read: () => T | undefined | false,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first message the bot tried to send to a channel, as the stand-in recorded the request. */
export function firstSendAttempt(standin: Standin, channelId: string, timeoutMs: number) {
  const path = `/channels/${channelId}/messages`;
  return waitFor(
    () => standin.requests.find((request) => request.method === 'POST' && request.path === path),
    timeoutMs,
    'a send attempt',
  );
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 500, ...options.standin });
  const stateDir = mkdtempSync(join(tmpdir(), 'dsp-e2e-'));
  const rawLogs: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = chunk.toString();
      rawLogs.push(line);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not JSON: kept in rawLogs only
      }
      done();
    },
  });
  const loaded = loadConfig(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: standin.apiUrl,
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      LOG_LEVEL: options.logLevel ?? 'debug',
      // No project metadata unless a test asks (and points GITHUB_API_URL at a stand-in).
      ENRICH: 'off',
      ...(options.ownerIsDefaultUser ? { OWNER_IDS: standin.defaultUserId } : {}),
      ...options.env,
    },
    { requireToken: true },
  );
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const logger = createLogger({
    level: loaded.config.LOG_LEVEL,
    secrets: secretsOf(loaded.config),
    destination: { write: (line: string) => destination.write(line) },
  });

  const boot = async () => {
    const app = await startApp(loaded.config, logger, options.overrides);
    if (!options.listMayLoadLater) await app.catalog.whenLoaded();
    await waitFor(() => standin.connections.length > 0, 10_000, 'gateway connection');
    await waitFor(
      () => logs.some((line) => line.msg === 'slash commands checked' && !seen.has(line)),
      10_000,
      'command registration',
    );
    for (const line of logs) seen.add(line);
    return app;
  };
  const seen = new Set<Record<string, unknown>>();
  const harness: Harness = {
    standin,
    app: await boot(),
    stateDir,
    logs,
    rawLogs,
    async restart() {
      await harness.app.stop();
      harness.app = await boot();
    },
    async stop() {
      await harness.app.stop();
      await standin.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  return harness;
}
