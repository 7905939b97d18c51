/**
 * Rendering shared by the subcommands: project cards, list lines, pagination and notices.
 * Every piece of list text goes through escape.ts; every embed through fitEmbed.
 */
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
} from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Entry } from '../../src/list/types.js';
import type { MessagePayload, NoMentions } from '../../src/contracts/payload.js';
import type { ComponentReply } from '../types.js';
import { type StateValue, encodeCustomId } from './custom-id.js';
import { escapeInline, escapeMarkdown, safeLink, safeUrl } from './escape.js';
import { truncate } from '../../src/text/truncate.js';
import { LIMITS, fitEmbed, joinLinesWithin } from './limits.js';
import { type MetadataContext, metadataFields, withMetadata } from './metadata.js';

export const COLOURS = {
  brand: 0x5865f2,
  archived: 0x99aab5,
  notice: 0xfee75c,
} as const;

/** Custom-id prefixes, one per module that answers components. */
export const COMPONENT_PREFIX = {
  search: 'search',
  random: 'random',
  categories: 'categories',
  category: 'category',
  project: 'project',
} as const;

export const PAGE_SIZE = 5;
export const SIMILAR_LIMIT = 3;
export const EXPIRED_MESSAGE = 'This button has expired; run the command again.';
const DESCRIPTION_IN_LIST = 300;
const SEPARATOR = ' · ';

export function noMentions(): NoMentions {
  return { parse: [] };
}

/** A payload with the no-pings guarantee, ephemeral only when asked. */
export function payload(
  parts: Omit<MessagePayload, 'allowedMentions' | 'ephemeral'>,
  ephemeral = false,
): MessagePayload {
  return { ...parts, ...(ephemeral ? { ephemeral: true } : {}), allowedMentions: noMentions() };
}

/** A short text answer, ephemeral by default: errors and hints concern only the user who asked. */
export function notice(text: string, ephemeral = true): MessagePayload {
  return payload({ content: truncate(text, LIMITS.messageContent) }, ephemeral);
}

export function expiredNotice(): MessagePayload {
  return notice(EXPIRED_MESSAGE);
}

/**
 * A button's answer: a new page or card replaces the message; a notice (no embed or layout, e.g. nothing left
 * after a list reload) goes to the presser alone and leaves the message as it is.
 */
export function updateUnlessNotice(answer: MessagePayload): ComponentReply {
  return answer.embeds === undefined && answer.layout === undefined
    ? { kind: 'reply', payload: answer }
    : { kind: 'update', payload: answer };
}

/** `Databases › Time Series`, escaped. */
export function categoryPath(entry: Pick<Entry, 'category' | 'subcategory'>): string {
  const parts = entry.subcategory === undefined ? [entry.category] : [entry.category, entry.subcategory];
  return parts.map(escapeInline).join(' › ');
}

/**
 * `Go · Databases › Time Series · Raft, gRPC`, escaped; parts the entry lacks are left out. A
 * resource says so first: `Resource · Other Resources`.
 */
export function entryMeta(entry: Entry): string {
  const parts = [
    entry.kind === 'resource' ? 'Resource' : undefined,
    entry.language === undefined ? undefined : escapeInline(entry.language),
    categoryPath(entry),
    entry.tags.length === 0 ? undefined : entry.tags.map(escapeInline).join(', '),
  ];
  return parts.filter((part) => part !== undefined).join(SEPARATOR);
}

/**
 * Entries never change once parsed (a reload builds new ones), so their rendered lines are
 * computed once per entry: escaping and URL checks are most of a list page's rendering cost.
 */
function memoPerEntry(render: (entry: Entry) => string): (entry: Entry) => string {
  const rendered = new WeakMap<Entry, string>();
  return (entry) => {
    let line = rendered.get(entry);
    if (line === undefined) {
      line = render(entry);
      rendered.set(entry, line);
    }
    return line;
  };
}

/** One project in a list: `**[name](url)** — meta` and, below, its description. */
export const hitLine = memoPerEntry((entry) => {
  const archived = entry.archived ? ' *(archived)*' : '';
  const head = `**${safeLink(entry.name, entry.url)}**${archived} — ${entryMeta(entry)}`;
  const description = escapeInline(truncate(entry.description, DESCRIPTION_IN_LIST));
  return description === '' ? head : `${head}\n${description}`;
});

/** `[name](url) — meta` on one line, for similar-project lists. */
export const shortLine = memoPerEntry(
  (entry) =>
    `${safeLink(entry.name, entry.url)}${entry.archived ? ' *(archived)*' : ''} — ${entryMeta(entry)}`,
);

export function pageCountFor(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Pages are 1-based; anything out of range (e.g. after a list reload) lands on the nearest page. */
export function clampPage(page: number, pageCount: number): number {
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.trunc(page)), Math.max(1, pageCount));
}

/** `Page 2/3 · 12 projects`; `counts` replaces the count (`8 projects · 1 resource`). */
export function pageFooter(page: number, pageCount: number, total: number, counts?: string): string {
  return `Page ${page}/${pageCount}${SEPARATOR}${counts ?? `${total} ${total === 1 ? 'project' : 'projects'}`}`;
}

