/**
 * The REST routes the stand-in answers, wired to the world model and the gateway.
 *
 * One file though long: a flat table of short handlers, the one place that says which Discord
 * endpoints the stand-in answers; split by resource it would no longer read as that list.
 */
import {
  ChannelType,
  InteractionResponseType,
  InteractionType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { Gateway } from './gateway.js';
import { notify, type InteractionRecord } from './interactions.js';
import { applyEdit, buildMessage, EPHEMERAL, LOADING } from './messages.js';
import { asObject, discordError, NOT_FOUND, type RestApi, type RestReply, type RestRequest } from './rest.js';
import { snowflake } from './snowflake.js';
import type { JsonObject, StandinMessage } from './types.js';
import { validateChoices, validateCommand, validateMessage } from './validate.js';
import { registerThreadRoutes } from './threads.js';
import { isThreadType, type ChannelState, type CommandRecord, type GuildState, type World } from './world.js';

export interface Core {
  world: World;
  gateway: Gateway;
  interactions: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
  interactionTimeoutMs: number;
  recommendedShards: number;
  maxConcurrency: number;
  gatewayUrl: () => string;
  /** Called whenever a listed channel message is created or edited. */
  messageChanged: (message: StandinMessage) => void;
}

const NONCE_WINDOW_MS = 5 * 60_000;
const ok = (body?: unknown): RestReply => ({ status: body === undefined ? 204 : 200, body });

export function registerRoutes(api: RestApi, core: Core): void {
  registerInteractionRoutes(api, core);
  registerWebhookRoutes(api, core);
  registerChannelRoutes(api, core);
  registerCommandRoutes(api, core);
  registerMiscRoutes(api, core);
  registerThreadRoutes(api, core);
}

// ---- interaction callbacks ----

function registerInteractionRoutes(api: RestApi, core: Core): void {
  api.route('POST', '/interactions/:id/:token/callback', (req) => interactionCallback(core, req), {
    auth: false,
    limited: false,
  });
}

function interactionCallback(core: Core, req: RestRequest): RestReply {
  const record = core.interactions.get(req.params.id ?? '');
  if (!record || record.token !== req.params.token) return discordError(404, 10062, 'Unknown interaction');
  if (record.acknowledged) return discordError(400, 40060, 'Interaction has already been acknowledged.');
  if (performance.now() - record.dispatchedAt > core.interactionTimeoutMs) {
    return discordError(404, 10062, 'Unknown interaction');
  }
  const body = asObject(req.body);
  const data = asObject(body.data);
  const error = applyCallback(core, record, Number(body.type), data, req);
  if (error) return error;
  record.acknowledged = true;
  record.firstCallbackAt = performance.now();
  record.callbacks.push(body);
  notify(record);
  if (req.query.get('with_response') !== 'true') return ok();
  return ok(callbackResponse(record, Number(body.type)));
}

function callbackResponse(record: InteractionRecord, type: number): JsonObject {
  const message = record.original;
  return {
    interaction: {
      id: record.id,
      type: record.type,
      activity_instance_id: null,
      response_message_id: message?.id ?? null,
      response_message_loading: message ? (message.flags & LOADING) !== 0 : false,
      response_message_ephemeral: message ? (message.flags & EPHEMERAL) !== 0 : false,
    },
    resource: { type, ...(message ? { message } : {}) },
  };
}

type CallbackHandler = (
  core: Core,
  record: InteractionRecord,
  data: JsonObject,
  req: RestRequest,
) => RestReply | null;

/** Which callback types each interaction type accepts, as on Discord. */
function allowedCallbackTypes(record: InteractionRecord): number[] {
  const R = InteractionResponseType;
  switch (record.type) {
    case InteractionType.ApplicationCommandAutocomplete:
      return [R.ApplicationCommandAutocompleteResult];
    case InteractionType.MessageComponent:
      return [
        R.ChannelMessageWithSource,
        R.DeferredChannelMessageWithSource,
        R.DeferredMessageUpdate,
        R.UpdateMessage,
        R.Modal,
      ];
    case InteractionType.ModalSubmit:
      return record.sourceMessage
        ? [
            R.ChannelMessageWithSource,
            R.DeferredChannelMessageWithSource,
            R.DeferredMessageUpdate,
            R.UpdateMessage,
          ]
        : [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource];
    default:
      return [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal];
  }
}

/** Discord's answer to a callback type the interaction does not accept. */
function wrongCallbackType(allowed: number[]): RestReply {
  const message = `Value must be one of {${allowed.join(', ')}}.`;
  return {
    status: 400,
    body: {
      code: 50035,
      message: 'Invalid Form Body',
      errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message }] } },
    },
  };
}

