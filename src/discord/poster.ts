import { Routes } from 'discord.js';
import type { Client } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import type { MessagePayload } from '../contracts/payload.js';
import type { FeaturedPoster, FoundPost, SendResult } from '../featured/types.js';
import { carriesMarker, createForumPost, findMarkedForumPost, forumOf } from './forum-poster.js';
import { channelMessageBody } from './respond.js';

/** How far back a restarted bot looks for its own post of a period. */
const READ_BACK_LIMIT = 50;
const A_WEEK_IN_MINUTES = 10_080;
const THREAD_ALREADY_CREATED = 160_004;

/** No pings, except the users or roles the payload names (an updates channel's role). */
function allowedMentionsOf(payload: MessagePayload): object {
  const { users, roles } = payload.allowedMentions;
  return { parse: [], ...(users ? { users } : {}), ...(roles ? { roles } : {}) };
}

function messageUrl(client: Client, channelId: string, messageId: string): string {
  const channel = client.channels.cache.get(channelId);
  const guildId = channel && 'guildId' in channel && channel.guildId ? channel.guildId : '@me';
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

/** The featured scheduler's and the updates engine's window on Discord: plain REST calls, results as values. */
export function createDiscordPoster(client: Client): FeaturedPoster {
  return {
    async send(channelId: string, payload: MessagePayload, { nonce, title, tag }): Promise<SendResult> {
      try {
        const forum = forumOf(client, channelId);
        if (forum) {
          const post = await createForumPost(client, forum, payload, {
            ...(title === undefined ? {} : { title }),
            ...(tag === undefined ? {} : { tag }),
            allowedMentions: allowedMentionsOf(payload),
          });
          return { ok: true, ...post };
        }
        const message = (await client.rest.post(Routes.channelMessages(channelId), {
          body: {
            ...channelMessageBody(payload),
            allowed_mentions: allowedMentionsOf(payload),
            nonce,
            enforce_nonce: true,
          },
        })) as APIMessage;
        return { ok: true, messageId: message.id, url: messageUrl(client, channelId, message.id) };
      } catch (error) {
        return { ok: false, error };
      }
    },

    async openThread(channelId: string, messageId: string, name: string): Promise<void> {
      // A forum post is a thread already.
      if (forumOf(client, channelId)) return;
      try {
        await client.rest.post(Routes.threads(channelId, messageId), {
          body: { name, auto_archive_duration: A_WEEK_IN_MINUTES },
        });
      } catch (error) {
        // A retry or a recovery after a crash: the message has its thread already.
        if ((error as { code?: unknown }).code !== THREAD_ALREADY_CREATED) throw error;
      }
    },

    async findMarkedPost(channelId: string, marker: string): Promise<FoundPost | undefined> {
      const forum = forumOf(client, channelId);
      if (forum) return findMarkedForumPost(client, forum, marker);
      const query = new URLSearchParams({ limit: String(READ_BACK_LIMIT) });
      const messages = (await client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
      const ours = messages.find(
        (message) => message.author.id === client.user?.id && carriesMarker(message, marker),
      );
      return ours ? { messageId: ours.id, url: messageUrl(client, channelId, ours.id) } : undefined;
    },
  };
}
