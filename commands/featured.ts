/**
 * `/dsp featured [hide]`: this server's current featured project, i.e. the project of its latest
 * featured post, with a link to that post.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandInput, SubcommandModule } from './types.js';
import type { FeaturedServices } from '../src/contracts/featured.js';
import type { CommandServices } from '../src/contracts/services.js';
import type { MessagePayload } from '../src/contracts/payload.js';
import { escapeInline } from './lib/escape.js';
import {
  FEATURED_UNAVAILABLE,
  NOT_SET_UP,
  type SentPost,
  discordTimestamp,
  isSentPost,
  messageLink,
} from './lib/featured-post.js';
import { hideOption, isHidden } from './lib/options.js';
import { SIMILAR_LIMIT, notice } from './lib/render.js';
import { projectCardPayload } from './lib/cards.js';
import { cardStyleOf } from './lib/layout.js';

/** Recent posts looked through for the latest one that was actually sent (failed ones are skipped). */
const RECENT_POSTS = 5;

async function latestSentPost(featured: FeaturedServices, guildId: string): Promise<SentPost | undefined> {
  const posts = await featured.history(guildId, RECENT_POSTS);
  return posts.find(isSentPost);
}

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const { guildId } = input;
  if (guildId === undefined) {
    return notice('`/dsp featured` only works in servers: each server has its own featured project.');
  }
  const featuredServices = services.featured;
  if (featuredServices === undefined) return notice(FEATURED_UNAVAILABLE);
  const post = await latestSentPost(featuredServices, guildId);
  if (post === undefined) {
    const setUp = (await featuredServices.settings(guildId)) !== undefined;
    return notice(`No featured project yet in this server.${setUp ? '' : ` ${NOT_SET_UP}`}`);
  }
  const link = messageLink(guildId, post.channelId, post.messageId);
  const when = `posted ${discordTimestamp(post.sentAt, 'R')}: [see the post](${link})`;
  const catalog = services.catalog();
  const entry = catalog.index.get(post.entryId);
  if (entry === undefined) {
    const id = escapeInline(post.entryId);
    return notice(
      `This server's featured project (${id}) is no longer in the list; it was ${when}.`,
      isHidden(input),
    );
  }
  return projectCardPayload(
    {
      entry,
      options: { similar: catalog.index.similar(entry.id, SIMILAR_LIMIT) },
      intro: `⭐ This server's featured project, ${when}`,
    },
    cardStyleOf(services),
    isHidden(input),
  );
}

export const featured: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'featured',
    description: "This server's featured project and a link to its post",
    options: [hideOption],
  },
  guildOnly: true,
  execute,
};