const CALLBACKS: Partial<Record<number, CallbackHandler>> = {
  [InteractionResponseType.ChannelMessageWithSource]: (core, record, data, req) => {
    const invalid = validateMessage(data, true, req.files.length > 0);
    if (invalid) return invalid;
    record.original = createInteractionMessage(core, record, data, req, 0);
    record.visible = true;
    return null;
  },
  [InteractionResponseType.DeferredChannelMessageWithSource]: (core, record, data, req) => {
    record.original = createInteractionMessage(core, record, { flags: data.flags }, req, LOADING);
    record.deferred = true;
    return null;
  },
  [InteractionResponseType.DeferredMessageUpdate]: (_core, record) => {
    record.original = record.sourceMessage;
    record.deferred = true;
    return null;
  },
  [InteractionResponseType.UpdateMessage]: (core, record, data, req) => {
    const source = record.sourceMessage;
    if (!source) return wrongCallbackType(allowedCallbackTypes(record));
    const invalid = validateMessage(data, false, req.files.length > 0, source.flags);
    if (invalid) return invalid;
    applyEdit(source, data, req.files);
    record.original = source;
    record.visible = true;
    core.messageChanged(source);
    return null;
  },
  [InteractionResponseType.ApplicationCommandAutocompleteResult]: (_core, record, data) => {
    const invalid = validateChoices({ choices: data.choices });
    if (invalid) return invalid;
    record.choices = Array.isArray(data.choices) ? (data.choices as JsonObject[]) : [];
    return null;
  },
  [InteractionResponseType.Modal]: (_core, record, data) => {
    record.modal = data;
    return null;
  },
};

function applyCallback(
  core: Core,
  record: InteractionRecord,
  type: number,
  data: JsonObject,
  req: RestRequest,
): RestReply | null {
  const handler = CALLBACKS[type];
  if (!handler) return discordError(400, 50035, 'Invalid Form Body');
  const allowed = allowedCallbackTypes(record);
  if (!allowed.includes(type)) return wrongCallbackType(allowed);
  return handler(core, record, data, req);
}

function createInteractionMessage(
  core: Core,
  record: InteractionRecord,
  body: JsonObject,
  req: RestRequest,
  extraFlags: number,
): StandinMessage {
  const { world } = core;
  const payload = record.payload;
  const user = asObject(payload.user ?? asObject(payload.member).user);
  const commandName =
    record.type === InteractionType.ApplicationCommand ? String(asObject(payload.data).name) : undefined;
  const message = buildMessage(world, {
    channelId: record.channelId,
    guildId: record.guildId,
    author: world.bot,
    body,
    files: req.files,
    type: record.type === InteractionType.ApplicationCommand ? 20 : 0,
    extraFlags,
    webhookId: world.applicationId,
    interaction: {
      id: record.id,
      type: record.type,
      user,
      owners: asObject(payload.authorizing_integration_owners),
      ...(commandName ? { name: commandName } : {}),
    },
  });
  const listed = (message.flags & EPHEMERAL) === 0;
  world.storeMessage(message, listed);
  if (listed) core.messageChanged(message);
  return message;
}

// ---- interaction webhooks (follow-ups, @original) ----

function registerWebhookRoutes(api: RestApi, core: Core): void {
  const noAuth = { auth: false };
  api.route('POST', '/webhooks/:app/:webhookToken', (req) => followup(core, req), noAuth);
  for (const method of ['GET', 'PATCH', 'DELETE']) {
    api.route(
      method,
      '/webhooks/:app/:webhookToken/messages/:message',
      (req) => webhookMessage(core, req),
      noAuth,
    );
  }
}

function webhookRecord(core: Core, req: RestRequest): InteractionRecord | RestReply {
  const record = core.interactionsByToken.get(req.params.webhookToken ?? '');
  if (!record || req.params.app !== core.world.applicationId)
    return discordError(404, 10015, 'Unknown Webhook');
  if (!record.acknowledged) return discordError(404, 10015, 'Unknown Webhook');
  return record;
}

