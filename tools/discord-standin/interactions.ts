/**
 * Interaction payloads (slash commands, autocomplete, buttons, selects) and the record of
 * what the bot did in answer: callbacks, the message the user sees, follow-ups.
 *
 * One file though long: building an interaction and recording the answers to it share the
 * interaction's identity (id, token, kind) and its lifecycle.
 */
import { ApplicationCommandOptionType, InteractionContextType, InteractionType } from 'discord-api-types/v10';
import { EPHEMERAL } from './messages.js';
import { snowflake } from './snowflake.js';
import type {
  AutocompleteSpec,
  ComponentSpec,
  InvocationSpec,
  JsonObject,
  MessageCommandSpec,
  SelectSpec,
  SlashSpec,
  StandinMessage,
} from './types.js';
import { toPermissionBits } from './permissions.js';
import { checkInvocation } from './strict.js';
import type { ChannelState, CommandRecord, World } from './world.js';

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  payload: JsonObject;
  channelId: string;
  guildId: string | null;
  dispatchedAt: number;
  acknowledged: boolean;
  firstCallbackAt: number | null;
  callbacks: JsonObject[];
  /** The message the user sees: the reply, the deferred "thinking" message, or the updated source message. */
  original: StandinMessage | null;
  /** False between a deferral and the edit that fills it in. */
  visible: boolean;
  deferred: boolean;
  sourceMessage: StandinMessage | null;
  followups: StandinMessage[];
  choices: JsonObject[] | null;
  modal: JsonObject | null;
  listeners: Set<() => void>;
}

export function notify(record: InteractionRecord): void {
  for (const listener of record.listeners) listener();
}

function waitUntil<T>(
  record: InteractionRecord,
  check: () => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const ready = check();
  if (ready !== undefined) return Promise.resolve(ready);
  return new Promise<T>((resolve, reject) => {
    const listener = () => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      record.listeners.delete(listener);
      resolve(value);
    };
    const timer = setTimeout(() => {
      record.listeners.delete(listener);
      const seen = record.callbacks.map((c) => c.type).join(', ') || 'none';
      reject(
        new Error(
          `interaction ${record.id}: no ${what} within ${timeoutMs} ms (callback types seen: ${seen})`,
        ),
      );
    }, timeoutMs);
    record.listeners.add(listener);
  });
}

/** What the bot did in answer to one interaction. */
export class InteractionResult {
  constructor(private readonly record: InteractionRecord) {}

  get id(): string {
    return this.record.id;
  }
  get token(): string {
    return this.record.token;
  }
  /** The INTERACTION_CREATE payload as dispatched. */
  get payload(): JsonObject {
    return this.record.payload;
  }
  get callbacks(): readonly JsonObject[] {
    return this.record.callbacks;
  }
  get followups(): readonly StandinMessage[] {
    return this.record.followups.map((m) => structuredClone(m));
  }
  get acknowledged(): boolean {
    return this.record.acknowledged;
  }
  /** Milliseconds (performance.now clock) from dispatch to the first accepted callback, or null. */
  get latencyMs(): number | null {
    return this.record.firstCallbackAt === null
      ? null
      : this.record.firstCallbackAt - this.record.dispatchedAt;
  }
  /** The message the user currently sees (null before a reply or while deferred). */
  get response(): StandinMessage | null {
    return this.record.visible && this.record.original ? structuredClone(this.record.original) : null;
  }
  get ephemeral(): boolean {
    const flags =
      this.record.original?.flags ?? Number((this.record.callbacks[0]?.data as JsonObject)?.flags ?? 0);
    return (flags & EPHEMERAL) !== 0;
  }
  get choices(): JsonObject[] | null {
    return this.record.choices;
  }
  get modal(): JsonObject | null {
    return this.record.modal;
  }

  waitForCallback({ timeoutMs = 5000 } = {}): Promise<JsonObject> {
    return waitUntil(this.record, () => this.record.callbacks[0], timeoutMs, 'callback');
  }

