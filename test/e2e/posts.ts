/** Reading featured posts back from the stand-in, by the period marker in their footer (embed or layout). */
import { parseMarker } from '../../src/featured/marker.js';

type Json = Record<string, unknown>;

/** The period a featured post belongs to, or undefined for any other message. */
export function periodOf(message: { embeds?: unknown; components?: unknown }): string | undefined {
  for (const embed of (message.embeds ?? []) as Json[]) {
    const footer = (embed.footer as Json | undefined)?.text;
    const period = typeof footer === 'string' ? parseMarker(footer) : undefined;
    if (period) return period;
  }
  // CARD_STYLE=components: the marker is in the card's footer text display.
  return parseMarker(JSON.stringify(message.components ?? []));
}

/** How many posts each period got. */
export function postsByPeriod(
  messages: readonly { embeds?: unknown; components?: unknown }[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const period = periodOf(message);
    if (period) counts.set(period, (counts.get(period) ?? 0) + 1);
  }
  return counts;
}
