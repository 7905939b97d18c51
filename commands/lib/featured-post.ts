/**
 * The weekly featured post a server receives, and the small pieces `/dsp featured` and
 * `/dsp-admin featured …` share with it (message links, Discord timestamps).
 */
import { type MetadataContext, similarShown } from './metadata.js';
import type { Entry } from '../../src/list/types.js';
import type { BuildPostContext } from '../../src/contracts/featured.js';
import type { PostRecord } from '../../src/store/types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline } from './escape.js';
import { truncate } from '../../src/text/truncate.js';
import { LIMITS } from './limits.js';
import { SIMILAR_LIMIT } from './render.js';
import type { CardStyle } from '../../src/contracts/payload.js';
import { projectCardPayload } from './cards.js';

/** How the featured post looks: CARD_STYLE, and FEATURED_IMAGE (the social preview gallery). */
export interface FeaturedLook {
  style: CardStyle;
  image: boolean;
}

/** Cut so the heading stays one short line in notifications. */
const HEADING_NAME = 200;
/** Names listed in the "new in the list" line before it says "(+N more)". */
const NEW_ENTRY_NAMES = 10;
/** The category part of the footer is cut to this, so the marker after it always fits. */
const FOOTER_CATEGORY = 200;
const SEPARATOR = ' · ';

export const SET_COMMAND = '/dsp-admin featured set';

/** The answer, in `/dsp featured` and `/dsp-admin featured …` alike, for a server without featured posts. */
export const NOT_SET_UP =
  `Featured posts are not set up in this server. A server manager turns them on with ` +
  `\`${SET_COMMAND} channel:#channel\` (optional: \`schedule:weekly\`, \`timezone:Europe/Berlin\`).`;

/** The answer when this dsp runs without a store, and so without featured posts. */
export const FEATURED_UNAVAILABLE = 'Featured posts are not available in this dsp.';

/** `⭐ **Featured project: etcd**`: notifications show the content, not the embed. */
export function featuredHeading(entry: Pick<Entry, 'name'>): string {
  const name = escapeInline(truncate(entry.name.replace(/\s+/g, ' ').trim(), HEADING_NAME));
  return name === '' ? '⭐ **Featured project**' : `⭐ **Featured project: ${name}**`;
}

/** A Discord timestamp, rendered in each reader's own timezone and language. */
export function discordTimestamp(date: Date, style: 'F' | 'R' | 'f' | 'd'): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:${style}>`;
}

/** `<t:…:F> (<t:…:R>)`: the full date and how far away it is. */
export function whenText(date: Date): string {
  return `${discordTimestamp(date, 'F')} (${discordTimestamp(date, 'R')})`;
}

export type SentPost = PostRecord & { messageId: string; sentAt: Date };

/** A post that reached the channel (not one that failed or is still in flight). */
export function isSentPost(post: PostRecord): post is SentPost {
  return post.messageId !== undefined && post.sentAt !== undefined;
}

export function messageLink(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

/**
 * `New in the list since the last post: a, b, c (+2 more)`, escaped; undefined when nothing is
 * new. Names are plain text: links in message content would unfurl into previews.
 */
export function newEntriesLine(
  newEntries: readonly Entry[],
  max = LIMITS.messageContent / 2,
): string | undefined {
  const names = [
    ...new Set(newEntries.map((entry) => escapeInline(entry.name)).filter((name) => name !== '')),
  ];
  if (names.length === 0) return undefined;
  const head = 'New in the list since the last post: ';
  let shown = Math.min(names.length, NEW_ENTRY_NAMES);
  for (; shown > 1; shown--) {
    if (lineFor(head, names, shown).length <= max) break;
  }
  return truncate(lineFor(head, names, shown), max);
}

function lineFor(head: string, names: readonly string[], shown: number): string {
  const more = names.length - shown;
  return `${head}${names.slice(0, shown).join(', ')}${more > 0 ? ` (+${more} more)` : ''}`;
}

function footerText(entry: Entry, marker: string): string {
  const category =
    entry.subcategory === undefined ? entry.category : `${entry.category} › ${entry.subcategory}`;
  return `${truncate(category, FOOTER_CATEGORY)}${SEPARATOR}${marker}`;
}

/**
 * The featured post: a heading, the "new in the list" line, the project card as in
 * `/dsp project` with the marker in its footer (the scheduler finds the post by it after a
 * crash), and a "More like this" button answered by the project module.
 */
export function buildFeaturedPost(
  entry: Entry,
  context: BuildPostContext,
  catalog: Catalog,
  metadata?: MetadataContext,
  look: FeaturedLook = { style: 'embed', image: false },
): MessagePayload {
  const options = {
    similar: similarShown(catalog.index, entry.id, SIMILAR_LIMIT, metadata),
    footer: footerText(entry, context.marker),
    ...(metadata ? { metadata } : {}),
  };
  const lines = [featuredHeading(entry), newEntriesLine(context.newEntries)].filter(
    (line): line is string => line !== undefined,
  );
  const intro = truncate(lines.join('\n'), LIMITS.messageContent);
  return projectCardPayload({ entry, options, intro, gallery: look.image }, look.style);
}
