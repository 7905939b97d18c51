/** The smallest useful discord.js bot: answers every slash command with a fixed reply. For benchmarks. */
import { Worker } from 'node:worker_threads';
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';

export interface BareBot {
  client: Client;
  stop(): Promise<void>;
}

/** Logs a client in through the stand-in and resolves once it is ready. */
export async function loginClient(
  apiUrl: string,
  token: string,
  options: Partial<ClientOptions> = {},
): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options,
    rest: { api: apiUrl, ...options.rest },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
  return client;
}

export async function startBareBot(apiUrl: string, token: string): Promise<BareBot> {
  const client = await loginClient(apiUrl, token);
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: 'ok' }).catch(() => undefined);
  });
  return { client, stop: () => client.destroy() };
}

/** The bare bot in a worker thread, so that it does not share an event loop with the stand-in. */
export async function startBareBotInWorker(
  apiUrl: string,
  token: string,
): Promise<{ stop(): Promise<void> }> {
  const worker = fromSourceWorker(new URL('./bare-bot-worker.ts', import.meta.url), { apiUrl, token });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await exited;
    },
  };
}

/**
 * Workers do not inherit tsx's loader (Node 20 ignores --import in worker execArgv), so when running
 * from TypeScript sources the worker first registers tsx, then imports the module.
 */
function fromSourceWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL(moduleUrl.href.replace(/\.ts$/, '.js')), { workerData });
  }
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
