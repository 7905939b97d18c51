/**
 * The stand-in's model of Discord: users, guilds, roles, channels, messages, commands,
 * and the JSON shapes Discord sends for them.
 *
 * One file though long: users, guilds, roles, channels and messages refer to each other (permissions
 * need all of them), and each JSON shape stays beside the state it renders.
 */
import { ChannelType } from 'discord-api-types/v10';
import {
  computeChannelPermissions,
  DEFAULT_MEMBER_PERMISSIONS,
  DM_APP_PERMISSIONS,
  toPermissionBits,
  type Overwrite,
} from './permissions.js';
import { compareSnowflakes, snowflake } from './snowflake.js';
import type {
  ChannelSpec,
  GuildSpec,
  JsonObject,
  MessagePings,
  OverwriteSpec,
  StandinMessage,
} from './types.js';

export interface UserState {
  id: string;
  username: string;
  bot: boolean;
}

export interface RoleState {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managedByBot: boolean;
}

export interface MemberState {
  userId: string;
  roleIds: string[];
  joinedAt: string;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  roles: RoleState[];
  members: Map<string, MemberState>;
  channelIds: string[];
}

export interface ForumTag {
  id: string;
  name: string;
}

export interface ThreadState {
  ownerId: string;
  autoArchiveDuration: number;
  appliedTags: string[];
  createdAt: string;
}

export type StandinChannelType =
  | ChannelType.GuildText
  | ChannelType.GuildAnnouncement
  | ChannelType.GuildForum
  | ChannelType.PublicThread
  | ChannelType.PrivateThread
  | ChannelType.AnnouncementThread
  | ChannelType.DM;

const KIND_TYPES = {
  text: ChannelType.GuildText,
  announcement: ChannelType.GuildAnnouncement,
  forum: ChannelType.GuildForum,
} as const;

export function isThreadType(type: number): boolean {
  return (
    type === ChannelType.PublicThread ||
    type === ChannelType.PrivateThread ||
    type === ChannelType.AnnouncementThread
  );
}

export interface ChannelState {
  id: string;
  type: StandinChannelType;
  /** Threads: the channel they live in. */
  parentId?: string | null;
  /** Forums: the tags a post may carry. */
  availableTags?: ForumTag[];
  /** Threads and forum posts. */
  thread?: ThreadState;
  guildId: string | null;
  name: string;
  topic: string | null;
  position: number;
  overwrites: Overwrite[];
  recipientId: string | null;
  lastMessageId: string | null;
}

export interface CommandRecord extends JsonObject {
  id: string;
  name: string;
  type: number;
}

export class World {
  readonly bot: UserState;
  readonly users = new Map<string, UserState>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly messagesById = new Map<string, StandinMessage>();
  /** Oldest first. */
  readonly channelMessages = new Map<string, StandinMessage[]>();
  /** Key: guild id, or '' for global commands. */
  readonly commands = new Map<string, CommandRecord[]>();
  readonly defaultUser: UserState;
  /** Who each created message would ping, by message id. */
  readonly pings = new Map<string, MessagePings>();
  private readonly dmChannelByUser = new Map<string, string>();

  constructor(
    readonly applicationId: string,
    botUsername: string,
  ) {
    this.bot = { id: applicationId, username: botUsername, bot: true };
    this.users.set(this.bot.id, this.bot);
    this.defaultUser = this.ensureUser(snowflake(), 'tester');
  }

  ensureUser(id: string, username?: string): UserState {
    let user = this.users.get(id);
    if (!user) {
      user = { id, username: username ?? `user${id.slice(-4)}`, bot: false };
      this.users.set(id, user);
    }
    return user;
  }

  addGuild(spec: GuildSpec): GuildState {
    const id = spec.id ?? snowflake();
    const owner = this.ensureUser(spec.ownerId ?? snowflake(), 'owner');
    const joinedAt = new Date().toISOString();
    const botRole: RoleState = {
      id: snowflake(),
      name: this.bot.username,
      permissions: toPermissionBits(spec.botPermissions, DEFAULT_MEMBER_PERMISSIONS),
      position: 1,
      managedByBot: true,
    };
    const everyone: RoleState = {
      id,
      name: '@everyone',
      permissions: toPermissionBits(spec.everyonePermissions, DEFAULT_MEMBER_PERMISSIONS),
      position: 0,
      managedByBot: false,
    };
    const guild: GuildState = {
      id,
      name: spec.name ?? `Guild ${id.slice(-4)}`,
      ownerId: owner.id,
      joinedAt,
      roles: [everyone, botRole],
      members: new Map([
        [this.bot.id, { userId: this.bot.id, roleIds: [botRole.id], joinedAt }],
        [owner.id, { userId: owner.id, roleIds: [], joinedAt }],
      ]),
      channelIds: [],
    };
    this.guilds.set(id, guild);
    const channelSpecs = spec.channels ?? [{ name: 'general' }];
    channelSpecs.forEach((channelSpec, position) => this.addGuildChannel(guild, channelSpec, position));
    return guild;
  }

