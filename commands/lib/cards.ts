/**
 * Project cards and list pages in either card style, from the same data: `embed` (the classic
 * embed, unchanged) or `components` (a Components V2 layout: a container per card with the
 * project's picture beside its name, and a Details button beside every result of a page).
 */
import type {
  APIButtonComponent,
  APIComponentInContainer,
  APIMessageTopLevelComponent,
} from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Entry } from '../../src/list/types.js';
import type { CardStyle, MessagePayload } from '../../src/contracts/payload.js';
import { compactCount } from '../../src/metadata/format.js';
import { truncate } from '../../src/text/truncate.js';
import { type StateValue, encodeCustomId } from './custom-id.js';
import { escapeInline, escapeMarkdown, safeUrl } from './escape.js';
import { LIMITS, joinLinesWithin } from './limits.js';
import {
  buttonRow,
  container,
  heading,
  layoutPayload,
  section,
  separator,
  subtext,
  textDisplay,
  thumbnail,
} from './layout.js';
import { discordTimestamp, healthNotice, metaOf, withMetadata } from './metadata.js';
import {
  COLOURS,
  COMPONENT_PREFIX,
  type CardOptions,
  type ListPage,
  categoryPath,
  hitLine,
  listEmbed,
  moreLikeThisButton,
  pageFooter,
  paginationRow,
  payload,
  projectEmbed,
  shortLine,
} from './render.js';

/** Shown beside projects that are not GitHub repositories: Discord's own neutral picture. */
export const NEUTRAL_THUMBNAIL = 'https://cdn.discordapp.com/embed/avatars/0.png';
/** Discord refuses link buttons with longer URLs. */
const LINK_BUTTON_URL = 512;
const CARD_DESCRIPTION = 1500;
const SEPARATOR = ' · ';

/** Accent colours, one per category (picked by the category's name, so it never changes). */
const CATEGORY_COLOURS = [0x5865f2, 0x57f287, 0xeb459e, 0xfee75c, 0x3ba55c, 0xed4245, 0x1abc9c, 0xe67e22];

export function accentColour(entry: Pick<Entry, 'category' | 'archived'>): number {
  if (entry.archived) return COLOURS.archived;
  let hash = 0;
  for (const char of entry.category) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return CATEGORY_COLOURS[hash % CATEGORY_COLOURS.length] ?? COLOURS.brand;
}

function ownerAndName(entry: Pick<Entry, 'repo'>): [string, string] | undefined {
  const match = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/.exec(entry.repo ?? '');
  return match === null ? undefined : [match[1] ?? '', match[2] ?? ''];
}

/** The owner's GitHub avatar for GitHub repositories; a neutral picture otherwise. */
export function thumbnailUrl(entry: Pick<Entry, 'repo'>): string {
  const repo = ownerAndName(entry);
  return repo === undefined ? NEUTRAL_THUMBNAIL : `https://github.com/${repo[0]}.png`;
}

/** GitHub's social preview image of a repository, for the featured post's gallery. */
export function socialPreviewUrl(entry: Pick<Entry, 'repo'>): string | undefined {
  const repo = ownerAndName(entry);
  return repo === undefined ? undefined : `https://opengraph.githubassets.com/1/${repo[0]}/${repo[1]}`;
}

function linkButton(entry: Entry): APIButtonComponent | undefined {
  const url = safeUrl(entry.url);
  if (url === undefined || url.length > LINK_BUTTON_URL) return undefined;
  const label = entry.repo === undefined ? 'Open link' : 'Open repository';
  return { type: ComponentType.Button, style: ButtonStyle.Link, url, label };
}

