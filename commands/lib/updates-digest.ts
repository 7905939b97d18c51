/**
 * The list-updates digest as messages: the projects added (resources apart), then the entries
 * removed, one line each, packed into numbered messages within Discord's limits; past the last
 * message allowed, "and N more" links the list instead. The first message pings the chosen role
 * and no one else. Embeds or Components V2 containers (CARD_STYLE), with the recovery marker in
 * the footer or the closing small text alike.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { DigestContext, ListChange } from '../../src/contracts/updates.js';
import type { AllowedMentions, CardStyle, MessagePayload } from '../../src/contracts/payload.js';
import type { ListedEntry } from '../../src/store/updates-types.js';
import { truncate } from '../../src/text/truncate.js';
import { escapeInline, safeLink, safeUrl } from './escape.js';
import { container, heading, layoutPayload, subtext, textDisplay } from './layout.js';
import { LAYOUT_LIMITS } from './layout-limits.js';
import { LIMITS } from './limits.js';
import { COLOURS, categoryPath, noMentions } from './render.js';

/** More messages than this for one digest would flood the channel: the rest is "and N more". */
export const MAX_DIGEST_MESSAGES = 5;
/** Room kept in every description for the "and N more" line. */
const MORE_LINE_ROOM = 200;
/**
 * The lines' room per message: an embed description; in a layout the 4,000 characters all its
 * text displays share, less the title, the summary with its ping and the marker.
 */
const LINES_BUDGET: Record<CardStyle, number> = {
  embed: LIMITS.embedDescription - MORE_LINE_ROOM,
  components: LAYOUT_LIMITS.textDisplayTotal - MORE_LINE_ROOM - 400,
};
const LINE_DESCRIPTION = 120;
/** A line longer than this (a very long URL) drops its link rather than crowd out the others. */
const LONGEST_LINE = 600;

interface Line {
  text: string;
  /** Headings are not changes: "and N more" counts entries only. */
  isEntry: boolean;
}

function isResource(entry: ListedEntry): boolean {
  return entry.kind === 'resource';
}

function addedLine(entry: ListedEntry): string {
  const description =
    entry.description === '' ? '' : ` · ${escapeInline(truncate(entry.description, LINE_DESCRIPTION))}`;
  const tail = ` — ${categoryPath(entry)}${description}`;
  const line = `• ${safeLink(entry.name, entry.url)}${tail}`;
  return line.length <= LONGEST_LINE ? line : truncate(`• ${escapeInline(entry.name)}${tail}`, LONGEST_LINE);
}

function removedLine(entry: ListedEntry): string {
  return truncate(`• ~~${escapeInline(entry.name)}~~ — ${categoryPath(entry)}`, LONGEST_LINE);
}

function section(
  title: string,
  entries: readonly ListedEntry[],
  line: (entry: ListedEntry) => string,
): Line[] {
  if (entries.length === 0) return [];
  return [
    { text: `**${title} (${entries.length})**`, isEntry: false },
    ...entries.map((entry) => ({ text: line(entry), isEntry: true })),
  ];
}

/** Projects and resources apart; one "Added" section for entries stored without a kind. */
function digestLines(change: ListChange): Line[] {
  const kinds = change.added.some((entry) => entry.kind !== undefined);
  const projects = change.added.filter((entry) => !isResource(entry));
  const resources = change.added.filter(isResource);
  return [
    ...section(kinds ? 'New projects' : 'Added', projects, addedLine),
    ...section('New resources', resources, addedLine),
    ...section('Removed', change.removed, removedLine),
  ];
}

interface Packed {
  parts: string[][];
  /** Entries left out once the last message allowed was full. */
  leftOut: number;
}

function pack(lines: readonly Line[], budget: number): Packed {
  const parts: string[][] = [[]];
  const sizes = [0];
  for (const [index, line] of lines.entries()) {
    const last = parts.length - 1;
    // A heading moves on with the first line under it.
    const needed = line.text.length + 1 + (line.isEntry ? 0 : (lines[index + 1]?.text.length ?? 0) + 1);
    if ((sizes[last] ?? 0) + needed <= budget || sizes[last] === 0) {
      parts[last]?.push(line.text);
      sizes[last] = (sizes[last] ?? 0) + line.text.length + 1;
      continue;
    }
    if (parts.length === MAX_DIGEST_MESSAGES) {
      return { parts, leftOut: lines.slice(index).filter((rest) => rest.isEntry).length };
    }
    parts.push([line.text]);
    sizes.push(line.text.length + 1);
  }
  return { parts, leftOut: 0 };
}

function moreLine(leftOut: number, listUrl: string | undefined): string {
  const url = safeUrl(listUrl);
  // A link too long for the room kept would not fit: the words alone then.
  return url === undefined || url.length > MORE_LINE_ROOM / 2
    ? `… and ${leftOut} more: see the list.`
    : `… and ${leftOut} more: see [the whole list](${url}).`;
}

function summary(change: ListChange): string {
  const parts = [
    change.added.length > 0 ? `${change.added.length} added` : undefined,
    change.removed.length > 0 ? `${change.removed.length} removed` : undefined,
  ];
  return parts.filter((part) => part !== undefined).join(', ');
}

function rolePing(roleId: string | undefined): { mention: string; allowed: AllowedMentions } {
  if (roleId === undefined || !/^\d{1,25}$/.test(roleId)) return { mention: '', allowed: noMentions() };
  return { mention: `<@&${roleId}> `, allowed: { parse: [], roles: [roleId] } };
}

interface DigestPart {
  title: string;
  lines: string;
  marker: string;
  /** The first message's summary line (and role ping); none on the others. */
  intro?: string;
  allowed: AllowedMentions;
}

function embedMessage(part: DigestPart): MessagePayload {
  const embed: APIEmbed = {
    title: part.title,
    color: COLOURS.brand,
    description: part.lines,
    footer: { text: part.marker },
  };
  return {
    ...(part.intro === undefined ? {} : { content: part.intro }),
    embeds: [embed],
    allowedMentions: part.allowed,
  };
}

function layoutMessage(part: DigestPart): MessagePayload {
  const card = container(
    [textDisplay(heading(part.title)), textDisplay(part.lines), subtext(part.marker)],
    COLOURS.brand,
  );
  const layout = part.intro === undefined ? [card] : [textDisplay(part.intro), card];
  return { ...layoutPayload(layout), allowedMentions: part.allowed };
}

/**
 * The digest's messages, numbered when there are several; the first carries the summary and the
 * ping. Embeds unless `style` is `components`.
 */
export function buildDigest(
  change: ListChange,
  context: DigestContext,
  style: CardStyle = 'embed',
): MessagePayload[] {
  const { parts, leftOut } = pack(digestLines(change), LINES_BUDGET[style]);
  const lastLines = parts.at(-1);
  if (leftOut > 0) lastLines?.push(moreLine(leftOut, context.listUrl));
  const day = context.date.toISOString().slice(0, 10);
  const ping = rolePing(context.roleId);
  const render = style === 'components' ? layoutMessage : embedMessage;
  return parts.map((lines, index) => {
    const numbered = parts.length > 1 ? ` (${index + 1}/${parts.length})` : '';
    const first = index === 0;
    return render({
      title: `List updates — ${day}${numbered}`,
      lines: lines.join('\n'),
      marker: context.marker(index + 1, parts.length),
      ...(first ? { intro: `${ping.mention}**List updates**: ${summary(change)}` } : {}),
      allowed: first ? ping.allowed : noMentions(),
    });
  });
}
