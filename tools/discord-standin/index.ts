/**
 * A local stand-in for the Discord API that the real discord.js 14 Client logs in to.
 *
 * It speaks REST v10 over HTTP and the gateway (JSON, no compression) over WebSocket on one
 * 127.0.0.1 port. Point the client at it with `rest: { api: standin.apiUrl }`; the gateway
 * address comes from GET /gateway/bot.
 *
 *   const standin = await startStandin({ token: 'test-token' });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl } });
 *   await client.login('test-token');
 *   const result = standin.slash({ name: 'dsp', subcommand: 'search', options: { query: 'raft' } });
 *   const message = await result.waitForResponse();   // the reply, or the deferred reply once edited
 *   await standin.stop();
 *
 * startStandin(options: StandinOptions) → Promise<Standin>
 *   options: token (required), applicationId, botUsername, guilds: GuildSpec[] (default: one guild
 *   with #general), recommendedShards, maxConcurrency, heartbeatIntervalMs (default 5000), interactionTimeoutMs
 *   (default 3000), globalRateLimit { perSecond }, routeRateLimit { limit, windowMs }, maxRecordedRequests,
 *   strictCommands (only dispatch invocations of registered commands with valid options; default false).
 *
 * Standin:
 *   apiUrl, port, gatewayUrl, applicationId, botUserId, defaultUserId
 *   requests: RecordedRequest[]             every REST request (method, path below /api/v10, query,
 *                                           headers with Authorization redacted, JSON body, files, status)
 *   clearRequests()
 *   guilds: GuildInfo[]                     ids of guilds and their channels
 *   slash(spec) → InteractionResult         dispatch a chat-input command (subcommand/group optional)
 *   autocomplete(spec) → Promise<choices>   dispatch an autocomplete and wait for the bot's choices
 *   autocompleteInteraction(spec) → InteractionResult
 *   clickButton({ message, customId }) / selectMenu({ message, customId, values }) → InteractionResult
 *   dispatchInteraction(payload) → InteractionResult   a hand-built INTERACTION_CREATE payload
 *   InteractionResult: waitForResponse({timeoutMs}), waitForMessage(pred), waitForCallback(),
 *     waitForFollowups(n), waitForChoices(), response, callbacks, followups, ephemeral, latencyMs, payload
 *   channelMessages(channelId) (oldest first), message(id), waitForChannelMessage(channelId, pred, timeoutMs)
 *   addGuild(spec) → GuildInfo (GUILD_CREATE to the owning shard), removeGuild(id) (GUILD_DELETE)
 *   markGuildUnavailable(id) / markGuildAvailable(id)   an outage: GUILD_DELETE unavailable, then GUILD_CREATE
 *   setChannelPermissions(channelId, overwrites) (CHANNEL_UPDATE), denySend(channelId), denyView(channelId)
 *   deleteChannel(channelId) (CHANNEL_DELETE; then REST answers 404 10003)
 *   injectFaults(FaultSpec) → FaultHandle   next N matching requests fail with 500/502/429/4xx
 *   dropGateway({ resumable, abrupt?, shardId? }) → number of sockets dropped
 *   startGatewayOutage() / endGatewayOutage()  refuse new gateway connections meanwhile
 *   connections: ConnectionInfo[], gatewayStats, waitForConnections(pred, timeoutMs)
 *   commands(guildId?) → registered application commands (global when omitted)
 *   messageCommand({ name, message }) → InteractionResult   a message context-menu command (type 3)
 *                                           with the target in data.resolved.messages
 *   postUserMessage({ channelId, content, userId? }) → message   a member posts (MESSAGE_CREATE)
 *   pings(messageId) → { users, roles, everyone }   who a created message notifies, from its
 *                                           content and allowed_mentions, as Discord decides it
 *   threads(parentId), waitForThread(parentId, pred), forumTags(forumId), addRole(guildId, name, members?),
 *   addUser(username) → id
 *   Guild channels may be { kind: 'text' | 'announcement' | 'forum', availableTags: [names] }.
 *   User options (type 6) arrive with data.resolved.users (and members in a guild).
 *   stop()
 * Also exported: shardOfGuild(guildId, shardCount), snowflake(atMs?), snowflakeTimestamp(id).
 *
 * REST routes (under /api/v10; Authorization `Bot <token>` required except on interaction and
 * interaction-webhook routes): GET /gateway, /gateway/bot; GET /applications/@me,
 * /oauth2/applications/@me; GET|PUT|POST /applications/:app[/guilds/:guild]/commands and
 * GET|PATCH|DELETE .../commands/:id; POST /interactions/:id/:token/callback (types 4-9, JSON or
 * multipart, ?with_response=true); POST /webhooks/:app/:token, GET|PATCH|DELETE
 * /webhooks/:app/:token/messages/@original|:id; GET /channels/:id; GET|POST /channels/:id/messages
 * (nonce + enforce_nonce); GET|PATCH|DELETE /channels/:id/messages/:id; POST /channels/:id/typing;
 * POST /channels/:id/threads (forum post with message + applied_tags; or a thread in a text channel);
 * POST /channels/:id/messages/:id/threads (one thread per message, else 400 160004; needs
 * Create Public Threads; messages in threads need Send Messages in Threads);
 * GET /users/@me, /users/:id; POST /users/@me/channels; DELETE /users/@me/guilds/:id;
 * GET /guilds/:id, /guilds/:id/channels, /guilds/:id/roles, /guilds/:id/members/:user,
 * /guilds/:id/threads/active.
 * Anything else: 404 {message:'404: Not Found', code:0}, recorded like every request.
 *
 * Also in this folder: bare-bot.ts (loginClient(apiUrl, token, clientOptions?), startBareBot,
 * startBareBotInWorker) and bench/standin-throughput.ts (measureInteractions).
 *
 * Notes:
 * - Messages handed out (response, followups, channelMessages, message, waitFor…) are snapshots;
 *   ask again for the latest state.
 * - Deviation from Discord: 429 responses carry a fractional retry-after header (e.g. "0.1")
 *   so tests need not wait whole seconds.
 * - After a non-resumable drop discord.js waits up to ~6.5 s before re-identifying (its identify
 *   throttle); tests can pass `ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) }`.
 * - Interaction replies are validated like Discord does (content ≤ 2000, embeds, components,
 *   choices); invalid bodies get 400 50035 and leave the interaction unacknowledged.
 *   Components V2 messages are checked as Discord checks them (components-v2.ts): no content or
 *   embeds beside the flag, the flag kept through edits, 40 components, 4000 characters of text.
 *
 * One file though long: it is the stand-in's whole public face (start, stop and the test-facing
 * slash/click/wait helpers over the REST, gateway and world parts), so a test author reads one API.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway } from './gateway.js';
import {
  autocompletePayload,
  componentPayload,
  InteractionResult,
  messageCommandPayload,
  newRecord,
  slashPayload,
  type InteractionRecord,
} from './interactions.js';
import { RestApi } from './rest.js';
import { registerRoutes, type Core } from './routes.js';
import { snowflake } from './snowflake.js';
import type {
  AutocompleteSpec,
  ComponentSpec,
  ConnectionInfo,
  FaultHandle,
  FaultSpec,
  GatewayStats,
  GuildSpec,
  JsonObject,
  MessageCommandSpec,
  MessagePings,
  OverwriteSpec,
  RecordedRequest,
  SelectSpec,
  SlashSpec,
  StandinMessage,
  StandinOptions,
  UserMessageSpec,
} from './types.js';
import { buildMessage } from './messages.js';
import { World, type GuildState } from './world.js';
import type { DropOptions } from './gateway.js';

export type * from './types.js';
export { InteractionResult } from './interactions.js';
export { shardOfGuild, snowflake, snowflakeTimestamp } from './snowflake.js';
export type { DropOptions } from './gateway.js';

export interface GuildInfo {
  id: string;
  name: string;
  channelIds: string[];
  botRoleId: string;
}

const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

export class Standin {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  private readonly world: World;
  private readonly gateway: Gateway;
  private readonly rest: RestApi;
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private readonly messageWaiters = new Set<(message: StandinMessage) => void>();
  private readonly strictCommands: boolean;

  /** Use startStandin(). */
  constructor(
    private readonly server: Server,
    readonly port: number,
    options: StandinOptions,
  ) {
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.strictCommands = options.strictCommands ?? false;
    this.world = new World(options.applicationId ?? snowflake(), options.botUsername ?? 'dsp-bot');
    for (const spec of options.guilds ?? [{ name: 'Test Guild' }]) this.world.addGuild(spec);
    this.gateway = new Gateway(this.world, {
      token: options.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 5000,
      gatewayUrl: () => this.gatewayUrl,
    });
    this.rest = new RestApi({
      token: options.token,
      globalRateLimit: options.globalRateLimit,
      routeRateLimit: options.routeRateLimit ?? { limit: 10_000, windowMs: 1000 },
      maxRecordedRequests: options.maxRecordedRequests ?? 100_000,
    });
    const core: Core = {
      world: this.world,
      gateway: this.gateway,
      interactions: this.interactions,
      interactionsByToken: this.interactionsByToken,
      interactionTimeoutMs: options.interactionTimeoutMs ?? 3000,
      recommendedShards: options.recommendedShards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      gatewayUrl: () => this.gatewayUrl,
      messageChanged: (message) => {
        for (const waiter of this.messageWaiters) waiter(message);
      },
    };
    registerRoutes(this.rest, core);
    server.on('request', (req, res) => void this.rest.handle(req, res));
    server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  get applicationId(): string {
    return this.world.applicationId;
  }
  get botUserId(): string {
    return this.world.bot.id;
  }
  /** The user who invokes interactions unless a spec names another. */
  get defaultUserId(): string {
    return this.world.defaultUser.id;
  }
  get requests(): RecordedRequest[] {
    return this.rest.requests;
  }
  clearRequests(): void {
    this.rest.requests.length = 0;
  }

  get guilds(): GuildInfo[] {
    return [...this.world.guilds.values()].map((g) => this.guildInfo(g));
  }

  private guildInfo(guild: GuildState): GuildInfo {
    const botRole = guild.roles.find((r) => r.managedByBot);
    return {
      id: guild.id,
      name: guild.name,
      channelIds: [...guild.channelIds],
      botRoleId: botRole?.id ?? '',
    };
  }

  // ---- interactions ----

  dispatchInteraction(payload: JsonObject, source: StandinMessage | null = null): InteractionResult {
    this.forgetExpiredInteractions();
    const record = newRecord(payload, source);
    this.interactions.set(record.id, record);
    this.interactionsByToken.set(record.token, record);
    const guildId = record.guildId;
    if (!this.gateway.dispatchOnce(guildId, 'INTERACTION_CREATE', payload)) {
      throw new Error(`standin: no gateway session owns ${guildId ? `guild ${guildId}` : 'DMs (shard 0)'}`);
    }
    return new InteractionResult(record);
  }

  /** Interaction tokens live 15 minutes on Discord; after that the webhook routes answer Unknown Webhook. */
  private forgetExpiredInteractions(): void {
    const cutoff = performance.now() - INTERACTION_TOKEN_LIFETIME_MS;
    for (const record of this.interactions.values()) {
      if (record.dispatchedAt >= cutoff) break;
      this.interactions.delete(record.id);
      this.interactionsByToken.delete(record.token);
    }
  }

  slash(spec: SlashSpec): InteractionResult {
    return this.dispatchInteraction(slashPayload(this.world, spec, this.strictCommands));
  }

  autocompleteInteraction(spec: AutocompleteSpec): InteractionResult {
    return this.dispatchInteraction(autocompletePayload(this.world, spec, this.strictCommands));
  }

  autocomplete(spec: AutocompleteSpec, { timeoutMs = 5000 } = {}): Promise<JsonObject[]> {
    return this.autocompleteInteraction(spec).waitForChoices({ timeoutMs });
  }

  /** A message context-menu command ("Apps" on a message), with the message in data.resolved. */
  messageCommand(spec: MessageCommandSpec): InteractionResult {
    return this.dispatchInteraction(messageCommandPayload(this.world, spec, this.strictCommands));
  }

  clickButton(spec: ComponentSpec): InteractionResult {
    const { payload, source } = componentPayload(this.world, spec);
    return this.dispatchInteraction(payload, source);
  }

  selectMenu(spec: SelectSpec): InteractionResult {
    const { payload, source } = componentPayload(this.world, spec);
    return this.dispatchInteraction(payload, source);
  }

  // ---- messages ----

  /** Messages listed in a channel, oldest first (ephemeral replies are not listed). */
  channelMessages(channelId: string): StandinMessage[] {
    return (this.world.channelMessages.get(channelId) ?? []).map((m) => structuredClone(m));
  }

  /** The current state of a message; undefined once deleted. */
  message(id: string): StandinMessage | undefined {
    const message = this.world.messagesById.get(id);
    return message && structuredClone(message);
  }

  waitForChannelMessage(
    channelId: string,
    predicate: (m: StandinMessage) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<StandinMessage> {
    const existing = this.channelMessages(channelId).find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = (message: StandinMessage) => {
        if (message.channel_id !== channelId || !predicate(message)) return;
        clearTimeout(timer);
        this.messageWaiters.delete(waiter);
        resolve(structuredClone(message));
      };
      const timer = setTimeout(() => {
        this.messageWaiters.delete(waiter);
        reject(new Error(`standin: no matching message in channel ${channelId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.messageWaiters.add(waiter);
    });
  }

  /** A member posts a message (MESSAGE_CREATE to sessions with message intents). */
  postUserMessage(spec: UserMessageSpec): StandinMessage {
    const channel = this.world.channels.get(spec.channelId);
    if (!channel) throw new Error(`standin: unknown channel ${spec.channelId}`);
    const author = this.world.ensureUser(spec.userId ?? this.world.defaultUser.id, spec.username);
    const message = buildMessage(this.world, {
      channelId: channel.id,
      guildId: channel.guildId,
      author,
      body: { content: spec.content },
    });
    this.world.storeMessage(message, true);
    this.gateway.dispatchMessageCreate(channel.guildId, message);
    for (const waiter of this.messageWaiters) waiter(message);
    return structuredClone(message);
  }

  /** Who a created message would notify, from its content and allowed_mentions; undefined for unknown ids. */
  pings(messageId: string): MessagePings | undefined {
    const pings = this.world.pings.get(messageId);
    return pings && structuredClone(pings);
  }

  /** Threads and forum posts in a channel, oldest first, as GET /channels/:id returns them. */
  threads(parentId: string): JsonObject[] {
    return this.world.threadsOf(parentId).map((c) => this.world.channelJson(c));
  }

  /** A forum's available tags ({ id, name }). */
  forumTags(channelId: string): { id: string; name: string }[] {
    return (this.world.channels.get(channelId)?.availableTags ?? []).map((t) => ({ ...t }));
  }

  /** Resolves with the first thread in the channel that satisfies the predicate. */
  waitForThread(
    parentId: string,
    predicate: (thread: JsonObject) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<JsonObject> {
    const find = () => this.threads(parentId).find(predicate);
    const existing = find();
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = () => {
        const thread = find();
        if (!thread) return;
        clearTimeout(timer);
        this.messageWaiters.delete(waiter);
        resolve(thread);
      };
      const timer = setTimeout(() => {
        this.messageWaiters.delete(waiter);
        reject(new Error(`standin: no matching thread in channel ${parentId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.messageWaiters.add(waiter);
    });
  }

  /** A user Discord knows (GET /users/:id answers with it), to mention or to `target:`; returns its id. */
  addUser(username: string): string {
    return this.world.ensureUser(snowflake(), username).id;
  }

  /** Adds a role to a guild (GUILD_ROLE_CREATE) and optionally gives it to members. */
  addRole(guildId: string, name: string, memberIds: string[] = []): string {
    const guild = this.world.guilds.get(guildId);
    if (!guild) throw new Error(`standin: unknown guild ${guildId}`);
    const role = {
      id: snowflake(),
      name,
      permissions: 0n,
      position: guild.roles.length,
      managedByBot: false,
    };
    guild.roles.push(role);
    for (const userId of memberIds) {
      this.world.ensureUser(userId);
      const member = guild.members.get(userId) ?? { userId, roleIds: [], joinedAt: new Date().toISOString() };
      member.roleIds.push(role.id);
      guild.members.set(userId, member);
    }
    this.gateway.broadcast(guildId, 'GUILD_ROLE_CREATE', {
      guild_id: guildId,
      role: this.world.roleJson(role),
    });
    return role.id;
  }

  // ---- guilds, channels, permissions ----

  addGuild(spec: GuildSpec = {}): GuildInfo {
    const guild = this.world.addGuild(spec);
    this.gateway.broadcast(guild.id, 'GUILD_CREATE', this.world.guildCreateJson(guild));
    return this.guildInfo(guild);
  }

  removeGuild(guildId: string): void {
    if (!this.world.removeGuild(guildId)) throw new Error(`standin: unknown guild ${guildId}`);
    this.gateway.broadcast(guildId, 'GUILD_DELETE', { id: guildId });
  }

  /** A Discord outage for one guild: GUILD_DELETE with unavailable:true (the bot stays a member). */
  markGuildUnavailable(guildId: string): void {
    if (!this.world.guilds.has(guildId)) throw new Error(`standin: unknown guild ${guildId}`);
    this.gateway.broadcast(guildId, 'GUILD_DELETE', { id: guildId, unavailable: true });
  }

  /** The outage ends: a full GUILD_CREATE again. */
  markGuildAvailable(guildId: string): void {
    const guild = this.world.guilds.get(guildId);
    if (!guild) throw new Error(`standin: unknown guild ${guildId}`);
    this.gateway.broadcast(guildId, 'GUILD_CREATE', this.world.guildCreateJson(guild));
  }

  /** Replaces the channel's overwrites entirely; dispatches CHANNEL_UPDATE. */
  setChannelPermissions(channelId: string, overwrites: OverwriteSpec[]): void {
    const channel = this.world.channels.get(channelId);
    const guild = channel?.guildId ? this.world.guilds.get(channel.guildId) : undefined;
    if (!channel || !guild) throw new Error(`standin: unknown guild channel ${channelId}`);
    channel.overwrites = overwrites.map((o) => this.world.resolveOverwrite(guild, o));
    this.gateway.broadcast(guild.id, 'CHANNEL_UPDATE', this.world.channelJson(channel));
  }

  /** The bot may still see the channel but not post: POST messages → 403 50013. */
  denySend(channelId: string): void {
    this.setChannelPermissions(channelId, [{ target: 'bot', deny: ['SendMessages'] }]);
  }

  /** The bot cannot see the channel: REST → 403 50001 Missing Access. */
  denyView(channelId: string): void {
    this.setChannelPermissions(channelId, [{ target: 'bot', deny: ['ViewChannel'] }]);
  }

  deleteChannel(channelId: string): void {
    const channel = this.world.removeChannel(channelId);
    if (!channel) throw new Error(`standin: unknown channel ${channelId}`);
    if (channel.guildId)
      this.gateway.broadcast(channel.guildId, 'CHANNEL_DELETE', this.world.channelJson(channel));
  }

  commands(guildId?: string): JsonObject[] {
    return [...(this.world.commands.get(guildId ?? '') ?? [])];
  }

  // ---- faults and gateway ----

  injectFaults(spec: FaultSpec): FaultHandle {
    return this.rest.injectFault(spec);
  }

  /** A gateway outage: refuse new connections until `endGatewayOutage()` (combine with dropGateway). */
  startGatewayOutage(): void {
    this.gateway.refusing = true;
  }

  endGatewayOutage(): void {
    this.gateway.refusing = false;
  }

  dropGateway(options: DropOptions): number {
    return this.gateway.drop(options);
  }

  get connections(): ConnectionInfo[] {
    return this.gateway.connections;
  }

  get gatewayStats(): Readonly<GatewayStats> {
    return { ...this.gateway.stats };
  }

  /** Resolves once the predicate holds for the open sessions (e.g. two shards connected). */
  waitForConnections(
    predicate: (open: ConnectionInfo[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<ConnectionInfo[]> {
    const check = () => {
      const open = this.connections.filter((c) => c.open);
      return predicate(open) ? open : undefined;
    };
    const ready = check();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const unsubscribe = this.gateway.onChange(() => {
        const open = check();
        if (!open) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(open);
      });
      const timer = setTimeout(() => {
        unsubscribe();
        reject(
          new Error(`standin: gateway connections did not reach the expected state within ${timeoutMs} ms`),
        );
      }, timeoutMs);
    });
  }

  async stop(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function startStandin(options: StandinOptions): Promise<Standin> {
  const server = createServer({ keepAliveTimeout: 60_000 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return new Standin(server, port, options);
}