function button(
  customId: string,
  label: string,
  disabled: boolean,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponent {
  return { type: ComponentType.Button, style, custom_id: customId, label, disabled };
}

/**
 * Previous/Next buttons carrying the whole page state. The disabled ends point one page past
 * the range, so the two ids always differ (Discord requires unique ids within a message).
 */
export function paginationRow(
  prefix: string,
  state: Record<string, StateValue>,
  page: number,
  pageCount: number,
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      button(encodeCustomId(prefix, { ...state, p: page - 1 }), 'Previous', page <= 1),
      button(encodeCustomId(prefix, { ...state, p: page + 1 }), 'Next', page >= pageCount),
    ],
  };
}

export interface ListPage {
  title: string;
  /** Optional escaped text above the hits. */
  intro?: string;
  entries: Entry[];
  page: number;
  pageCount: number;
  total: number;
  /** Stars, last push and health markers on each line, when known. */
  metadata?: MetadataContext;
  /** Replaces `12 projects` in the footer, e.g. `8 projects · 1 resource`. */
  counts?: string;
}

/** One page of projects as an embed, footer `Page 2/3 · 12 projects`. */
export function listEmbed(list: ListPage): APIEmbed {
  const lines = list.entries.map((entry) => withMetadata(hitLine(entry), entry, list.metadata));
  const body = list.intro === undefined ? lines : [list.intro, ...lines];
  return fitEmbed({
    title: list.title,
    description: joinLinesWithin(body, LIMITS.embedDescription, '\n\n'),
    color: COLOURS.brand,
    footer: { text: pageFooter(list.page, list.pageCount, list.total, list.counts) },
  });
}

export function moreLikeThisButton(entryId: string): APIButtonComponent {
  return button(encodeCustomId(COMPONENT_PREFIX.project, { s: entryId }), 'More like this', false);
}

export interface CardOptions {
  similar?: Entry[];
  /** Footer text; defaults to the category path. */
  footer?: string;
  /** Stars, last push, licence, topics and health notices, when known. */
  metadata?: MetadataContext;
}

function cardFields(entry: Entry, options: CardOptions): APIEmbed['fields'] {
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (entry.archived) {
    fields.push({ name: '⚠️ Archived', value: 'This project is archived: it is no longer maintained.' });
  }
  fields.push(...metadataFields(entry, options.metadata));
  if (entry.language !== undefined)
    fields.push({ name: 'Language', value: escapeInline(entry.language), inline: true });
  // Link-less group bullets (awesome-nodejs's `- Promises`) are part of where the list files it.
  const groups = (entry.group ?? []).map(escapeInline);
  fields.push({ name: 'Category', value: [categoryPath(entry), ...groups].join(' › '), inline: true });
  if (entry.tags.length > 0)
    fields.push({ name: 'Tags', value: entry.tags.map(escapeInline).join(', '), inline: true });
  if (entry.repo !== undefined) {
    fields.push({
      name: 'Repository',
      value: safeLink(entry.repo, `https://github.com/${entry.repo}`),
      inline: true,
    });
  }
  if (entry.note !== undefined && entry.note.trim() !== '') {
    fields.push({ name: 'Note', value: escapeMarkdown(entry.note.trim()) });
  }
  const similar = options.similar ?? [];
  if (similar.length > 0) {
    fields.push({
      name: 'Similar projects',
      value: joinLinesWithin(similar.map(shortLine), LIMITS.fieldValue),
    });
  }
  return fields;
}

/** The detail card of one project: everything the list says about it. */
export function projectEmbed(entry: Entry, options: CardOptions = {}): APIEmbed {
  const url = safeUrl(entry.url);
  const description = escapeMarkdown(entry.description.trim());
  return fitEmbed({
    title: escapeInline(entry.name) || 'Untitled project',
    ...(url === undefined ? {} : { url }),
    ...(description === '' ? {} : { description }),
    color: entry.archived ? COLOURS.archived : COLOURS.brand,
    fields: cardFields(entry, options),
    footer: {
      text:
        options.footer ??
        `${entry.category}${entry.subcategory === undefined ? '' : ` › ${entry.subcategory}`}`,
    },
  });
}

/**
 * A project card message: the card and a "More like this" button (answered by the project
 * module). Also used by the weekly featured post.
 */
export function renderProjectCard(entry: Entry, options: CardOptions = {}): MessagePayload {
  return payload({
    embeds: [projectEmbed(entry, options)],
    components: [{ type: ComponentType.ActionRow, components: [moreLikeThisButton(entry.id)] }],
  });
}

/** `dkron, nsq or etcd`, escaped and without repeats, for did-you-mean hints. */
export function nameList(names: readonly string[]): string {
  const escaped = [...new Set(names)].map(escapeInline);
  if (escaped.length <= 1) return escaped.join('');
  return `${escaped.slice(0, -1).join(', ')} or ${escaped.at(-1) ?? ''}`;
}
