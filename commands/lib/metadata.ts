/**
 * Project metadata in answers: the compact `★ 12.3k · pushed 3 months ago` line, the card fields
 * and notices, the health filters of random/featured/similar and `active: true`, and sorting by
 * stars or activity. Reads the MetadataView the bot swapped in last; never waits for anything.
 */
import type { APIEmbedField } from 'discord-api-types/v10';
import type { Entry } from '../../src/list/types.js';
import { FAILING_CLASSES } from '../../src/metadata/types.js';
import type { EntryMetadata, HealthClass } from '../../src/metadata/types.js';
import { HIDDEN_BY_DEFAULT } from '../../src/metadata/health.js';
import { compactCount, metadataLine } from '../../src/metadata/format.js';
import { movedTo, sortByActivity, sortByStars } from '../../src/metadata/view.js';
import type { MetadataView } from '../../src/metadata/view.js';
import type { CommandServices } from '../../src/contracts/services.js';
import { escapeInline, safeLink } from './escape.js';

export interface MetadataContext {
  view: MetadataView;
  now: Date;
}

/** The view, when the bot has one with anything in it. */
export function metadataContext(services: CommandServices): MetadataContext | undefined {
  const view = services.metadata?.();
  return view ? { view, now: services.now() } : undefined;
}

export function metaOf(entry: Entry, context: MetadataContext | undefined): EntryMetadata | undefined {
  return context?.view.byEntry.get(entry.id);
}

function timestamp(date: Date, style: 'R' | 'D' = 'R'): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:${style}>`;
}

/** A list line with the metadata appended to its first line (name, meta). */
export function withMetadata(line: string, entry: Entry, context: MetadataContext | undefined): string {
  const extra = metadataLine(metaOf(entry, context), context?.now ?? new Date());
  if (extra === '') return line;
  const cut = line.indexOf('\n');
  return cut === -1 ? `${line} · ${extra}` : `${line.slice(0, cut)} · ${extra}${line.slice(cut)}`;
}

/** The notice a card shows for a project that is archived, moved, deleted or looks dead. */
export function healthNotice(entry: Entry, context: MetadataContext | undefined): APIEmbedField | undefined {
  const meta = metaOf(entry, context);
  if (!meta) return undefined;
  const checked = meta.health.checkedAt ? ` (last checked ${timestamp(meta.health.checkedAt)})` : '';
  switch (meta.health.class) {
    case 'deleted':
      return { name: '⛔ Repository deleted', value: `GitHub no longer has this repository${checked}.` };
    case 'dead':
      return { name: '⛔ Link looks dead', value: `${escapeInline(meta.health.evidence)}${checked}.` };
    case 'archived':
      // The list's own [Archived] tag already has its notice on the card.
      return entry.archived
        ? undefined
        : { name: '📦 Archived', value: `GitHub marks this repository archived: it is read-only${checked}.` };
    case 'moved': {
      const target = movedTo(meta);
      return {
        name: '↪ Moved',
        value: `${target ? `Now at ${safeLink(target.replace(/^https?:\/\//, ''), target)}` : 'It moved'}${checked}.`,
      };
    }
    default:
      return undefined;
  }
}

/** Stars, last push, licence and topics fields for a project card. */
export function metadataFields(entry: Entry, context: MetadataContext | undefined): APIEmbedField[] {
  const meta = metaOf(entry, context);
  const fields: APIEmbedField[] = [];
  const notice = healthNotice(entry, context);
  if (notice) fields.push(notice);
  const facts = meta?.repo?.facts;
  if (!facts) return fields;
  fields.push({ name: 'Stars', value: `★ ${compactCount(facts.stars)}`, inline: true });
  if (facts.pushedAt)
    fields.push({ name: 'Last push', value: timestamp(new Date(facts.pushedAt)), inline: true });
  if (facts.license) fields.push({ name: 'Licence', value: escapeInline(facts.license), inline: true });
  if (facts.topics.length > 0) {
    fields.push({
      name: 'Topics',
      value: facts.topics.slice(0, 10).map(escapeInline).join(', '),
      inline: true,
    });
  }
  return fields;
}

function idsIn(context: MetadataContext | undefined, classes: readonly HealthClass[]): Set<string> {
  const ids = new Set<string>();
  for (const [id, meta] of context?.view.byEntry ?? []) if (classes.includes(meta.health.class)) ids.add(id);
  return ids;
}

/** Entries random, featured and similar skip by default: deleted, dead, archived. */
export function hiddenIds(context: MetadataContext | undefined): Set<string> {
  return idsIn(context, HIDDEN_BY_DEFAULT);
}

/** Entries `active: true` leaves out: deleted, dead, archived, moved, inactive. */
export function inactiveIds(context: MetadataContext | undefined): Set<string> {
  return idsIn(context, FAILING_CLASSES);
}

export const SORTS = ['relevance', 'stars', 'activity'] as const;
export type Sort = (typeof SORTS)[number];

export function sortItems<T>(
  items: readonly T[],
  sort: Sort,
  id: (item: T) => string,
  context: MetadataContext | undefined,
): T[] {
  if (sort === 'relevance' || !context) return [...items];
  return sort === 'stars' ? sortByStars(items, id, context.view) : sortByActivity(items, id, context.view);
}

/** `1 deleted · 3 archived · 120 ok`, classes with entries only, in precedence order. */
export function healthCounts(view: MetadataView): string {
  return Object.entries(view.counts)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${count} ${name}`)
    .join(' · ');
}

export { timestamp as discordTimestamp };

/** Similar projects without deleted, dead or archived ones. */
export function similarShown(
  index: { similar(id: string, limit?: number): Entry[] },
  entryId: string,
  limit: number,
  context: MetadataContext | undefined,
): Entry[] {
  const hidden = hiddenIds(context);
  if (hidden.size === 0) return index.similar(entryId, limit);
  return index
    .similar(entryId, limit + hidden.size)
    .filter((entry) => !hidden.has(entry.id))
    .slice(0, limit);
}
