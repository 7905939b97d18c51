/** `dsp health`: the health report of a list, grouped by class, with `--fail-on` for a list's CI. */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Entry } from '../list/types.js';
import { relativeTime } from '../metadata/format.js';
import { parseFailOn } from '../metadata/health.js';
import { HEALTH_CLASSES } from '../metadata/types.js';
import type { HealthClass } from '../metadata/types.js';
import { loadMetadataView, metadataToJson } from '../metadata/view.js';
import type { MetadataView } from '../metadata/view.js';
import { formatTable, toJson } from './format.js';
import { CliError, loadList } from './load.js';
import { configOrThrow, withStore } from './metadata-store.js';
import type { MetadataIo } from './metadata-store.js';

type EntriesByClass = Map<HealthClass, Entry[]>;

function groupByHealth(entries: readonly Entry[], view: MetadataView): EntriesByClass {
  const byClass: EntriesByClass = new Map();
  for (const entry of entries) {
    const health = view.byEntry.get(entry.id)?.health.class ?? 'unknown';
    byClass.set(health, [...(byClass.get(health) ?? []), entry]);
  }
  return byClass;
}

function healthJson(byClass: EntriesByClass, view: MetadataView): string {
  return toJson({
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
  });
}

function healthText(entryCount: number, byClass: EntriesByClass, view: MetadataView, now: Date): string {
  const sections = [
    `Health of ${entryCount} entries; last complete refresh: ${view.lastRefresh ? `${view.lastRefresh.toISOString()} (${relativeTime(view.lastRefresh, now)})` : 'never (run dsp enrich)'}`,
  ];
  for (const name of HEALTH_CLASSES) {
    const entries = byClass.get(name) ?? [];
    if (entries.length === 0) continue;
    const rows = entries.map((entry) => {
      const health = view.byEntry.get(entry.id)?.health;
      return [entry.name, health?.evidence ?? '', health?.since?.toISOString().slice(0, 10) ?? '', entry.url];
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
  return sections.join('\n');
}

/** Adds `health` to the program; `print` writes one block of output, `state.exitCode` fails CI. */
export function addHealthCommand(
  add: (name: string) => Command,
  io: MetadataIo,
  print: (text: string) => void,
  state: { exitCode: number },
): void {
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
      const { doc } = await loadList(options.list ?? config.LIST_SOURCE, { maxBytes: config.LIST_MAX_BYTES });
      const now = io.now?.() ?? new Date();
      const view = await withStore(config, (store) =>
        loadMetadataView(store, doc.entries, now, config.HEALTH_INACTIVE_AFTER),
      );
      const byClass = groupByHealth(doc.entries, view);
      print(options.json ? healthJson(byClass, view) : healthText(doc.entries.length, byClass, view, now));
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