/** `Go · Databases › KV · raft, grpc · ★ 12k · pushed <t:…:R> · Apache-2.0`, escaped; a resource says so first. */
export function factsLine(entry: Entry, options: CardOptions): string {
  const facts = metaOf(entry, options.metadata)?.repo?.facts;
  const groups = (entry.group ?? []).map(escapeInline);
  return [
    entry.kind === 'resource' ? 'Resource' : undefined,
    entry.language === undefined ? undefined : escapeInline(entry.language),
    [categoryPath(entry), ...groups].join(' › '),
    entry.tags.length === 0 ? undefined : entry.tags.map(escapeInline).join(', '),
    facts === undefined ? undefined : `★ ${compactCount(facts.stars)}`,
    facts?.pushedAt ? `pushed ${discordTimestamp(new Date(facts.pushedAt))}` : undefined,
    facts?.license ? escapeInline(facts.license) : undefined,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(SEPARATOR);
}

function noticesText(entry: Entry, options: CardOptions): string | undefined {
  const notices = [
    entry.archived ? '**⚠️ Archived**: this project is archived, it is no longer maintained.' : undefined,
    ((notice) => (notice === undefined ? undefined : `**${notice.name}**: ${notice.value}`))(
      healthNotice(entry, options.metadata),
    ),
  ].filter((line) => line !== undefined);
  return notices.length === 0 ? undefined : notices.join('\n');
}

function moreText(entry: Entry, options: CardOptions): string | undefined {
  const blocks: string[] = [];
  if (entry.note !== undefined && entry.note.trim() !== '')
    blocks.push(`**Note**\n${escapeMarkdown(entry.note.trim())}`);
  const similar = options.similar ?? [];
  if (similar.length > 0) {
    const lines = similar.map((item) => `- ${shortLine(item)}`);
    blocks.push(`**Similar projects**\n${joinLinesWithin(lines, LIMITS.fieldValue)}`);
  }
  return blocks.length === 0 ? undefined : blocks.join('\n\n');
}

/** The card's own parts in a container: picture, name, facts, notices, then note and similar projects. */
function cardComponents(entry: Entry, options: CardOptions): APIComponentInContainer[] {
  const name = escapeInline(entry.name) || 'Untitled project';
  const description = escapeMarkdown(truncate(entry.description.trim(), CARD_DESCRIPTION));
  const notices = noticesText(entry, options);
  const more = moreText(entry, options);
  return [
    section([heading(name, entry.url), description], thumbnail(thumbnailUrl(entry))),
    textDisplay(`-# ${factsLine(entry, options)}`),
    ...(notices === undefined ? [] : [textDisplay(notices)]),
    ...(more === undefined ? [] : [separator(), textDisplay(more)]),
  ];
}

export interface CardSpec {
  entry: Entry;
  options?: CardOptions;
  /** Buttons before "More like this", e.g. "Another one". */
  buttons?: APIButtonComponent[];
  /** Text above the card: the featured heading, a link to the featured post. */
  intro?: string;
  /** The repository's social preview image under the card (the featured post). */
  gallery?: boolean;
}

function cardLayout(spec: CardSpec): APIMessageTopLevelComponent[] {
  const { entry, options = {} } = spec;
  const preview = spec.gallery === true ? socialPreviewUrl(entry) : undefined;
  const buttons = [linkButton(entry), ...(spec.buttons ?? []), moreLikeThisButton(entry.id)].filter(
    (button) => button !== undefined,
  );
  const card = container(
    [
      ...cardComponents(entry, options),
      preview === undefined
        ? undefined
        : {
            type: ComponentType.MediaGallery,
            items: [{ media: { url: preview }, description: `${entry.name} on GitHub` }],
          },
      options.footer === undefined ? undefined : subtext(options.footer),
      buttonRow(buttons),
    ],
    accentColour(entry),
  );
  return spec.intro === undefined ? [card] : [textDisplay(spec.intro), card];
}

/** A project card in the asked style: `/dsp project`, random, featured, a Details click. */
export function projectCardPayload(spec: CardSpec, style: CardStyle, ephemeral = false): MessagePayload {
  if (style === 'components') return layoutPayload(cardLayout(spec), ephemeral);
  return payload(
    {
      ...(spec.intro === undefined ? {} : { content: truncate(spec.intro, LIMITS.messageContent) }),
      embeds: [projectEmbed(spec.entry, spec.options)],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [...(spec.buttons ?? []), moreLikeThisButton(spec.entry.id)],
        },
      ],
    },
    ephemeral,
  );
}

/** The Details button beside a result: opens that project's card for the presser. */
export function detailsButton(entryId: string, position: number): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    // `n` keeps ids unique even when two long entry ids are cut to the same prefix.
    custom_id: encodeCustomId(COMPONENT_PREFIX.project, { d: entryId, n: position }),
    label: 'Details',
  };
}

export interface ListSpec {
  list: ListPage;
  /** Previous/Next carry this state; left out when there is one page. */
  pagination?: { prefix: string; state: Record<string, StateValue> };
}

function listLayout({ list, pagination }: ListSpec): APIMessageTopLevelComponent[] {
  const results = list.entries.map((entry, index) =>
    section([withMetadata(hitLine(entry), entry, list.metadata)], detailsButton(entry.id, index)),
  );
  const row =
    pagination !== undefined && list.pageCount > 1
      ? paginationRow(pagination.prefix, pagination.state, list.page, list.pageCount)
      : undefined;
  return [
    container(
      [
        textDisplay(list.intro === undefined ? heading(list.title) : `${heading(list.title)}\n${list.intro}`),
        ...results,
        subtext(pageFooter(list.page, list.pageCount, list.total, list.counts)),
        row,
      ],
      COLOURS.brand,
    ),
  ];
}

/** One page of projects in the asked style, with Previous/Next when there are more pages. */
export function listPayload(spec: ListSpec, style: CardStyle, ephemeral = false): MessagePayload {
  if (style === 'components') return layoutPayload(listLayout(spec), ephemeral);
  const { list, pagination } = spec;
  const components =
    pagination !== undefined && list.pageCount > 1
      ? [paginationRow(pagination.prefix, pagination.state, list.page, list.pageCount)]
      : [];
  return payload({ embeds: [listEmbed(list)], components }, ephemeral);
}
