import { ChannelType, PermissionFlagsBits } from 'discord.js';
import type { Client } from 'discord.js';
import type { ChannelAccess, FeaturedServices } from '../contracts/featured.js';
import type { FeaturedScheduler } from '../featured/scheduler.js';
import type { Store } from '../store/types.js';

const REQUIRED = [
  ['ViewChannel', PermissionFlagsBits.ViewChannel],
  ['SendMessages', PermissionFlagsBits.SendMessages],
  ['EmbedLinks', PermissionFlagsBits.EmbedLinks],
] as const;

/** What opening a thread on each post needs besides. */
const THREAD_REQUIRED = [
  ['CreatePublicThreads', PermissionFlagsBits.CreatePublicThreads],
  ['SendMessagesInThreads', PermissionFlagsBits.SendMessagesInThreads],
] as const;

const POSTABLE = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum]);

export function channelAccess(
  client: Client,
  guildId: string,
  channelId: string,
  thread = false,
): ChannelAccess {
  const channel = client.guilds.cache.get(guildId)?.channels.cache.get(channelId);
  const me = client.user;
  if (!channel || !me) return { exists: false, textBased: false, missing: [] };
  const permissions = channel.permissionsFor(me);
  // A forum post is a thread already: no thread of its own to open.
  const forum = channel.type === ChannelType.GuildForum;
  return {
    exists: true,
    textBased: POSTABLE.has(channel.type),
    ...(forum ? { forum } : {}),
    missing: [...REQUIRED, ...(thread && !forum ? THREAD_REQUIRED : [])]
      .filter(([, flag]) => !permissions?.has(flag))
      .map(([name]) => name),
  };
}

/** The featured feature as commands see it: the store for settings, the scheduler for timing. */
export function createFeaturedServices(options: {
  client: Client;
  store: Store;
  scheduler: FeaturedScheduler;
  minIntervalSeconds: number;
}): FeaturedServices {
  const { client, store, scheduler } = options;
  return {
    settings: (guildId) => store.getFeatured(guildId),
    async save(settings) {
      await store.saveFeatured(settings);
      await scheduler.refresh();
    },
    async disable(guildId) {
      await store.disableFeatured(guildId);
      await scheduler.refresh();
    },
    async resume(guildId) {
      const resumed = await store.resumeFeatured(guildId);
      await scheduler.refresh();
      return resumed;
    },
    history: (guildId, limit) => store.recentPosts(guildId, limit),
    async preview(guildId) {
      const preview = await scheduler.preview(guildId);
      return preview && { entry: preview.entry, payload: preview.payload, fireAt: preview.fireAt };
    },
    channelAccess: (guildId, channelId, thread) => channelAccess(client, guildId, channelId, thread),
    minIntervalSeconds: options.minIntervalSeconds,
  };
}