  /** Resolves with the first message the user sees: a reply, an update, or a deferral once it is edited. */
  waitForResponse({ timeoutMs = 5000 } = {}): Promise<StandinMessage> {
    return waitUntil(this.record, () => this.response ?? undefined, timeoutMs, 'visible response');
  }

  /** Resolves once the visible message satisfies the predicate (e.g. after a later edit). */
  waitForMessage(
    predicate: (m: StandinMessage) => boolean,
    { timeoutMs = 5000 } = {},
  ): Promise<StandinMessage> {
    return waitUntil(
      this.record,
      () => {
        const current = this.response;
        return current && predicate(current) ? current : undefined;
      },
      timeoutMs,
      'matching message',
    );
  }

  waitForFollowups(count: number, { timeoutMs = 5000 } = {}): Promise<readonly StandinMessage[]> {
    return waitUntil(
      this.record,
      () => (this.record.followups.length >= count ? this.followups : undefined),
      timeoutMs,
      `${count} follow-ups`,
    );
  }

  waitForChoices({ timeoutMs = 5000 } = {}): Promise<JsonObject[]> {
    return waitUntil(this.record, () => this.record.choices ?? undefined, timeoutMs, 'autocomplete choices');
  }
}

// ---- payload building ----

interface Invocation {
  channel: ChannelState;
  guildId: string | null;
  userId: string;
  locale: string;
  memberPermissions: bigint;
}

function resolveChannel(world: World, spec: InvocationSpec, userId: string): ChannelState {
  if (spec.channelId) {
    const channel = world.channels.get(spec.channelId);
    if (!channel) throw new Error(`standin: unknown channel ${spec.channelId}`);
    return channel;
  }
  if (!spec.dm) {
    const guild = spec.guildId ? world.guilds.get(spec.guildId) : world.guilds.values().next().value;
    if (spec.guildId && !guild) throw new Error(`standin: unknown guild ${spec.guildId}`);
    const channel = guild ? world.channels.get(guild.channelIds[0] ?? '') : undefined;
    if (guild && !channel) throw new Error(`standin: guild ${guild.id} has no channel`);
    if (channel) return channel;
  }
  return world.dmChannelFor(userId);
}

function resolveInvocation(world: World, spec: InvocationSpec): Invocation {
  const user = world.ensureUser(spec.userId ?? world.defaultUser.id, spec.username);
  if (spec.username) user.username = spec.username;
  const userId = user.id;
  const channel = resolveChannel(world, spec, userId);
  const memberPermissions = toPermissionBits(spec.memberPermissions, world.permissionsIn(channel, userId));
  return { channel, guildId: channel.guildId, userId, locale: spec.locale ?? 'en-US', memberPermissions };
}

