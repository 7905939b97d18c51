/** How stored metadata shows on the command line: table columns, `dsp show` lines, JSON, durations. */
import type { Entry } from '../list/types.js';
import { compactCount, relativeTime } from '../metadata/format.js';
import type { EntryMetadata } from '../metadata/types.js';
import { metadataToJson, movedTo } from '../metadata/view.js';
import type { MetadataView } from '../metadata/view.js';
import { entryToJson, formatTable } from './format.js';
import type { TableOptions } from './format.js';

/** An entry's JSON with its metadata (null fields when none is stored). */
export function entryWithMetadataJson(entry: Entry, view: MetadataView | undefined): Record<string, unknown> {
  return { ...entryToJson(entry), metadata: metadataToJson(view?.byEntry.get(entry.id)) };
}

/** `2 h 20 min`, `45 min`, `under a minute`. */
export function formatDuration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes <= 0) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Stars and last push as two table cells. */
export function metadataCells(meta: EntryMetadata | undefined, now: Date): [string, string] {
  const facts = meta?.repo?.facts;
  return [
    facts ? compactCount(facts.stars) : '',
    facts?.pushedAt ? relativeTime(new Date(facts.pushedAt), now) : '',
  ];
}

/** Search results with STARS, PUSHED and HEALTH columns. */
export function formatEntriesWithMetadata(
  entries: readonly Entry[],
  view: MetadataView,
  now: Date,
  options: TableOptions = {},
): string {
  const rows = entries.map((entry) => {
    const meta = view.byEntry.get(entry.id);
    const health = meta?.health.class ?? 'unknown';
    return [
      entry.name,
      ...metadataCells(meta, now),
      health === 'ok' || health === 'unknown' ? '' : health,
      entry.description,
      entry.id,
    ];
  });
  return formatTable(
    [
      { header: 'NAME', maxWidth: 28 },
      { header: 'STARS', align: 'right' },
      { header: 'PUSHED', maxWidth: 16 },
      { header: 'HEALTH' },
      { header: 'DESCRIPTION', maxWidth: 60, flex: true },
      { header: 'ID' },
    ],
    rows,
    options,
  );
}

/** Metadata lines for `dsp show`. */
export function formatMetadataDetails(meta: EntryMetadata | undefined, now: Date): string {
  if (!meta) return 'Metadata:   none stored yet (run dsp enrich)';
  const facts = meta.repo?.facts;
  const lines: [string, string | undefined][] = [
    ['Stars', facts ? compactCount(facts.stars) : undefined],
    ['Forks', facts ? compactCount(facts.forks) : undefined],
    [
      'Last push',
      facts?.pushedAt
        ? `${facts.pushedAt.slice(0, 10)} (${relativeTime(new Date(facts.pushedAt), now)})`
        : undefined,
    ],
    ['Licence', facts?.license],
    ['Topics', facts && facts.topics.length > 0 ? facts.topics.join(', ') : undefined],
    ['Health', `${meta.health.class}: ${meta.health.evidence}`],
    ['Moved to', movedTo(meta)],
    ['Since', meta.health.since?.toISOString().slice(0, 10)],
    ['Checked', meta.health.checkedAt ? relativeTime(meta.health.checkedAt, now) : undefined],
  ];
  return lines
    .filter((line): line is [string, string] => line[1] !== undefined)
    .map(([label, value]) => `${`${label}:`.padEnd(12)} ${value}`)
    .join('\n');
}
