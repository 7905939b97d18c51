/**
 * The metadata side of the command line: `dsp enrich` (look everything up now, into the store the
 * bot reads), `dsp health` (the report, with `--fail-on` for a list's CI), and the stored metadata
 * that `search`, `show` and every `--json` add to entries.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadConfig, readEnvironment } from '../config/index.js';
import type { Config } from '../config/index.js';
import type { Entry } from '../list/types.js';
import { compactCount, relativeTime } from '../metadata/format.js';
import { parseFailOn } from '../metadata/health.js';
import { refreshMetadata } from '../metadata/refresh.js';
import type { RefreshSummary } from '../metadata/refresh.js';
import { createSources } from '../metadata/service.js';
import { systemClock } from '../metadata/clock.js';
import { HEALTH_CLASSES } from '../metadata/types.js';
import type { EntryMetadata, HealthClass } from '../metadata/types.js';
import { loadMetadataView, metadataToJson, movedTo } from '../metadata/view.js';
import type { MetadataView } from '../metadata/view.js';
import { openStore } from '../store/open.js';
import { SQLITE_FILE_NAME } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { describeError } from '../text/describe-error.js';
import { readVersion } from '../version.js';
import { entryToJson, formatTable, toJson } from './format.js';
import type { TableOptions } from './format.js';
import { CliError, loadList } from './load.js';

export interface MetadataIo {
  out(text: string): void;
  err(text: string): void;
  /** A status line rewritten in place on a terminal; absent when stderr is not a terminal. */
  progress?(text: string): void;
  /** The environment (default: process environment and .env). */
  env?: Record<string, string | undefined>;
  now?: () => Date;
}

function configOrThrow(io: MetadataIo): Config {
  const loaded = loadConfig(io.env ?? readEnvironment());
  if (!loaded.ok) throw new CliError(`configuration problems:\n${loaded.problems.join('\n')}`, 2);
  return loaded.config;
}

