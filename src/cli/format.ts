import type { Diagnostic, Entry, ListDocument } from '../list/types.js';
import type { CategorySummary, SearchHit } from '../search/types.js';
import { truncate } from '../text/truncate.js';

export interface Column {
  header: string;
  /** Cells longer than this are cut with `…`. */
  maxWidth?: number;
  align?: 'left' | 'right';
  /** This column gives up width (down to MIN_FLEX_WIDTH) when the table is wider than the terminal. */
  flex?: boolean;
}

export interface TableOptions {
  /** Terminal width; when set, flex columns shrink so rows fit. */
  maxWidth?: number;
}

const MIN_FLEX_WIDTH = 16;

const GAP = '  ';
const DESCRIPTION_WIDTH = 60;

function width(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, size: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** An aligned plain-text table: header row, then one row per item; trailing spaces trimmed. */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const flat = rows.map((row) =>
    columns.map((_, i) => {
      const cell = row[i] ?? '';
      const indent = /^ */.exec(cell)?.[0] ?? '';
      return indent + cell.replace(/\s+/g, ' ').trim();
    }),
  );
  const limits = columnLimits(columns, flat, options.maxWidth);
  const cells = flat.map((row) => row.map((cell, i) => truncate(cell, limits[i] ?? Infinity)));
  const widths = columns.map((column, i) =>
    Math.max(width(column.header), ...cells.map((row) => width(row[i] ?? ''))),
  );
  const line = (row: readonly string[]): string =>
    columns
      .map((column, i) => pad(row[i] ?? '', widths[i] ?? 0, column.align ?? 'left'))
      .join(GAP)
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...cells.map(line)].join('\n');
}

/** Per-column character limits: each column's maxWidth, with flex columns shrunk to fit `maxWidth`. */
function columnLimits(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  maxWidth: number | undefined,
): number[] {
  const limits = columns.map((column) => column.maxWidth ?? Infinity);
  if (maxWidth === undefined) return limits;
  const natural = columns.map((column, i) =>
    Math.min(
      limits[i] ?? Infinity,
      Math.max(width(column.header), ...rows.map((row) => width(row[i] ?? ''))),
    ),
  );
  let excess = natural.reduce((sum, w) => sum + w, 0) + GAP.length * (columns.length - 1) - maxWidth;
  columns.forEach((column, i) => {
    if (!column.flex || excess <= 0) return;
    const current = natural[i] ?? 0;
    const shrunk = Math.max(MIN_FLEX_WIDTH, current - excess);
    excess -= current - shrunk;
    limits[i] = shrunk;
  });
  return limits;
}

function categoryPath(entry: Entry): string {
  return [entry.category, entry.subcategory, ...(entry.group ?? [])].filter(Boolean).join(' › ');
}

const ENTRY_COLUMNS: Column[] = [
  { header: 'NAME', maxWidth: 28 },
  { header: 'KIND' },
  { header: 'LANGUAGE', maxWidth: 12 },
  { header: 'CATEGORY', maxWidth: 30, flex: true },
  { header: 'DESCRIPTION', maxWidth: DESCRIPTION_WIDTH, flex: true },
  { header: 'ID' },
];

function entryRow(entry: Entry): string[] {
  const archived = entry.archived ? ' (archived)' : '';
  return [
    entry.name + archived,
    entry.kind,
    entry.language ?? '',
    categoryPath(entry),
    entry.description,
    entry.id,
  ];
}

export function formatEntries(entries: readonly Entry[], options: TableOptions = {}): string {
  return formatTable(ENTRY_COLUMNS, entries.map(entryRow), options);
}

export function formatSearch(
  query: string,
  hits: readonly SearchHit[],
  total: number,
  options: TableOptions = {},
): string {
  if (hits.length === 0) return `Nothing matches "${query}".`;
  const shown = hits.length < total ? `${hits.length} of ${total}` : `${total}`;
  const noun = total === 1 ? 'entry matches' : 'entries match';
  return `${formatEntries(
    hits.map((hit) => hit.entry),
    options,
  )}\n\n${shown} ${noun} "${query}".`;
}

