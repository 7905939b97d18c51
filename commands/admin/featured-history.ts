/** `/dsp-admin featured history`: the last 10 featured posts, with links and project names. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { PostRecord } from '../../src/store/types.js';
import type { CommandInput, SubcommandModule } from '../types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline } from '../lib/escape.js';
import { NOT_SET_UP, discordTimestamp, isSentPost, messageLink } from '../lib/featured-post.js';
import { LIMITS, fitEmbed, joinLinesWithin } from '../lib/limits.js';
import { COLOURS, notice, payload } from '../lib/render.js';
import { guildFeatured, isAnswer, pauseReasonText } from './shared.js';

export const HISTORY_LIMIT = 10;

function projectName(catalog: Catalog, post: PostRecord): string {
  const entry = catalog.index.get(post.entryId);
  return (
    escapeInline(entry?.name ?? post.entryId) + (entry === undefined ? ' *(no longer in the list)*' : '')
  );
}

/** `<t:…:f> · [etcd](link)`, or why the post did not go out. */
function historyLine(guildId: string, catalog: Catalog, post: PostRecord): string {
  const name = projectName(catalog, post);
  if (isSentPost(post)) {
    return `${discordTimestamp(post.sentAt, 'f')} · [${name}](${messageLink(guildId, post.channelId, post.messageId)})`;
  }
  const due = discordTimestamp(new Date(post.periodKey), 'f');
  if (post.failedReason !== undefined) {
    return `${due} · ${name} · not posted: ${pauseReasonText(post.failedReason)}`;
  }
  return `${due} · ${name} · being posted`;
}

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = guildFeatured(input, services);
  if (isAnswer(context)) return context;
  const { guildId, featured } = context;
  const posts = await featured.history(guildId, HISTORY_LIMIT);
  if (posts.length === 0) {
    const settings = await featured.settings(guildId);
    return notice(settings === undefined ? NOT_SET_UP : 'No featured posts yet.');
  }
  const catalog = services.catalog();
  const embed = fitEmbed({
    title: `Last ${posts.length} featured ${posts.length === 1 ? 'post' : 'posts'}`,
    description: joinLinesWithin(
      posts.map((post) => historyLine(guildId, catalog, post)),
      LIMITS.embedDescription,
    ),
    color: COLOURS.brand,
  });
  return payload({ embeds: [embed] }, true);
}

export const featuredHistory: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'history',
    description: 'The last 10 featured posts, with links',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute,
};