function followup(core: Core, req: RestRequest): RestReply {
  const record = webhookRecord(core, req);
  if ('status' in record) return record;
  const body = asObject(req.body);
  const invalid = validateMessage(body, true, req.files.length > 0);
  if (invalid) return invalid;
  const wait = req.query.get('wait') === 'true';
  // After a deferred reply, Discord's first follow-up fills in the "thinking" message.
  if (record.deferred && !record.visible && record.original && record.original.flags & LOADING) {
    applyEdit(record.original, body, req.files);
    record.visible = true;
    notify(record);
    core.messageChanged(record.original);
    return wait ? ok(record.original) : ok();
  }
  const message = createInteractionMessage(core, record, body, req, 0);
  record.followups.push(message);
  notify(record);
  return wait ? ok(message) : ok();
}

function webhookMessage(core: Core, req: RestRequest): RestReply {
  const record = webhookRecord(core, req);
  if ('status' in record) return record;
  const id = req.params.message;
  const message =
    id === '@original'
      ? record.original
      : (record.followups.find((m) => m.id === id) ?? (record.original?.id === id ? record.original : null));
  if (!message || !core.world.messagesById.has(message.id))
    return discordError(404, 10008, 'Unknown Message');
  if (req.method === 'GET') return ok(message);
  if (req.method === 'DELETE') {
    core.world.deleteMessage(message.id);
    notify(record);
    return ok();
  }
  const body = asObject(req.body);
  const invalid = validateMessage(body, false, req.files.length > 0, message.flags);
  if (invalid) return invalid;
  applyEdit(message, body, req.files);
  if (message === record.original) record.visible = true;
  notify(record);
  core.messageChanged(message);
  return ok(message);
}

// ---- channels and messages ----

function registerChannelRoutes(api: RestApi, core: Core): void {
  const nonces = new Map<string, { messageId: string; at: number }>();
  api.route('GET', '/channels/:channel', (req) =>
    withChannel(core, req, (c) => ok(core.world.channelJson(c))),
  );
  api.route('POST', '/channels/:channel/messages', (req) =>
    withChannel(core, req, (c) => createChannelMessage(core, c, req, nonces)),
  );
  api.route('GET', '/channels/:channel/messages', (req) =>
    withChannel(core, req, (c) => listChannelMessages(core, c, req)),
  );
  api.route('GET', '/channels/:channel/messages/:message', (req) =>
    withChannel(core, req, (c) => {
      const message = core.world.messagesById.get(req.params.message ?? '');
      return message && message.channel_id === c.id
        ? ok(message)
        : discordError(404, 10008, 'Unknown Message');
    }),
  );
  api.route('PATCH', '/channels/:channel/messages/:message', (req) =>
    withChannel(core, req, (c) => editChannelMessage(core, c, req)),
  );
  api.route('DELETE', '/channels/:channel/messages/:message', (req) =>
    withChannel(core, req, () =>
      core.world.deleteMessage(req.params.message ?? '') ? ok() : discordError(404, 10008, 'Unknown Message'),
    ),
  );
  api.route('POST', '/channels/:channel/typing', (req) => withChannel(core, req, () => ok()));
}

export function withChannel(
  core: Core,
  req: RestRequest,
  handler: (channel: ChannelState) => RestReply,
): RestReply {
  const channel = core.world.channels.get(req.params.channel ?? '');
  if (!channel) return discordError(404, 10003, 'Unknown Channel');
  const permissions = core.world.permissionsIn(channel, core.world.bot.id);
  if (!(permissions & PermissionFlagsBits.ViewChannel)) return discordError(403, 50001, 'Missing Access');
  return handler(channel);
}