function basePayload(world: World, type: InteractionType, inv: Invocation): JsonObject {
  const user = world.userJson(world.users.get(inv.userId) ?? world.defaultUser);
  const payload: JsonObject = {
    id: snowflake(),
    application_id: world.applicationId,
    type,
    token: `itoken.${snowflake()}.${Math.random().toString(36).slice(2)}`,
    version: 1,
    channel_id: inv.channel.id,
    channel: { ...world.channelJson(inv.channel), permissions: inv.memberPermissions.toString() },
    app_permissions: world.permissionsIn(inv.channel, world.bot.id).toString(),
    locale: inv.locale,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (inv.guildId) {
    const guild = world.guilds.get(inv.guildId);
    const member = guild?.members.get(inv.userId) ?? {
      userId: inv.userId,
      roleIds: [],
      joinedAt: new Date().toISOString(),
    };
    payload.guild_id = inv.guildId;
    payload.guild = { id: inv.guildId, locale: 'en-US', features: [] };
    payload.guild_locale = 'en-US';
    payload.member = { ...world.memberJson(member), permissions: inv.memberPermissions.toString() };
    payload.authorizing_integration_owners = { '0': inv.guildId };
    payload.context = InteractionContextType.Guild;
  } else {
    payload.user = user;
    payload.authorizing_integration_owners = { '0': '0' };
    payload.context = InteractionContextType.BotDM;
  }
  return payload;
}

function findCommand(world: World, name: string, guildId: string | null): CommandRecord | undefined {
  const isChatInput = (c: CommandRecord) => c.name === name && (c.type ?? 1) === 1;
  return (
    (guildId ? world.commands.get(guildId)?.find(isChatInput) : undefined) ??
    world.commands.get('')?.find(isChatInput)
  );
}

type OptionDefs = readonly JsonObject[] | undefined;

function subOptions(defs: OptionDefs, name: string | undefined): OptionDefs {
  if (!name) return defs;
  return defs?.find((d) => d.name === name)?.options as OptionDefs;
}

function inferType(value: string | number | boolean): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

function leafOptions(spec: SlashSpec, defs: OptionDefs, focused?: string): JsonObject[] {
  return Object.entries(spec.options ?? {}).map(([name, value]) => {
    const declared = defs?.find((d) => d.name === name)?.type;
    const type = typeof declared === 'number' ? declared : inferType(value);
    // Discord sends what has been typed so far as a string, whatever the option's type.
    if (name === focused) return { name, type, value: String(value), focused: true };
    return { name, type, value };
  });
}

function commandData(
  world: World,
  spec: SlashSpec,
  guildId: string | null,
  strict: boolean,
  focused?: string,
): JsonObject {
  const command = findCommand(world, spec.name, guildId);
  if (strict) checkInvocation(command, spec, focused);
  const groupDefs = subOptions(command?.options as OptionDefs, spec.group);
  const leafDefs = subOptions(groupDefs, spec.subcommand);
  let options = leafOptions(spec, leafDefs, focused);
  if (spec.subcommand)
    options = [{ type: ApplicationCommandOptionType.Subcommand, name: spec.subcommand, options }];
  if (spec.group)
    options = [{ type: ApplicationCommandOptionType.SubcommandGroup, name: spec.group, options }];
  return {
    id: command?.id ?? snowflake(),
    name: spec.name,
    type: 1,
    options,
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
  };
}

export function slashPayload(world: World, spec: SlashSpec, strict: boolean): JsonObject {
  const inv = resolveInvocation(world, spec);
  return {
    ...basePayload(world, InteractionType.ApplicationCommand, inv),
    data: withResolvedUsers(world, commandData(world, spec, inv.guildId, strict), inv.guildId),
  };
}

/** Option values of type User (6) carry the user in data.resolved, as Discord sends them. */
function withResolvedUsers(world: World, data: JsonObject, guildId: string | null): JsonObject {
  const ids: string[] = [];
  const visit = (options: unknown) => {
    if (!Array.isArray(options)) return;
    for (const option of options as JsonObject[]) {
      if (option.type === ApplicationCommandOptionType.User && typeof option.value === 'string')
        ids.push(option.value);
      visit(option.options);
    }
  };
  visit(data.options);
  if (ids.length === 0) return data;
  const users: JsonObject = {};
  const members: JsonObject = {};
  const guild = guildId ? world.guilds.get(guildId) : undefined;
  for (const id of ids) {
    users[id] = world.userJson(world.ensureUser(id));
    const member = guild?.members.get(id);
    if (member) {
      const { user: _user, ...rest } = world.memberJson(member);
      members[id] = { ...rest, permissions: '0' };
    }
  }
  return { ...data, resolved: { users, ...(guild ? { members } : {}) } };
}

/** A message context-menu command (type 3) on a message the stand-in knows. */
export function messageCommandPayload(world: World, spec: MessageCommandSpec, strict: boolean): JsonObject {
  const target = world.messagesById.get(spec.message.id);
  if (!target) throw new Error(`standin: unknown message ${spec.message.id}`);
  const inv = resolveInvocation(world, { ...spec, channelId: spec.channelId ?? target.channel_id });
  const isMessageCommand = (c: CommandRecord) => c.name === spec.name && c.type === 3;
  const command =
    (inv.guildId ? world.commands.get(inv.guildId)?.find(isMessageCommand) : undefined) ??
    world.commands.get('')?.find(isMessageCommand);
  if (strict && !command)
    throw new Error(`standin (strict commands): no message command "${spec.name}" is registered`);
  return {
    ...basePayload(world, InteractionType.ApplicationCommand, inv),
    data: {
      id: command?.id ?? snowflake(),
      name: spec.name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    },
  };
}

export function autocompletePayload(world: World, spec: AutocompleteSpec, strict: boolean): JsonObject {
  const inv = resolveInvocation(world, spec);
  const withFocused: SlashSpec = { ...spec, options: { ...spec.options, [spec.focused]: spec.value } };
  return {
    ...basePayload(world, InteractionType.ApplicationCommandAutocomplete, inv),
    data: commandData(world, withFocused, inv.guildId, strict, spec.focused),
  };
}

export function componentPayload(
  world: World,
  spec: ComponentSpec | SelectSpec,
): { payload: JsonObject; source: StandinMessage } {
  const source = world.messagesById.get(spec.message.id);
  if (!source) throw new Error(`standin: unknown message ${spec.message.id}`);
  const component = findComponent(source.components, spec.customId);
  if (!component) throw new Error(`standin: message ${source.id} has no component "${spec.customId}"`);
  if (component.disabled === true) throw new Error(`standin: component "${spec.customId}" is disabled`);
  const isSelect = 'values' in spec;
  if (isSelect !== (component.type === 3)) {
    throw new Error(
      `standin: component "${spec.customId}" is not a ${isSelect ? 'string select' : 'button'}`,
    );
  }
  if (isSelect) checkSelectValues(component, spec.values);
  const inv = resolveInvocation(world, { ...spec, channelId: source.channel_id });
  const data: JsonObject = isSelect
    ? { custom_id: spec.customId, component_type: 3, values: spec.values }
    : { custom_id: spec.customId, component_type: 2 };
  return {
    payload: { ...basePayload(world, InteractionType.MessageComponent, inv), data, message: source },
    source,
  };
}

export function newRecord(payload: JsonObject, source: StandinMessage | null): InteractionRecord {
  return {
    id: String(payload.id),
    token: String(payload.token),
    type: payload.type as InteractionType,
    payload,
    channelId: String(payload.channel_id),
    guildId: typeof payload.guild_id === 'string' ? payload.guild_id : null,
    dispatchedAt: performance.now(),
    acknowledged: false,
    firstCallbackAt: null,
    callbacks: [],
    original: null,
    visible: false,
    deferred: false,
    sourceMessage: source,
    followups: [],
    choices: null,
    modal: null,
    listeners: new Set(),
  };
}

/** Depth-first search through rows, containers and section accessories. */
function findComponent(components: unknown, customId: string): JsonObject | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const component of components as unknown[]) {
    if (typeof component !== 'object' || component === null) continue;
    const candidate = component as JsonObject;
    if (candidate.custom_id === customId) return candidate;
    const nested =
      findComponent(candidate.components, customId) ?? findComponent([candidate.accessory], customId);
    if (nested) return nested;
  }
  return undefined;
}

function checkSelectValues(menu: JsonObject, values: readonly string[]): void {
  const offered = new Set(((menu.options as JsonObject[] | undefined) ?? []).map((o) => o.value));
  const unknown = values.filter((v) => !offered.has(v));
  if (unknown.length > 0)
    throw new Error(`standin: select "${String(menu.custom_id)}" offers no ${unknown.join(', ')}`);
  const min = typeof menu.min_values === 'number' ? menu.min_values : 1;
  const max = typeof menu.max_values === 'number' ? menu.max_values : 1;
  if (values.length < min || values.length > max) {
    throw new Error(
      `standin: select "${String(menu.custom_id)}" takes ${min}..${max} values, got ${values.length}`,
    );
  }
}
