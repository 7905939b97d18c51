/**
 * Posts in forum channels (issue 15 §2): each post becomes a forum post titled after its project (or
 * the digest's day) with the forum tag named like its category when the forum has one. Forum posts
 * take no nonce, so exactly once rests on the marker: before any resend the forum's posts are read
 * back (their starter message has the post's id) and a marked one is taken as sent.
 */
import { ChannelType, Routes } from 'discord.js';
import type { Client, ForumChannel } from 'discord.js';
import type { APIChannel, APIMessage, APIThreadList } from 'discord-api-types/v10';
import type { MessagePayload } from '../contracts/payload.js';
import type { FoundPost } from '../featured/types.js';
import { channelMessageBody } from './respond.js';

/** How many of the forum's newest posts a restarted bot reads back. */
const READ_BACK_POSTS = 25;
const TITLE_LIMIT = 100;

export function forumOf(client: Client, channelId: string): ForumChannel | undefined {
  const channel = client.channels.cache.get(channelId);
  return channel?.type === ChannelType.GuildForum ? channel : undefined;
}

function postUrl(forum: ForumChannel, postId: string): string {
  return `https://discord.com/channels/${forum.guildId}/${postId}/${postId}`;
}

/** A new forum post carrying `payload` as its first message; its id is the post's and the message's. */
export async function createForumPost(
  client: Client,
  forum: ForumChannel,
  payload: MessagePayload,
  options: { title?: string; tag?: string; allowedMentions: object },
): Promise<FoundPost> {
  const wanted = options.tag?.toLowerCase();
  const tag = forum.availableTags.find((candidate) => candidate.name.toLowerCase() === wanted);
  const post = (await client.rest.post(Routes.threads(forum.id), {
    body: {
      name: (options.title ?? 'dsp').slice(0, TITLE_LIMIT) || 'dsp',
      message: {
        ...channelMessageBody(payload),
        allowed_mentions: options.allowedMentions,
      },
      applied_tags: tag ? [tag.id] : [],
    },
  })) as APIChannel;
  return { messageId: post.id, url: postUrl(forum, post.id) };
}

/** The marker is in the embed footer, or in a card layout's footer text (CARD_STYLE=components). */
export function carriesMarker(message: APIMessage, marker: string): boolean {
  return (
    message.embeds.some((embed) => embed.footer?.text.includes(marker)) ||
    JSON.stringify(message.components ?? []).includes(marker)
  );
}

/** The forum post whose first message is ours and carries `marker`, among the newest ones. */
export async function findMarkedForumPost(
  client: Client,
  forum: ForumChannel,
  marker: string,
): Promise<FoundPost | undefined> {
  const { threads } = (await client.rest.get(Routes.guildActiveThreads(forum.guildId))) as APIThreadList;
  const posts = threads
    .filter((thread) => 'parent_id' in thread && thread.parent_id === forum.id)
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
    .slice(0, READ_BACK_POSTS);
  for (const post of posts) {
    const starter = (await client.rest.get(Routes.channelMessage(post.id, post.id))) as APIMessage;
    const ours = starter.author.id === client.user?.id;
    if (ours && carriesMarker(starter, marker)) {
      return { messageId: post.id, url: postUrl(forum, post.id) };
    }
  }
  return undefined;
}