function createChannelMessage(
  core: Core,
  channel: ChannelState,
  req: RestRequest,
  nonces: Map<string, { messageId: string; at: number }>,
): RestReply {
  const { world } = core;
  const permissions = world.permissionsIn(channel, world.bot.id);
  if (channel.type === ChannelType.GuildForum)
    return discordError(400, 50008, 'Cannot send messages in a non-text channel');
  const needed = isThreadType(channel.type)
    ? PermissionFlagsBits.SendMessagesInThreads
    : PermissionFlagsBits.SendMessages;
  if (!(permissions & needed)) return discordError(403, 50013, 'Missing Permissions');
  const body = asObject(req.body);
  const invalid = validateMessage(body, true, req.files.length > 0);
  if (invalid) return invalid;
  const nonceKey =
    body.enforce_nonce === true && body.nonce !== undefined ? `${channel.id}:${String(body.nonce)}` : null;
  const previous = nonceKey ? nonces.get(nonceKey) : undefined;
  const existing =
    previous && Date.now() - previous.at < NONCE_WINDOW_MS
      ? world.messagesById.get(previous.messageId)
      : undefined;
  if (existing) return ok(existing);
  // Without Embed Links, Discord silently drops embeds.
  const allowed = permissions & PermissionFlagsBits.EmbedLinks ? body : { ...body, embeds: [] };
  const message = buildMessage(world, {
    channelId: channel.id,
    guildId: channel.guildId,
    author: world.bot,
    body: allowed,
    files: req.files,
  });
  world.storeMessage(message, true);
  if (nonceKey) nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
  core.gateway.dispatchMessageCreate(channel.guildId, message);
  core.messageChanged(message);
  return ok(message);
}

function listChannelMessages(core: Core, channel: ChannelState, req: RestRequest): RestReply {
  const permissions = core.world.permissionsIn(channel, core.world.bot.id);
  if (!(permissions & PermissionFlagsBits.ReadMessageHistory)) return ok([]);
  const limit = req.query.get('limit');
  return ok(
    core.world.listMessages(channel.id, {
      limit: limit ? Number(limit) : undefined,
      before: req.query.get('before') ?? undefined,
      after: req.query.get('after') ?? undefined,
    }),
  );
}

function editChannelMessage(core: Core, channel: ChannelState, req: RestRequest): RestReply {
  const message = core.world.messagesById.get(req.params.message ?? '');
  if (!message || message.channel_id !== channel.id) return discordError(404, 10008, 'Unknown Message');
  if (asObject(message.author).id !== core.world.bot.id)
    return discordError(403, 50005, 'Cannot edit a message authored by another user');
  const body = asObject(req.body);
  const invalid = validateMessage(body, false, req.files.length > 0, message.flags);
  if (invalid) return invalid;
  applyEdit(message, body, req.files);
  core.messageChanged(message);
  return ok(message);
}

// ---- application commands ----

function registerCommandRoutes(api: RestApi, core: Core): void {
  for (const base of ['/applications/:app/commands', '/applications/:app/guilds/:guild/commands']) {
    api.route('GET', base, (req) => withScope(core, req, (list) => ok(list)));
    api.route('PUT', base, (req) =>
      withScope(core, req, (list, scope) => overwriteCommands(core, req, list, scope)),
    );
    api.route('POST', base, (req) =>
      withScope(core, req, (list, scope) => upsertCommand(core, req, list, scope)),
    );
    api.route('GET', `${base}/:command`, (req) =>
      withCommand(core, req, (_list, index, list) => ok(list[index])),
    );
    api.route('PATCH', `${base}/:command`, (req) =>
      withCommand(core, req, (_scope, index, list) => patchCommand(req, list, index)),
    );
    api.route('DELETE', `${base}/:command`, (req) =>
      withCommand(core, req, (_scope, index, list) => {
        list.splice(index, 1);
        return ok();
      }),
    );
  }
}

function withScope(
  core: Core,
  req: RestRequest,
  handler: (list: CommandRecord[], scope: string) => RestReply,
): RestReply {
  if (req.params.app !== core.world.applicationId)
    return discordError(403, 20012, 'You are not authorized to perform this action on this application');
  const scope = req.params.guild ?? '';
  if (scope && !core.world.guilds.has(scope)) return discordError(403, 50001, 'Missing Access');
  let list = core.world.commands.get(scope);
  if (!list) {
    list = [];
    core.world.commands.set(scope, list);
  }
  return handler(list, scope);
}

function withCommand(
  core: Core,
  req: RestRequest,
  handler: (scope: string, index: number, list: CommandRecord[]) => RestReply,
): RestReply {
  return withScope(core, req, (list, scope) => {
    const index = list.findIndex((c) => c.id === req.params.command);
    return index < 0 ? discordError(404, 10063, 'Unknown application command') : handler(scope, index, list);
  });
}

function commandRecord(
  core: Core,
  body: JsonObject,
  scope: string,
  existing: CommandRecord | undefined,
): CommandRecord {
  const type = typeof body.type === 'number' ? body.type : 1;
  return {
    options: [],
    default_member_permissions: null,
    dm_permission: scope === '' ? true : undefined,
    nsfw: false,
    integration_types: [0],
    contexts: null,
    ...body,
    id: existing?.id ?? snowflake(),
    application_id: core.world.applicationId,
    version: snowflake(),
    name: String(body.name),
    description: typeof body.description === 'string' ? body.description : '',
    type,
    ...(scope ? { guild_id: scope } : {}),
  };
}

