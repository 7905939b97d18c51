/** `/dsp-admin featured status`: where and when posts go, the last one, and why posting paused. */
import type { APIEmbedField } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { FeaturedSettings, PostRecord } from '../../src/store/types.js';
import type { CommandInput, SubcommandModule } from '../types.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { FeaturedServices } from '../../src/contracts/featured.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline } from '../lib/escape.js';
import { SET_COMMAND, discordTimestamp, isSentPost, messageLink } from '../lib/featured-post.js';
import {
  RESUME_COMMAND,
  accessProblem,
  guildSettings,
  isAnswer,
  nextPostText,
  pauseReasonText,
  scheduleText,
  stateOf,
  statusAnswer,
} from './shared.js';

const RECENT_POSTS = 10;
const STATE_TITLES = {
  on: 'Featured posts: on',
  paused: 'Featured posts: paused',
  off: 'Featured posts: off',
};

/** The newest sent post: `[etcd](link) <t:…:R>`. */
function lastPostText(guildId: string, posts: readonly PostRecord[], services: CommandServices): string {
  const post = posts.find(isSentPost);
  if (post === undefined) return 'None yet';
  const name = services.catalog().index.get(post.entryId)?.name ?? post.entryId;
  const link = messageLink(guildId, post.channelId, post.messageId);
  return `[${escapeInline(name)}](${link}) ${discordTimestamp(post.sentAt, 'R')}`;
}

function pausedFields(settings: FeaturedSettings, featured: FeaturedServices): APIEmbedField[] {
  const since = settings.pausedAt === undefined ? '' : ` ${discordTimestamp(settings.pausedAt, 'R')}`;
  const now = accessProblem(
    featured.channelAccess(settings.guildId, settings.channelId, settings.thread),
    settings.channelId,
  );
  const fix =
    now === undefined
      ? `dsp can post in the channel again: run \`${RESUME_COMMAND}\` to continue.`
      : `Right now: ${now} Then run \`${RESUME_COMMAND}\`.`;
  return [
    { name: 'Why it paused', value: `Paused${since}: ${pauseReasonText(settings.pausedReason ?? '')}.` },
    { name: 'How to resume', value: fix },
  ];
}

function stateFields(settings: FeaturedSettings, featured: FeaturedServices, now: Date): APIEmbedField[] {
  const state = stateOf(settings);
  if (state === 'on') {
    const next = { name: 'Next post', value: nextPostText(settings, now) };
    const problem = accessProblem(
      featured.channelAccess(settings.guildId, settings.channelId, settings.thread),
      settings.channelId,
    );
    // Warn before the post fails and pauses posting.
    return problem === undefined ? [next] : [next, { name: '⚠️ The next post will fail', value: problem }];
  }
  if (state === 'paused') return pausedFields(settings, featured);
  return [
    {
      name: 'How to turn it on',
      value: `\`${RESUME_COMMAND}\` turns it back on with these settings; \`${SET_COMMAND}\` changes them.`,
    },
  ];
}

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = await guildSettings(input, services);
  if (isAnswer(context)) return context;
  const { guildId, featured, settings } = context;
  const posts = await featured.history(guildId, RECENT_POSTS);
  const state = stateOf(settings);
  return statusAnswer(STATE_TITLES[state], state === 'on', settings.channelId, [
    { name: 'Timezone', value: escapeInline(settings.timezone), inline: true },
    { name: 'Schedule', value: scheduleText(settings.schedule) },
    ...stateFields(settings, featured, services.now()),
    { name: 'Last post', value: lastPostText(guildId, posts, services) },
  ]);
}

export const featuredStatus: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'status',
    description: 'Where and when featured posts go, the last post, and why posting paused',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute,
};
