/**
 * `/dsp-admin health` (Manage Server, ephemeral): the health report of the served list, grouped by
 * class in order of precedence, with evidence and when each class was first seen; paged.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Entry } from '../../src/list/types.js';
import { HEALTH_CLASSES } from '../../src/metadata/types.js';
import type { CommandInput, ComponentInput, ComponentReply, SubcommandModule } from '../types.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { decodeCustomId, stateInteger } from '../lib/custom-id.js';
import { escapeInline, safeLink } from '../lib/escape.js';
import { LIMITS, fitEmbed, joinLinesWithin } from '../lib/limits.js';
import { discordTimestamp, healthCounts } from '../lib/metadata.js';
import {
  COLOURS,
  clampPage,
  expiredNotice,
  notice,
  pageCountFor,
  paginationRow,
  payload,
} from '../lib/render.js';

const PREFIX = 'health';
const LINES_PER_PAGE = 15;
const CLASS_TITLES: Record<string, string> = {
  deleted: '⛔ Deleted (GitHub 404)',
  dead: '⛔ Dead links (404/410 twice)',
  archived: '📦 Archived',
  moved: '↪ Moved',
  inactive: '💤 Inactive',
  suspect: '❔ Suspect (one 404/410)',
  ok: '✅ OK',
  unknown: '… Unknown (not learned yet)',
};

function reportLines(services: CommandServices): string[] | undefined {
  const view = services.metadata?.();
  if (!view) return undefined;
  const { doc } = services.catalog();
  const byClass = new Map<string, Entry[]>();
  for (const entry of doc.entries) {
    const name = view.byEntry.get(entry.id)?.health.class ?? 'unknown';
    byClass.set(name, [...(byClass.get(name) ?? []), entry]);
  }
  const lines: string[] = [];
  for (const name of HEALTH_CLASSES) {
    const entries = byClass.get(name) ?? [];
    if (entries.length === 0) continue;
    lines.push(`**${CLASS_TITLES[name] ?? name} — ${entries.length}**`);
    // ok and unknown are the bulk of a list: named, without evidence.
    if (name === 'ok' || name === 'unknown') {
      lines.push(entries.map((entry) => escapeInline(entry.name)).join(', '));
      continue;
    }
    for (const entry of entries) {
      const health = view.byEntry.get(entry.id)?.health;
      const since = health?.since ? ` · since ${discordTimestamp(health.since, 'D')}` : '';
      lines.push(`${safeLink(entry.name, entry.url)} — ${escapeInline(health?.evidence ?? '')}${since}`);
    }
  }
  return lines;
}

function render(services: CommandServices, requested: number): MessagePayload {
  const view = services.metadata?.();
  const lines = reportLines(services);
  if (!view || !lines) return notice('Project metadata is off (ENRICH=off): there is no health report.');
  const pageCount = pageCountFor(lines.length, LINES_PER_PAGE);
  const page = clampPage(requested, pageCount);
  const refreshed = view.lastRefresh ? discordTimestamp(view.lastRefresh) : 'not yet';
  const embed = fitEmbed({
    title: 'List health',
    description: joinLinesWithin(
      [
        `Refreshed ${refreshed} · ${healthCounts(view)}`,
        '',
        ...lines.slice((page - 1) * LINES_PER_PAGE, page * LINES_PER_PAGE),
      ],
      LIMITS.embedDescription,
    ),
    color: COLOURS.brand,
    footer: { text: `Page ${page}/${pageCount}` },
  });
  const components = pageCount > 1 ? [paginationRow(PREFIX, {}, page, pageCount)] : [];
  return payload({ embeds: [embed], components }, true);
}

function execute(_input: CommandInput, services: CommandServices): MessagePayload {
  return render(services, 1);
}

function component(input: ComponentInput, services: CommandServices): ComponentReply {
  const decoded = decodeCustomId(input.customId);
  const page = decoded === undefined ? undefined : stateInteger(decoded.state, 'p');
  if (decoded?.prefix !== PREFIX || page === undefined) return { kind: 'reply', payload: expiredNotice() };
  return { kind: 'update', payload: render(services, page) };
}

export const health: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'health',
    description: 'Which projects of the list are deleted, dead, archived, moved or inactive',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute,
  componentPrefix: PREFIX,
  component,
};
