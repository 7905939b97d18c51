/** Pieces every `/dsp-admin featured …` subcommand shares: checks, wording, timestamps. */
import type { FeaturedSettings } from '../../src/store/types.js';
import { describeSchedule, nextFire } from '../../src/schedule/schedule.js';
import type { CommandInput } from '../types.js';
import type { ChannelAccess, FeaturedServices } from '../../src/contracts/featured.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline, escapeMarkdown } from '../lib/escape.js';
import { FEATURED_UNAVAILABLE, NOT_SET_UP, whenText } from '../lib/featured-post.js';
import type { APIApplicationCommandChannelOption, APIEmbedField } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ChannelType } from 'discord-api-types/v10';
import { fitEmbed } from '../lib/limits.js';
import { COLOURS, notice, payload } from '../lib/render.js';

export const RESUME_COMMAND = '/dsp-admin featured resume';

const PERMISSION_NAMES: Record<ChannelAccess['missing'][number], string> = {
  ViewChannel: 'View Channel',
  SendMessages: 'Send Messages',
  EmbedLinks: 'Embed Links',
  CreatePublicThreads: 'Create Public Threads',
  SendMessagesInThreads: 'Send Messages in Threads',
};

/** Why the scheduler paused a server (src/featured/errors.ts reasons), in words. */
const PAUSE_REASONS: Record<string, string> = {
  'missing-access':
    'dsp could not see the channel (Discord said Missing Access): it needs **View Channel** there',
  'missing-permissions':
    'dsp lacked a permission in the channel (Discord said Missing Permissions): it needs **Send Messages** and **Embed Links** there',
  'unknown-channel': 'the channel no longer exists (deleted, or dsp lost access to the server)',
  rejected: 'Discord rejected the post',
};

export type FeaturedState = 'on' | 'paused' | 'off';

export function stateOf(settings: FeaturedSettings): FeaturedState {
  if (!settings.enabled) return 'off';
  return settings.pausedReason === undefined ? 'on' : 'paused';
}

export interface GuildFeatured {
  guildId: string;
  featured: FeaturedServices;
}

/** The server and the featured services, or the answer to give when either is missing. */
export function guildFeatured(
  input: CommandInput,
  services: CommandServices,
): GuildFeatured | MessagePayload {
  if (input.guildId === undefined) return notice('This command only works in a server.');
  if (services.featured === undefined) return notice(FEATURED_UNAVAILABLE);
  return { guildId: input.guildId, featured: services.featured };
}

export function isAnswer(value: GuildFeatured | MessagePayload): value is MessagePayload {
  return 'allowedMentions' in value;
}

export interface GuildSettings extends GuildFeatured {
  settings: FeaturedSettings;
}

/** As guildFeatured, with the server's settings; answers NOT_SET_UP when it has none. */
export async function guildSettings(
  input: CommandInput,
  services: CommandServices,
): Promise<GuildSettings | MessagePayload> {
  const context = guildFeatured(input, services);
  if (isAnswer(context)) return context;
  const settings = await context.featured.settings(context.guildId);
  return settings === undefined ? notice(NOT_SET_UP) : { ...context, settings };
}

export function channelMention(channelId: string): string {
  return /^\d{1,25}$/.test(channelId) ? `<#${channelId}>` : escapeInline(channelId);
}

export function permissionList(missing: readonly ChannelAccess['missing'][number][], forum = false): string {
  const name = (permission: ChannelAccess['missing'][number]) =>
    forum && permission === 'SendMessages' ? 'Create Posts' : PERMISSION_NAMES[permission];
  const names = missing.map((permission) => `**${name(permission)}**`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** What stops dsp from posting in the channel, or undefined when it can. */
export function accessProblem(access: ChannelAccess, channelId: string): string | undefined {
  const channel = channelMention(channelId);
  if (!access.exists) {
    return `dsp cannot find ${channel}: it may have been deleted, or dsp lacks **View Channel** there.`;
  }
  if (!access.textBased)
    return `${channel} is not a text, announcement or forum channel: pick one dsp can post in.`;
  if (access.missing.length > 0) {
    const one = access.missing.length === 1;
    return (
      `dsp is missing the ${permissionList(access.missing, access.forum)} ${one ? 'permission' : 'permissions'} in ${channel}. ` +
      `Grant ${one ? 'it' : 'them'} to dsp (or its role) in the channel settings, then try again.`
    );
  }
  return undefined;
}

/** The `channel` option of `featured set` and `updates set`: where dsp posts. */
export const POST_CHANNEL_OPTION: APIApplicationCommandChannelOption = {
  type: ApplicationCommandOptionType.Channel,
  name: 'channel',
  description: 'The text, announcement or forum channel to post in',
  channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum],
  required: true,
};

/** A `status` answer: the state as title and colour, the channel first, then `fields`. */
export function statusAnswer(
  title: string,
  on: boolean,
  channelId: string,
  fields: readonly APIEmbedField[],
): MessagePayload {
  const embed = fitEmbed({
    title,
    color: on ? COLOURS.brand : COLOURS.notice,
    fields: [{ name: 'Channel', value: channelMention(channelId), inline: true }, ...fields],
  });
  return payload({ embeds: [embed] }, true);
}

export function pauseReasonText(reason: string): string {
  return PAUSE_REASONS[reason] ?? escapeMarkdown(reason);
}

/** `At 15:00, only on Monday (\`0 15 * * 1\`)`. */
export function scheduleText(cron: string): string {
  return `${escapeMarkdown(describeSchedule(cron))} (\`${cron.replace(/`/g, "'")}\`)`;
}

export function nextPostText(settings: Pick<FeaturedSettings, 'schedule' | 'timezone'>, now: Date): string {
  try {
    return whenText(nextFire(settings.schedule, settings.timezone, now));
  } catch {
    return 'Never: this schedule does not fire again.';
  }
}

const UNITS: readonly [string, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** `1 hour`, `90 minutes` reads worse than `1 hour 30 minutes`: whole units, largest first. */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.round(totalSeconds));
  const parts: string[] = [];
  for (const [unit, seconds] of UNITS) {
    const count = Math.floor(rest / seconds);
    rest -= count * seconds;
    if (count > 0) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
  }
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}
