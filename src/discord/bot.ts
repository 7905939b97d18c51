import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandServices } from '../contracts/services.js';
import type { InteractionObserver } from './interactions.js';
import { createInteractionHandler } from './interactions.js';
import type { CommandDefinition } from './registration.js';
import { syncCommands } from './registration.js';
import type { CommandRegistry } from './routes.js';
import { clientShardOptions, staggerIdentify, type ShardPlan } from './sharding.js';

export interface BotOptions {
  token: string;
  /** REST base such as `http://127.0.0.1:8080/api`; Discord's own when absent. */
  apiUrl?: string;
  devGuildId?: string;
  ownerIds?: readonly string[];
  logger: Logger;
  services: CommandServices;
  registry: CommandRegistry;
  definitions: readonly CommandDefinition[];
  observer?: InteractionObserver;
  /** Which gateway shards this process runs (default: a single shard). */
  shards?: ShardPlan;
  /** Called once the gateway is ready and commands are registered. */
  onReady?: (client: Client<true>) => void | Promise<void>;
  onGatewayStatus?: (connected: boolean) => void;
  /** The bot was removed from a server (not an outage: discord.js reports those separately). */
  onGuildLeft?: (guildId: string) => void | Promise<void>;
  /** False while the first list loads: interactions then get a short "loading" answer. */
  listLoaded?: () => boolean;
}

export interface Bot {
  client: Client;
  /** Resolves after login; rejects on a bad token or an unreachable API. */
  start(): Promise<void>;
  /** New interactions are ignored from now on (Discord shows the user that the app did not respond). */
  stopAccepting(): void;
  /** Stops taking interactions, waits for those in flight (at most `timeoutMs`), then disconnects. */
  stop(timeoutMs?: number): Promise<void>;
  inFlight(): number;
}

export function createBot(options: BotOptions): Bot {
  const { logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...clientShardOptions(options.shards ?? { kind: 'single' }),
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  const handle = createInteractionHandler({
    registry: options.registry,
    services: options.services,
    logger,
    ownerIds: new Set(options.ownerIds ?? []),
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.listLoaded ? { listLoaded: options.listLoaded } : {}),
  });
  const pending = new Set<Promise<void>>();
  let accepting = true;

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!accepting) return;
    const work = handle(interaction).catch((error: unknown) => {
      logger.error({ err: error, interactionId: interaction.id }, 'interaction handler crashed');
    });
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });
  client.once(Events.ClientReady, (ready) => {
    void onReady(ready);
  });
  client.on(Events.ShardReady, () => options.onGatewayStatus?.(true));
  client.on(Events.ShardResume, () => options.onGatewayStatus?.(true));
  client.on(Events.ShardDisconnect, () => options.onGatewayStatus?.(false));
  client.on(Events.ShardReconnecting, () => options.onGatewayStatus?.(false));
  client.on(Events.GuildDelete, (guild) => {
    logger.info({ guildId: guild.id }, 'removed from a server');
    void Promise.resolve(options.onGuildLeft?.(guild.id)).catch((error: unknown) =>
      logger.error({ err: error, guildId: guild.id }, 'could not clean up after leaving a server'),
    );
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));

  async function onReady(ready: Client<true>) {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'gateway ready');
    try {
      const target = {
        applicationId: ready.application.id,
        ...(options.devGuildId ? { guildId: options.devGuildId } : {}),
      };
      const result = await syncCommands(ready.rest, target, options.definitions);
      logger.info({ result, scope: options.devGuildId ? 'guild' : 'global' }, 'slash commands checked');
    } catch (error) {
      logger.error({ err: error }, 'could not register slash commands; existing ones stay in place');
    }
    await options.onReady?.(ready);
  }

  return {
    client,
    async start() {
      client.rest.setToken(options.token);
      await staggerIdentify({ rest: client.rest, plan: options.shards ?? { kind: 'single' }, logger });
      await client.login(options.token);
    },
    stopAccepting() {
      accepting = false;
    },
    async stop(timeoutMs = 10_000) {
      accepting = false;
      const deadline = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([Promise.allSettled([...pending]), deadline]);
      await client.destroy();
    },
    inFlight: () => pending.size,
  };
}