  private addGuildChannel(guild: GuildState, spec: ChannelSpec, position: number): ChannelState {
    const channel: ChannelState = {
      id: spec.id ?? snowflake(),
      type: KIND_TYPES[spec.kind ?? 'text'],
      guildId: guild.id,
      name: spec.name ?? `channel-${position}`,
      ...(spec.kind === 'forum'
        ? { availableTags: (spec.availableTags ?? []).map((name) => ({ id: snowflake(), name })) }
        : {}),
      topic: spec.topic ?? null,
      position,
      overwrites: (spec.overwrites ?? []).map((o) => this.resolveOverwrite(guild, o)),
      recipientId: null,
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    guild.channelIds.push(channel.id);
    return channel;
  }

  resolveOverwrite(guild: GuildState, spec: OverwriteSpec): Overwrite {
    const id = spec.target === 'everyone' ? guild.id : spec.target === 'bot' ? this.bot.id : spec.target;
    const type = spec.target === 'bot' || spec.type === 'member' ? 1 : 0;
    return { id, type, allow: toPermissionBits(spec.allow, 0n), deny: toPermissionBits(spec.deny, 0n) };
  }

  removeGuild(guildId: string): GuildState | undefined {
    const guild = this.guilds.get(guildId);
    if (!guild) return undefined;
    this.guilds.delete(guildId);
    for (const channelId of guild.channelIds) this.channels.delete(channelId);
    return guild;
  }

  removeChannel(channelId: string): ChannelState | undefined {
    const channel = this.channels.get(channelId);
    if (!channel) return undefined;
    this.channels.delete(channelId);
    const guild = channel.guildId ? this.guilds.get(channel.guildId) : undefined;
    if (guild) guild.channelIds = guild.channelIds.filter((id) => id !== channelId);
    return channel;
  }

  dmChannelFor(userId: string): ChannelState {
    const existing = this.dmChannelByUser.get(userId);
    const known = existing ? this.channels.get(existing) : undefined;
    if (known) return known;
    const channel: ChannelState = {
      id: snowflake(),
      type: ChannelType.DM,
      guildId: null,
      name: '',
      topic: null,
      position: 0,
      overwrites: [],
      recipientId: userId,
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    this.dmChannelByUser.set(userId, channel.id);
    return channel;
  }

  /** A thread (or forum post) in a guild channel; it lives in the guild but is not one of its listed channels. */
  addThread(
    parent: ChannelState,
    spec: { id?: string; name: string; type: StandinChannelType; thread: ThreadState },
  ): ChannelState {
    const channel: ChannelState = {
      id: spec.id ?? snowflake(),
      type: spec.type,
      guildId: parent.guildId,
      name: spec.name,
      topic: null,
      position: 0,
      overwrites: [],
      recipientId: null,
      lastMessageId: null,
      parentId: parent.id,
      thread: spec.thread,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Threads whose parent is the channel, oldest first. */
  threadsOf(parentId: string): ChannelState[] {
    return [...this.channels.values()].filter((c) => c.parentId === parentId && c.thread !== undefined);
  }

  /** Permissions of a user in a channel; members not in the guild count as having only @everyone. */
  permissionsIn(channel: ChannelState, userId: string): bigint {
    if (channel.parentId) {
      const parent = this.channels.get(channel.parentId);
      return parent ? this.permissionsIn(parent, userId) : 0n;
    }
    if (!channel.guildId) return DM_APP_PERMISSIONS;
    const guild = this.guilds.get(channel.guildId);
    if (!guild) return 0n;
    const member = guild.members.get(userId);
    return computeChannelPermissions(
      {
        id: guild.id,
        ownerId: guild.ownerId,
        rolePermissions: new Map(guild.roles.map((r) => [r.id, r.permissions])),
      },
      { userId, roleIds: member?.roleIds ?? [] },
      channel.overwrites,
    );
  }

  // ---- messages ----

  storeMessage(message: StandinMessage, listed: boolean): void {
    this.messagesById.set(message.id, message);
    if (!listed) return;
    let list = this.channelMessages.get(message.channel_id);
    if (!list) {
      list = [];
      this.channelMessages.set(message.channel_id, list);
    }
    list.push(message);
    const channel = this.channels.get(message.channel_id);
    if (channel) channel.lastMessageId = message.id;
  }

  deleteMessage(messageId: string): boolean {
    const message = this.messagesById.get(messageId);
    if (!message) return false;
    this.messagesById.delete(messageId);
    const list = this.channelMessages.get(message.channel_id);
    const index = list?.indexOf(message) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
    return true;
  }

  /** Newest first, like GET /channels/:id/messages. */
  listMessages(
    channelId: string,
    query: { limit?: number; before?: string; after?: string },
  ): StandinMessage[] {
    const all = this.channelMessages.get(channelId) ?? [];
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 100);
    const { before, after } = query;
    if (after) {
      const newer = all.filter((m) => compareSnowflakes(m.id, after) > 0).slice(0, limit);
      return newer.reverse();
    }
    const older = before ? all.filter((m) => compareSnowflakes(m.id, before) < 0) : all;
    return older.slice(-limit).reverse();
  }

  // ---- JSON shapes ----

  userJson(user: UserState): JsonObject {
    return {
      id: user.id,
      username: user.username,
      discriminator: '0',
      global_name: user.bot ? null : user.username,
      avatar: null,
      bot: user.bot,
      system: false,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
    };
  }

  roleJson(role: RoleState): JsonObject {
    return {
      id: role.id,
      name: role.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: role.position,
      permissions: role.permissions.toString(),
      managed: role.managedByBot,
      mentionable: false,
      flags: 0,
      ...(role.managedByBot ? { tags: { bot_id: this.bot.id } } : {}),
    };
  }

  memberJson(member: MemberState): JsonObject {
    const user = this.users.get(member.userId) ?? this.ensureUser(member.userId);
    return {
      user: this.userJson(user),
      nick: null,
      avatar: null,
      banner: null,
      roles: member.roleIds,
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  channelJson(channel: ChannelState): JsonObject {
    if (channel.type === ChannelType.DM) {
      const recipient = this.users.get(channel.recipientId ?? '') ?? this.defaultUser;
      return {
        id: channel.id,
        type: ChannelType.DM,
        last_message_id: channel.lastMessageId,
        flags: 0,
        recipients: [this.userJson(recipient)],
      };
    }
    if (channel.thread) return this.threadJson(channel, channel.thread);
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      position: channel.position,
      ...(channel.availableTags
        ? {
            available_tags: channel.availableTags.map((t) => ({
              id: t.id,
              name: t.name,
              moderated: false,
              emoji_id: null,
              emoji_name: null,
            })),
            default_reaction_emoji: null,
            default_sort_order: null,
            default_forum_layout: 0,
            default_thread_rate_limit_per_user: 0,
          }
        : {}),
      permission_overwrites: channel.overwrites.map((o) => ({
        id: o.id,
        type: o.type,
        allow: o.allow.toString(),
        deny: o.deny.toString(),
      })),
      parent_id: null,
      topic: channel.topic,
      nsfw: false,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  threadJson(channel: ChannelState, thread: ThreadState): JsonObject {
    const count = this.channelMessages.get(channel.id)?.length ?? 0;
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      parent_id: channel.parentId ?? null,
      name: channel.name,
      owner_id: thread.ownerId,
      last_message_id: channel.lastMessageId,
      message_count: count,
      member_count: 1,
      total_message_sent: count,
      rate_limit_per_user: 0,
      flags: 0,
      applied_tags: thread.appliedTags,
      thread_metadata: {
        archived: false,
        auto_archive_duration: thread.autoArchiveDuration,
        archive_timestamp: thread.createdAt,
        locked: false,
        create_timestamp: thread.createdAt,
      },
    };
  }

  /** The guild as GET /guilds/:id returns it. */
  guildJson(guild: GuildState): JsonObject {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: guild.roles.map((r) => this.roleJson(r)),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      safety_alerts_channel_id: null,
      public_updates_channel_id: null,
      max_members: 500000,
      max_presences: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      incidents_data: null,
      region: 'deprecated',
    };
  }

  /** The guild as the GUILD_CREATE dispatch carries it. */
  guildCreateJson(guild: GuildState): JsonObject {
    return {
      ...this.guildJson(guild),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: [...guild.members.values()].map((m) => this.memberJson(m)),
      channels: this.guildChannelsJson(guild),
      threads: [...this.channels.values()]
        .filter((c) => c.guildId === guild.id && c.thread)
        .map((c) => this.channelJson(c)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  guildChannelsJson(guild: GuildState): JsonObject[] {
    return guild.channelIds.flatMap((id) => {
      const channel = this.channels.get(id);
      return channel ? [this.channelJson(channel)] : [];
    });
  }

  applicationJson(): JsonObject {
    return {
      id: this.applicationId,
      name: this.bot.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      hook: true,
      is_monetized: false,
      owner: this.userJson(this.defaultUser),
      team: null,
      bot: this.userJson(this.bot),
      integration_types_config: { '0': {} },
      approximate_guild_count: this.guilds.size,
    };
  }
}