async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(config);
  } catch (error) {
    throw new CliError(describeError(error));
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * The stored metadata for `entries`, for search/show/--json: only when a store exists already
 * (no database is created by a search), and never an error — without it answers simply lack metadata.
 */
export async function readStoredMetadata(
  entries: readonly Entry[],
  io: Pick<MetadataIo, 'env' | 'now'>,
): Promise<MetadataView | undefined> {
  const loaded = loadConfig(io.env ?? readEnvironment());
  if (!loaded.ok) return undefined;
  const config = loaded.config;
  if (!config.DATABASE_URL && !existsSync(join(config.STATE_DIR, SQLITE_FILE_NAME))) return undefined;
  try {
    return await withStore(config, (store) =>
      loadMetadataView(store, entries, io.now?.() ?? new Date(), config.HEALTH_INACTIVE_AFTER),
    );
  } catch {
    return undefined;
  }
}

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

function summaryText(summary: RefreshSummary, tokenSet: boolean): string {
  const r = summary.repositories;
  const l = summary.links;
  const lines = [
    `Repositories: ${r.checked} checked via ${summary.api === 'graphql' ? 'GraphQL' : 'REST'} (${r.found} read, ${r.notModified} unchanged, ${r.notFound} not found, ${r.moved} moved, ${r.failed} failed${r.left > 0 ? `, ${r.left} left for next time` : ''})`,
    `Links: ${l.checked} checked (${l.ok} ok, ${l.moved} moved, ${l.gone} 404/410, ${l.unknown} no answer, ${l.skipped} skipped)`,
    `Requests: ${summary.requests} to GitHub, ${summary.notModified} answered 304 Not Modified${summary.api === 'graphql' ? `, ${summary.graphqlQueries} GraphQL queries` : ''}`,
    `Rate-limit waits: ${summary.rateLimitWaits}`,
    `Took: ${formatDuration(summary.finishedAt.getTime() - summary.startedAt.getTime())}`,
  ];
  if (summary.budgetExhausted) {
    lines.push('The GitHub budget ran out: run dsp enrich again after the reset for the rest.');
  }
  if (!tokenSet && r.due > 60) lines.push('Tip: with GITHUB_TOKEN set this takes a few GraphQL queries.');
  return lines.join('\n');
}

/** Adds `enrich` and `health` to the program. */
export function addMetadataCommands(
  add: (name: string) => Command,
  io: MetadataIo,
  state: { exitCode: number },
): void {
  const print = (text: string): void => io.out(text.endsWith('\n') ? text : `${text}\n`);

  add('enrich')
    .description('look up GitHub metadata and check links now, into the store the bot reads')
    .option('--json', 'print the summary as JSON')
    .option('--no-wait', 'stop when the GitHub budget runs out instead of waiting for its reset')
    .action(async (options: { list?: string; json?: boolean; wait: boolean }) => {
      const config = configOrThrow(io);
      const { doc } = await loadList(options.list ?? config.LIST_SOURCE);
      const tell = (text: string) => io.err(`${text}\n`);
      const sources = createSources(config, {
        clock: systemClock,
        version: readVersion(),
        waitForReset: options.wait,
        onWait: ({ untilMs, reason }) =>
          tell(
            reason === 'reset'
              ? `GitHub budget used up: waiting for its reset at ${new Date(untilMs).toISOString().slice(11, 19)} UTC`
              : `GitHub asked to slow down: waiting ${formatDuration(untilMs - Date.now())}`,
          ),
      });
      const summary = await withStore(config, (store) =>
        refreshMetadata(doc.entries, {
          store,
          sources,
          clock: systemClock,
          refreshMs: config.ENRICH_REFRESH,
          force: true,
          holder: `cli:${hostname()}:${process.pid}`,
          onEstimate: (ms, pending) => {
            if (ms > 0) {
              tell(
                `${pending} repositories left at GitHub's ${config.GITHUB_TOKEN ? '' : 'anonymous '}budget ` +
                  `(${sources.budget.state.limit ?? '?'} an hour): about ${formatDuration(ms)}` +
                  (config.GITHUB_TOKEN ? '' : '; set GITHUB_TOKEN to do it in a few queries'),
              );
            }
          },
          ...(io.progress
            ? {
                onProgress: (progress) =>
                  io.progress?.(
                    `${progress.phase}: ${progress.done}/${progress.total}` +
                      (progress.estimateMs ? ` (about ${formatDuration(progress.estimateMs)} left)` : ''),
                  ),
              }
            : {}),
        }),
      );
      io.progress?.('');
      if (!summary.ran)
        throw new CliError('another dsp process is refreshing the metadata now; try again later');
      print(options.json ? toJson(summary) : summaryText(summary, Boolean(config.GITHUB_TOKEN)));
    });

  add('health')
    .description('the health report of a list, grouped by class, from the stored metadata')
    .option('--json', 'print JSON instead of text')
    .addOption(
      new Option(
        '--fail-on <classes>',
        'exit 1 when an entry is in one of these classes (deleted,dead,archived,moved,inactive)',
      ),
    )
    .action(async (options: { list?: string; json?: boolean; failOn?: string }) => {
      const failOn = options.failOn === undefined ? undefined : parseFailOn(options.failOn);
      if (failOn && !failOn.ok) {
        throw new CliError(
          `--fail-on: "${failOn.bad}" is not one of deleted, dead, archived, moved, inactive`,
        );
      }
      const config = configOrThrow(io);
      const { doc } = await loadList(options.list ?? config.LIST_SOURCE);
      const now = io.now?.() ?? new Date();
      const view = await withStore(config, (store) =>
        loadMetadataView(store, doc.entries, now, config.HEALTH_INACTIVE_AFTER),
      );
      const byClass = new Map<HealthClass, Entry[]>();
      for (const entry of doc.entries) {
        const health = view.byEntry.get(entry.id)?.health.class ?? 'unknown';
        byClass.set(health, [...(byClass.get(health) ?? []), entry]);
      }
      if (options.json) {
        print(
          toJson({
            lastRefresh: view.lastRefresh?.toISOString() ?? null,
            counts: view.counts,
            classes: Object.fromEntries(
              HEALTH_CLASSES.map((name) => [
                name,
                (byClass.get(name) ?? []).map((entry) => ({
                  id: entry.id,
                  name: entry.name,
                  url: entry.url,
                  ...metadataToJson(view.byEntry.get(entry.id)),
                })),
              ]),
            ),
          }),
        );
      } else {
        const sections = [
          `Health of ${doc.entries.length} entries; last complete refresh: ${view.lastRefresh ? `${view.lastRefresh.toISOString()} (${relativeTime(view.lastRefresh, now)})` : 'never (run dsp enrich)'}`,
        ];
        for (const name of HEALTH_CLASSES) {
          const entries = byClass.get(name) ?? [];
          if (entries.length === 0) continue;
          const rows = entries.map((entry) => {
            const health = view.byEntry.get(entry.id)?.health;
            return [
              entry.name,
              health?.evidence ?? '',
              health?.since?.toISOString().slice(0, 10) ?? '',
              entry.url,
            ];
          });
          sections.push(
            `\n${name} (${entries.length})`,
            formatTable(
              [
                { header: 'NAME', maxWidth: 28 },
                { header: 'EVIDENCE', maxWidth: 70 },
                { header: 'SINCE' },
                { header: 'URL' },
              ],
              rows,
            ),
          );
        }
        print(sections.join('\n'));
      }
      if (failOn?.ok) {
        const failing = failOn.classes.filter((name) => (byClass.get(name) ?? []).length > 0);
        if (failing.length > 0) {
          io.err(
            `health: ${failing.map((name) => `${byClass.get(name)?.length ?? 0} ${name}`).join(', ')}\n`,
          );
          state.exitCode = 1;
        }
      }
    });
}
