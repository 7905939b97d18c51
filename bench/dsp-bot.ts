/** dsp itself (startApp, logging at info to a null sink) logged in to the stand-in, for the interaction benchmark. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/log/index.js';

export interface RunningBot {
  stop(): Promise<void>;
}

export async function startDspBot(apiUrl: string, token: string): Promise<RunningBot> {
  const stateDir = mkdtempSync(join(tmpdir(), 'dsp-bench-'));
  const loaded = loadConfig(
    {
      DISCORD_TOKEN: token,
      DISCORD_API_URL: apiUrl,
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      ENRICH: 'off',
    },
    { requireToken: true },
  );
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  // A real logger writing real lines, to a sink: logging is part of the cost being measured.
  const logger = createLogger({ level: 'info', secrets: [token], destination: { write: () => undefined } });
  const app = await startApp(loaded.config, logger);
  await app.catalog.whenLoaded();
  await new Promise<void>((resolve) => {
    if (app.bot.client.isReady()) resolve();
    else app.bot.client.once('clientReady', () => resolve());
  });
  return {
    async stop() {
      await app.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The same in a worker thread, so that the bot and the stand-in do not share an event loop. */
export async function startDspBotInWorker(apiUrl: string, token: string): Promise<RunningBot> {
  const moduleUrl = new URL('./dsp-bot-worker.ts', import.meta.url);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { apiUrl, token } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    async stop() {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await exited;
    },
  };
}