/** All fields of one entry, one per line, then similar projects. */
export function formatEntryDetails(entry: Entry, similar: readonly Entry[] = []): string {
  const fields: [string, string | undefined][] = [
    ['Name', entry.name],
    ['Kind', entry.kind],
    ['Id', entry.id],
    ['URL', entry.url],
    ['Repository', entry.repo],
    ['Language', entry.language],
    ['Category', categoryPath(entry)],
    ['Description', entry.description || undefined],
    ['Note', entry.note],
    ['Tags', entry.tags.length > 0 ? entry.tags.join(', ') : undefined],
    ['Archived', entry.archived ? 'yes' : undefined],
    ['Line', String(entry.line)],
  ];
  const present = fields.filter((field): field is [string, string] => field[1] !== undefined);
  const labelWidth = Math.max(...present.map(([label]) => label.length)) + 1;
  const lines = present.map(([label, value]) => `${pad(`${label}:`, labelWidth, 'left')} ${value}`);
  if (similar.length > 0) lines.push('', `Similar: ${similar.map((e) => `${e.name} (${e.id})`).join(', ')}`);
  return lines.join('\n');
}

/**
 * Categories with their projects and resources, project categories first; sections of mostly
 * resources (books, talks, other lists…) apart below, then the totals.
 */
export function formatCategories(summaries: readonly CategorySummary[]): string {
  const table = (header: string, kind: CategorySummary['kind']): string | undefined => {
    const rows: string[][] = [];
    for (const summary of summaries.filter((candidate) => candidate.kind === kind)) {
      rows.push([summary.name, String(summary.projects), String(summary.resources)]);
      for (const sub of summary.subcategories)
        rows.push([`  ${sub.name}`, String(sub.projects), String(sub.resources)]);
    }
    if (rows.length === 0) return undefined;
    const columns: Column[] = [
      { header },
      { header: 'PROJECTS', align: 'right' },
      { header: 'RESOURCES', align: 'right' },
    ];
    return formatTable(columns, rows);
  };
  const projects = summaries.reduce((sum, summary) => sum + summary.projects, 0);
  const resources = summaries.reduce((sum, summary) => sum + summary.resources, 0);
  const tables = [table('CATEGORY', 'project'), table('RESOURCE SECTION', 'resource')];
  return [
    ...tables.filter((text): text is string => text !== undefined),
    kindTotals(projects, resources),
  ].join('\n\n');
}

/** `34 projects, 1 resource`. */
export function kindTotals(projects: number, resources: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(projects, 'project')}, ${plural(resources, 'resource')}`;
}

/** `file:line  level  message  rule`, aligned, one diagnostic per line. */
export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return `${file}: no problems found`;
  const rows = diagnostics.map((d) => [`${file}:${d.line}`, d.level, d.message, d.rule]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => width(row[i] ?? ''))));
  return rows
    .map((row) => row.map((cell, i) => (i < 3 ? pad(cell, widths[i] ?? 0, 'left') : cell)).join(GAP))
    .join('\n');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const count = (level: Diagnostic['level']): number => diagnostics.filter((d) => d.level === level).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const infos = count('info');
  const counts = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`;
  return infos > 0 ? `${counts}, ${infos} info` : counts;
}

/** Human summary of a parsed list: title, counts, categories, diagnostics. */
export function formatDocumentSummary(source: string, doc: ListDocument): string {
  const categories = doc.categories.map((c) => [c.depth > 2 ? `  ${c.name}` : c.name, String(c.entryCount)]);
  return [
    `${doc.title} (${source})`,
    `${doc.entries.length} entries in ${doc.categories.filter((c) => c.depth === 2).length} categories`,
    kindTotals(
      doc.entries.filter((entry) => entry.kind === 'project').length,
      doc.entries.filter((entry) => entry.kind === 'resource').length,
    ),
    '',
    formatTable([{ header: 'CATEGORY' }, { header: 'ENTRIES', align: 'right' }], categories),
    '',
    `Diagnostics: ${summarizeDiagnostics(doc.diagnostics)}`,
  ].join('\n');
}

/** Every entry field in a fixed order; absent optional fields are `null`, so JSON consumers see all keys. */
export function entryToJson(entry: Entry): Record<string, unknown> {
  return {
    id: entry.id,
    name: entry.name,
    url: entry.url,
    repo: entry.repo ?? null,
    language: entry.language ?? null,
    description: entry.description,
    note: entry.note ?? null,
    tags: entry.tags,
    archived: entry.archived,
    kind: entry.kind,
    category: entry.category,
    subcategory: entry.subcategory ?? null,
    group: entry.group ?? null,
    line: entry.line,
  };
}

export function documentToJson(doc: ListDocument): Record<string, unknown> {
  return {
    title: doc.title,
    categories: doc.categories.map((c) => ({
      name: c.name,
      depth: c.depth,
      parent: c.parent ?? null,
      line: c.line,
      entryCount: c.entryCount,
    })),
    entries: doc.entries.map(entryToJson),
    diagnostics: doc.diagnostics.map((d) => ({
      level: d.level,
      rule: d.rule,
      message: d.message,
      line: d.line,
    })),
  };
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
