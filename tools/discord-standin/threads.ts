/**
 * Threads and forum posts: POST /channels/:id/threads (a forum post with its starter message and
 * applied tags, or a thread without a message in a text channel) and
 * POST /channels/:id/messages/:id/threads (a thread on a message; one per message, as on Discord),
 * GET /guilds/:id/threads/active (every thread of the guild).
 */
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { buildMessage } from './messages.js';
import { asObject, discordError, type RestApi, type RestReply, type RestRequest } from './rest.js';
import { withChannel, withGuild, type Core } from './routes.js';
import { validateMessage } from './validate.js';
import { isThreadType, type ChannelState, type StandinChannelType } from './world.js';

const AUTO_ARCHIVE_DURATIONS = new Set([60, 1440, 4320, 10080]);
const HAS_THREAD = 1 << 5;

function threadName(body: Record<string, unknown>): string | RestReply {
  const name = typeof body.name === 'string' ? body.name : '';
  if (name.length < 1 || [...name].length > 100) {
    return {
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          name: {
            _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }],
          },
        },
      },
    };
  }
  return name;
}

function autoArchive(body: Record<string, unknown>): number | RestReply {
  const value = body.auto_archive_duration ?? 4320;
  if (typeof value !== 'number' || !AUTO_ARCHIVE_DURATIONS.has(value))
    return discordError(400, 50035, 'Invalid Form Body');
  return value;
}

function announceThread(core: Core, thread: ChannelState): void {
  core.gateway.broadcast(thread.guildId, 'THREAD_CREATE', {
    ...core.world.channelJson(thread),
    newly_created: true,
  });
}

function startThread(core: Core, parent: ChannelState, req: RestRequest): RestReply {
  const { world } = core;
  const body = asObject(req.body);
  const name = threadName(body);
  if (typeof name !== 'string') return name;
  const duration = autoArchive(body);
  if (typeof duration !== 'number') return duration;
  const permissions = world.permissionsIn(parent, world.bot.id);
  if (parent.type === ChannelType.GuildForum) {
    // Creating a post in a forum needs Send Messages ("Create Posts" in the client).
    if (!(permissions & PermissionFlagsBits.SendMessages))
      return discordError(403, 50013, 'Missing Permissions');
    const message = asObject(body.message);
    const invalid = validateMessage(message, true, req.files.length > 0);
    if (invalid) return invalid;
    const offered = new Set((parent.availableTags ?? []).map((t) => t.id));
    const applied = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
    if (applied.some((id) => !offered.has(id)) || applied.length > 5)
      return discordError(400, 50035, 'Invalid Form Body');
    const starter = buildMessage(world, {
      channelId: '',
      guildId: parent.guildId,
      author: world.bot,
      body: message,
      files: req.files,
    });
    const thread = world.addThread(parent, {
      id: starter.id,
      name,
      type: ChannelType.PublicThread,
      thread: {
        ownerId: world.bot.id,
        autoArchiveDuration: duration,
        appliedTags: applied,
        createdAt: new Date().toISOString(),
      },
    });
    starter.channel_id = thread.id;
    world.storeMessage(starter, true);
    announceThread(core, thread);
    core.gateway.dispatchMessageCreate(thread.guildId, starter);
    core.messageChanged(starter);
    return { status: 201, body: { ...world.channelJson(thread), message: starter } };
  }
  if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement)
    return discordError(400, 50024, 'Cannot execute action on this channel type');
  const type = (
    parent.type === ChannelType.GuildAnnouncement
      ? ChannelType.AnnouncementThread
      : typeof body.type === 'number'
        ? body.type
        : ChannelType.PrivateThread
  ) as StandinChannelType;
  const needed =
    type === ChannelType.PrivateThread
      ? PermissionFlagsBits.CreatePrivateThreads
      : PermissionFlagsBits.CreatePublicThreads;
  if (!(permissions & needed)) return discordError(403, 50013, 'Missing Permissions');
  const thread = world.addThread(parent, {
    name,
    type,
    thread: {
      ownerId: world.bot.id,
      autoArchiveDuration: duration,
      appliedTags: [],
      createdAt: new Date().toISOString(),
    },
  });
  announceThread(core, thread);
  return { status: 201, body: world.channelJson(thread) };
}

function threadFromMessage(core: Core, parent: ChannelState, req: RestRequest): RestReply {
  const { world } = core;
  const message = world.messagesById.get(req.params.message ?? '');
  if (!message || message.channel_id !== parent.id) return discordError(404, 10008, 'Unknown Message');
  if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement)
    return discordError(400, 50024, 'Cannot execute action on this channel type');
  if (world.channels.has(message.id) || message.thread !== undefined)
    return discordError(400, 160004, 'A thread has already been created for this message');
  const permissions = world.permissionsIn(parent, world.bot.id);
  if (!(permissions & PermissionFlagsBits.CreatePublicThreads))
    return discordError(403, 50013, 'Missing Permissions');
  const body = asObject(req.body);
  const name = threadName(body);
  if (typeof name !== 'string') return name;
  const duration = autoArchive(body);
  if (typeof duration !== 'number') return duration;
  const thread = world.addThread(parent, {
    id: message.id,
    name,
    type:
      parent.type === ChannelType.GuildAnnouncement
        ? ChannelType.AnnouncementThread
        : ChannelType.PublicThread,
    thread: {
      ownerId: world.bot.id,
      autoArchiveDuration: duration,
      appliedTags: [],
      createdAt: new Date().toISOString(),
    },
  });
  message.flags |= HAS_THREAD;
  message.thread = world.channelJson(thread);
  announceThread(core, thread);
  core.messageChanged(message);
  return { status: 201, body: world.channelJson(thread) };
}

export function registerThreadRoutes(api: RestApi, core: Core): void {
  api.route('POST', '/channels/:channel/threads', (req) =>
    withChannel(core, req, (c) =>
      isThreadType(c.type)
        ? discordError(400, 50024, 'Cannot execute action on this channel type')
        : startThread(core, c, req),
    ),
  );
  api.route('POST', '/channels/:channel/messages/:message/threads', (req) =>
    withChannel(core, req, (c) => threadFromMessage(core, c, req)),
  );
  // Every thread and forum post of the guild (the stand-in archives none).
  api.route('GET', '/guilds/:guild/threads/active', (req) =>
    withGuild(core, req, (guild) => {
      const threads = [...core.world.channels.values()].filter(
        (c) => c.guildId === guild.id && c.thread !== undefined,
      );
      return { status: 200, body: { threads: threads.map((c) => core.world.channelJson(c)), members: [] } };
    }),
  );
}
