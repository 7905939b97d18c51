/** The ephemeral answer after turning featured posts on: where, when, and the next post. */
import type { FeaturedSettings } from '../../src/store/types.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline } from '../lib/escape.js';
import { fitEmbed } from '../lib/limits.js';
import { COLOURS, payload } from '../lib/render.js';
import { channelMention, nextPostText, scheduleText } from './shared.js';

export function confirmation(
  title: string,
  settings: Pick<FeaturedSettings, 'channelId' | 'schedule' | 'timezone' | 'thread'>,
  now: Date,
): MessagePayload {
  const embed = fitEmbed({
    title,
    color: COLOURS.brand,
    fields: [
      { name: 'Channel', value: channelMention(settings.channelId), inline: true },
      { name: 'Timezone', value: escapeInline(settings.timezone), inline: true },
      { name: 'Schedule', value: scheduleText(settings.schedule) },
      { name: 'Next post', value: nextPostText(settings, now) },
      ...(settings.thread === true
        ? [{ name: 'Threads', value: 'Each post opens a thread for discussion' }]
        : []),
    ],
    footer: { text: 'See it with /dsp-admin featured preview · turn it off with /dsp-admin featured off' },
  });
  return payload({ embeds: [embed] }, true);
}
