/** The smallest useful discord.js bot: answers every slash command with a fixed reply. For benchmarks. */
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
