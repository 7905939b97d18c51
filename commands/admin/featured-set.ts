/**
 * `/dsp-admin featured set channel:<channel> [schedule] [timezone] [thread]`: where and when the featured
 * post goes. Everything is checked before saving: the schedule, the timezone, how often it fires
 * and whether dsp may post in the channel.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import {
  isValidTimezone,
  minimumGapSeconds,
  parseSchedule,
  suggestTimezones,
} from '../../src/schedule/schedule.js';
import type { Choice, CommandInput, SubcommandModule } from '../types.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline } from '../lib/escape.js';
import { fitChoices } from '../lib/limits.js';
import { stringOption } from '../lib/options.js';
import { notice } from '../lib/render.js';
import { confirmation } from './featured-confirmation.js';
import { POST_CHANNEL_OPTION, accessProblem, formatDuration, guildFeatured, isAnswer } from './shared.js';

export const DEFAULT_SCHEDULE = 'weekly';
export const DEFAULT_TIMEZONE = 'UTC';
const TIMEZONE_HINTS = 3;
/** Offered before anything is typed, instead of the alphabetical start (Africa/Abidjan…). */
const COMMON_TIMEZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
];

type Checked<T> = { ok: true; value: T } | { ok: false; answer: MessagePayload };

function checkTimezone(raw: string | undefined): Checked<string> {
  const timezone = raw ?? DEFAULT_TIMEZONE;
  if (isValidTimezone(timezone)) return { ok: true, value: timezone };
  const close = suggestTimezones(timezone, TIMEZONE_HINTS);
  const hint = close.length > 0 ? ` Did you mean ${close.map((name) => `\`${name}\``).join(', ')}?` : '';
  return {
    ok: false,
    answer: notice(
      `“${escapeInline(timezone)}” is not a timezone dsp knows. Use an IANA name such as ` +
        `\`Europe/Berlin\`, \`America/New_York\` or \`UTC\` (the option suggests them as you type).${hint}`,
    ),
  };
}

function checkSchedule(raw: string | undefined): Checked<string> {
  const parsed = parseSchedule(raw ?? DEFAULT_SCHEDULE);
  if (parsed.ok) return { ok: true, value: parsed.cron };
  return {
    ok: false,
    answer: notice(
      `${escapeInline(parsed.message)} Example: \`schedule:0 9 * * 1\` posts on Mondays at 09:00.`,
    ),
  };
}

function frequencyProblem(cron: string, timezone: string, now: Date, minimum: number): string | undefined {
  const gap = minimumGapSeconds(cron, timezone, now);
  if (gap === undefined) {
    return (
      `\`${cron}\` never fires: no date matches it (such as 30 February). ` +
      'Pick a schedule that does, e.g. `weekly` or `daily`.'
    );
  }
  if (gap >= minimum) return undefined;
  return (
    `\`${cron}\` fires every ${formatDuration(gap)}; the minimum is ${formatDuration(minimum)} ` +
    '(FEATURED_MIN_INTERVAL). Pick a less frequent schedule, e.g. `weekly` or `daily`.'
  );
}

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = guildFeatured(input, services);
  if (isAnswer(context)) return context;
  const { guildId, featured } = context;
  const channelId = stringOption(input.options, 'channel');
  if (channelId === undefined) return notice('Pick the channel to post in, e.g. `channel:#general`.');
  const schedule = checkSchedule(stringOption(input.options, 'schedule'));
  if (!schedule.ok) return schedule.answer;
  const timezone = checkTimezone(stringOption(input.options, 'timezone'));
  if (!timezone.ok) return timezone.answer;
  const now = services.now();
  const tooOften = frequencyProblem(schedule.value, timezone.value, now, featured.minIntervalSeconds);
  if (tooOften !== undefined) return notice(tooOften);
  const thread = input.options.thread === true;
  const problem = accessProblem(featured.channelAccess(guildId, channelId, thread), channelId);
  if (problem !== undefined) return notice(`Not saved: ${problem}`);
  const settings = {
    guildId,
    channelId,
    schedule: schedule.value,
    timezone: timezone.value,
    enabled: true,
    updatedAt: now,
    updatedBy: input.userId,
    ...(thread ? { thread } : {}),
  };
  await featured.save(settings);
  return confirmation('Featured posts are on', settings, now);
}

function autocomplete(input: { focused: string; value: string }): Choice[] {
  if (input.focused !== 'timezone') return [];
  const names =
    input.value.trim() === '' ? COMMON_TIMEZONES.filter(isValidTimezone) : suggestTimezones(input.value);
  return fitChoices(names.map((name) => ({ name, value: name })));
}

export const featuredSet: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'set',
    description: 'Post a featured project in a channel on a schedule (default: weekly, Mondays 15:00 UTC)',
    options: [
      POST_CHANNEL_OPTION,
      {
        type: ApplicationCommandOptionType.String,
        name: 'schedule',
        description: 'weekly (Mon 15:00), daily (15:00) or a cron expression, e.g. 0 9 * * 1',
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'timezone',
        description: 'IANA timezone of the schedule, e.g. Europe/Berlin (default UTC)',
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'thread',
        description: 'Open a thread on each post for discussion (default: false)',
      },
    ],
  },
  access: 'manage-guild',
  guildOnly: true,
  execute,
  autocomplete,
};