function overwriteCommands(core: Core, req: RestRequest, list: CommandRecord[], scope: string): RestReply {
  if (!Array.isArray(req.body)) return discordError(400, 50035, 'Invalid Form Body');
  const bodies = req.body.map(asObject);
  for (const [i, body] of bodies.entries()) {
    const invalid = validateCommand(body, i);
    if (invalid) return invalid;
  }
  const next = bodies.map((body) =>
    commandRecord(
      core,
      body,
      scope,
      list.find((c) => c.name === body.name && c.type === (body.type ?? 1)),
    ),
  );
  list.splice(0, list.length, ...next);
  return ok(next);
}

function upsertCommand(core: Core, req: RestRequest, list: CommandRecord[], scope: string): RestReply {
  const body = asObject(req.body);
  const invalid = validateCommand(body);
  if (invalid) return invalid;
  const index = list.findIndex((c) => c.name === body.name && c.type === (body.type ?? 1));
  const record = commandRecord(core, body, scope, list[index]);
  if (index >= 0) list[index] = record;
  else list.push(record);
  return { status: index >= 0 ? 200 : 201, body: record };
}

function patchCommand(req: RestRequest, list: CommandRecord[], index: number): RestReply {
  const current = list[index];
  if (!current) return NOT_FOUND;
  const updated: CommandRecord = { ...current, ...asObject(req.body), id: current.id, version: snowflake() };
  list[index] = updated;
  return ok(updated);
}

// ---- gateway, application, users, guilds ----

function registerMiscRoutes(api: RestApi, core: Core): void {
  const { world } = core;
  api.route('GET', '/gateway', () => ok({ url: core.gatewayUrl() }), { auth: false });
  api.route('GET', '/gateway/bot', () =>
    ok({
      url: core.gatewayUrl(),
      shards: core.recommendedShards,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: core.maxConcurrency,
      },
    }),
  );
  api.route('GET', '/applications/@me', () => ok(world.applicationJson()));
  api.route('GET', '/oauth2/applications/@me', () => ok(world.applicationJson()));
  api.route('GET', '/users/@me', () => ok(world.userJson(world.bot)));
  api.route('GET', '/users/:user', (req) => {
    const user = world.users.get(req.params.user ?? '');
    return user ? ok(world.userJson(user)) : discordError(404, 10013, 'Unknown User');
  });
  api.route('POST', '/users/@me/channels', (req) => {
    const recipient = String(asObject(req.body).recipient_id ?? '');
    if (!world.users.has(recipient)) return discordError(400, 50035, 'Invalid Form Body');
    return ok(world.channelJson(world.dmChannelFor(recipient)));
  });
  api.route('DELETE', '/users/@me/guilds/:guild', (req) => {
    const guild = world.removeGuild(req.params.guild ?? '');
    if (!guild) return discordError(404, 10004, 'Unknown Guild');
    core.gateway.broadcast(guild.id, 'GUILD_DELETE', { id: guild.id });
    return ok();
  });
  api.route('GET', '/guilds/:guild', (req) => withGuild(core, req, (g) => ok(world.guildJson(g))));
  api.route('GET', '/guilds/:guild/channels', (req) =>
    withGuild(core, req, (g) => ok(world.guildChannelsJson(g))),
  );
  api.route('GET', '/guilds/:guild/roles', (req) =>
    withGuild(core, req, (g) => ok(g.roles.map((r) => world.roleJson(r)))),
  );
  api.route('GET', '/guilds/:guild/members/:user', (req) =>
    withGuild(core, req, (g) => {
      const member = g.members.get(req.params.user === '@me' ? world.bot.id : (req.params.user ?? ''));
      return member ? ok(world.memberJson(member)) : discordError(404, 10007, 'Unknown Member');
    }),
  );
}

export function withGuild(
  core: Core,
  req: RestRequest,
  handler: (guild: GuildState) => RestReply,
): RestReply {
  const guild = core.world.guilds.get(req.params.guild ?? '');
  return guild ? handler(guild) : discordError(404, 10004, 'Unknown Guild');
}
