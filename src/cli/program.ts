import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { EntryKind } from '../list/types.js';
import { categoryEntries } from '../search/category-lookup.js';
import { noMatchText } from '../search/lookup-messages.js';
import type { ProjectIndex } from '../search/project-index.js';
import type { ExplainedHit, SearchFilters } from '../search/types.js';
import { describeError } from '../text/describe-error.js';
import { formatExplanations } from './explain.js';
import {
  documentToJson,
  formatCategories,
  formatDiagnostics,
  formatDocumentSummary,
  formatEntries,
  formatEntryDetails,
  formatSearch,
  summarizeDiagnostics,
  toJson,
} from './format.js';
import { listMaxBytes, readEnvironment } from '../config/index.js';
import { readVersion } from '../version.js';
import { CliError, loadIndex, loadList, type LoadOptions } from './load.js';
import { addEnrichCommand } from './enrich.js';
import { addHealthCommand } from './health.js';
import { categoryOrFail, filtersOrFail, projectOrFail } from './lookup.js';
import {
  entryWithMetadataJson,
  formatEntriesWithMetadata,
  formatMetadataDetails,
} from './metadata-format.js';
import { readStoredMetadata } from './metadata-store.js';
import { sortByActivity, sortByStars } from '../metadata/view.js';

/** Where the CLI writes; tests pass buffers, main passes process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  random?: () => number;
  /** Terminal width when output is a terminal; tables then fit it. */
  columns?: number;
  /** A status line rewritten in place (dsp enrich, parsing a long list); set when stderr is a terminal. */
  progress?: (text: string) => void;
  /** Environment for LIST_MAX_BYTES, the store and metadata settings (default: process environment and .env). */
  env?: Record<string, string | undefined>;
  now?: () => Date;
}

interface ListOption {
  list?: string;
}
interface JsonOption {
  json?: boolean;
}
interface KindOption {
  kind?: EntryKind;
}
interface FilterOptions extends ListOption, JsonOption, KindOption {
  category?: string;
  language?: string;
  tag?: string;
}

interface SearchCommandOptions extends FilterOptions {
  limit?: number;
  sort?: SortOrder;
  explain?: boolean;
}

const DEFAULT_SEARCH_LIMIT = 10;

const SORT_ORDERS = ['relevance', 'stars', 'activity'] as const;
type SortOrder = (typeof SORT_ORDERS)[number];

function sortOrder(value: string): SortOrder {
  const order = SORT_ORDERS.find((name) => name === value.toLowerCase());
  if (!order) throw new InvalidArgumentError(`must be one of ${SORT_ORDERS.join(', ')}.`);
  return order;
}

function entryKind(value: string): EntryKind {
  const kind = value.trim().toLowerCase();
  if (kind === 'project' || kind === 'resource') return kind;
  throw new InvalidArgumentError('must be project or resource.');
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('must be a positive whole number.');
  return parsed;
}

/** The filters given, read as `/dsp` reads them (`Parent › Child`, `golang`); unknown ones fail. */
function filtersOf(options: FilterOptions, index: ProjectIndex): SearchFilters {
  const { raw: _raw, ...filters } = filtersOrFail(index, options);
  if (options.kind !== undefined) filters.kind = options.kind;
  return filters;
}

function tableOptions(io: CliIo): { maxWidth?: number } {
  return io.columns !== undefined && io.columns > 0 ? { maxWidth: io.columns } : {};
}

function withListOption(command: Command): Command {
  return command.option('--list <file-or-url>', 'awesome list to read (default: the bundled list)');
}

function withFilters(command: Command): Command {
  return command
    .option('--category <name>', 'only this category or subcategory (also as "Parent › Child")')
    .option('--language <name>', 'only this language (Go, Golang and go are the same)')
    .option('--tag <name>', 'only projects with this tag')
    .option('--kind <kind>', 'only projects (software) or only resources (reading, talks, lists)', entryKind);
}

function withJson(command: Command): Command {
  return command.option('--json', 'print JSON instead of a table');
}

/** Builds the `dsp` command tree; actions write through `io` and set `state.exitCode`. */
export function buildProgram(io: CliIo, state: { exitCode: number }): Command {
  const program = new Command('dsp')
    .description('Search the awesome list of distributed-systems projects')
    .version(readVersion(), '-V, --version', 'print the version of dsp')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride();
  const print = (text: string): void => io.out(text.endsWith('\n') ? text : `${text}\n`);
  const listLimit = (): LoadOptions => {
    const result = listMaxBytes(io.env ?? readEnvironment());
    if (!result.ok) throw new CliError(result.problem, 2);
    return { maxBytes: result.bytes };
  };
  /** parse and lint read lists being written, perhaps long ones: they show progress. */
  const withProgress = (): LoadOptions => ({
    ...listLimit(),
    ...(io.progress ? { progress: { write: (text: string) => io.progress?.(text) } } : {}),
  });
  const add = (name: string): Command =>
    withListOption(
      program.command(name).exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }),
    );

  withJson(withFilters(add('search <query>')))
    .description('search projects and resources by name, description, tags, category and language')
    .option('--limit <n>', `how many results (default ${DEFAULT_SEARCH_LIMIT})`, positiveInteger)
    .option(
      '--sort <order>',
      'relevance (default), stars or activity (last push), from dsp enrich',
      sortOrder,
    )
    .option(
      '--explain',
      'print, for each hit, which query words matched in which fields, and the score parts',
    )
    .action(async (query: string, options: SearchCommandOptions) => {
      const { index, doc } = await loadIndex(options.list, listLimit());
      const filters = filtersOf(options, index);
      const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
      const sorted = options.sort !== undefined && options.sort !== 'relevance';
      // Sorting by metadata ranks every match, then keeps the first `limit`.
      const result = index.search(query, {
        ...filters,
        limit: sorted ? doc.entries.length : limit,
      });
      const view = sorted || options.json ? await readStoredMetadata(doc.entries, io) : undefined;
      let hits = result.hits;
      if (sorted && view) {
        const id = (hit: (typeof hits)[number]) => hit.entry.id;
        hits = options.sort === 'stars' ? sortByStars(hits, id, view) : sortByActivity(hits, id, view);
      } else if (sorted) {
        io.err('note: no metadata stored yet (run dsp enrich); sorted by relevance\n');
      }
      hits = hits.slice(0, limit);
      const explained = options.explain && !sorted ? index.explain(query, { ...filters, limit }) : undefined;
      if (options.json) {
        print(
          toJson({
            query,
            total: result.total,
            hits: hits.map((h, at) => ({
              score: h.score,
              entry: entryWithMetadataJson(h.entry, view),
              ...(explained ? { explanation: explained.hits[at]?.explanation } : {}),
            })),
          }),
        );
        return;
      }
      if (sorted && view && hits.length > 0) {
        const shown = hits.length < result.total ? `${hits.length} of ${result.total}` : `${result.total}`;
        print(
          `${formatEntriesWithMetadata(
            hits.map((hit) => hit.entry),
            view,
            io.now?.() ?? new Date(),
            tableOptions(io),
          )}\n\n${shown} ${result.total === 1 ? 'project' : 'projects'} match "${query}", by ${options.sort}.`,
        );
        return;
      }
      print(formatSearch(query, hits, result.total, tableOptions(io)));
      if (result.total === 0) {
        const guesses = index.didYouMean(query);
        if (guesses.length > 0) print(`Did you mean: ${guesses.map((e) => e.name).join(', ')}?`);
      } else if (explained) {
        print(formatExplanations(query, explained.hits as ExplainedHit[]));
      }
    });

  withJson(withFilters(add('random')))
    .description('show a random project (or resource, with --kind resource)')
    .action(async (options: FilterOptions) => {
      const { index } = await loadIndex(options.list, listLimit());
      const { raw, ...filters } = filtersOrFail(index, options);
      if (options.kind !== undefined) filters.kind = options.kind;
      const entry = index.random(filters, io.random ?? Math.random);
      if (entry === undefined) throw new CliError(noMatchText(raw));
      print(
        options.json
          ? toJson(entryWithMetadataJson(entry, await readStoredMetadata([entry], io)))
          : formatEntryDetails(entry),
      );
    });

  withJson(add('categories'))
    .description('list categories with their numbers of projects and resources')
    .action(async (options: ListOption & JsonOption) => {
      const { index } = await loadIndex(options.list, listLimit());
      const categories = index.categories();
      print(options.json ? toJson(categories) : formatCategories(categories));
    });

  withJson(add('category <name>'))
    .description('list the projects and resources of one category or subcategory (also as "Parent › Child")')
    .option('--kind <kind>', 'only projects or only resources', entryKind)
    .action(async (name: string, options: ListOption & JsonOption & KindOption) => {
      const { index, doc } = await loadIndex(options.list, listLimit());
      const target = categoryOrFail(index, name);
      const entries = categoryEntries(doc, target).filter(
        (entry) => options.kind === undefined || entry.kind === options.kind,
      );
      const category = target.subcategory ?? target.category;
      if (options.json) {
        const view = await readStoredMetadata(entries, io);
        print(toJson({ category, entries: entries.map((e) => entryWithMetadataJson(e, view)) }));
        return;
      }
      print(formatEntries(entries));
    });

  withJson(add('show <name-or-id>'))
    .description('show one project and similar ones')
    .action(async (nameOrId: string, options: ListOption & JsonOption) => {
      const { index } = await loadIndex(options.list, listLimit());
      const entry = projectOrFail(index, nameOrId);
      const similar = index.similar(entry.id);
      const view = await readStoredMetadata([entry], io);
      print(
        options.json
          ? toJson({ ...entryWithMetadataJson(entry, view), similar: similar.map((e) => e.id) })
          : view
            ? `${formatEntryDetails(entry, similar)}\n\n${formatMetadataDetails(view.byEntry.get(entry.id), io.now?.() ?? new Date())}`
            : formatEntryDetails(entry, similar),
      );
    });

  withJson(add('parse [file-or-url]'))
    .description('parse a list and print the whole document, diagnostics included')
    .action(async (file: string | undefined, options: ListOption & JsonOption) => {
      const { source, doc } = await loadList(file ?? options.list, withProgress());
      if (!options.json) {
        print(formatDocumentSummary(source, doc));
        return;
      }
      const view = await readStoredMetadata(doc.entries, io);
      print(
        toJson({ ...documentToJson(doc), entries: doc.entries.map((e) => entryWithMetadataJson(e, view)) }),
      );
    });

  add('lint [file-or-url]')
    .description('check a list; exits 1 when it has errors')
    .action(async (file: string | undefined, options: ListOption) => {
      const { source, doc } = await loadList(file ?? options.list, withProgress());
      print(formatDiagnostics(source, doc.diagnostics));
      if (doc.diagnostics.length > 0) print(summarizeDiagnostics(doc.diagnostics));
      if (doc.diagnostics.some((d) => d.level === 'error')) state.exitCode = 1;
    });

  addEnrichCommand(add, io, print);
  addHealthCommand(add, io, print, state);

  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(io, state);
  try {
    if (argv.length === 0) {
      io.out(program.helpInformation());
      return 0;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its one-line message (or the help/version text).
    return error.exitCode;
  }
  if (error instanceof CliError) {
    io.err(`error: ${error.message}\n`);
    return error.exitCode;
  }
  io.err(`error: unexpected: ${describeError(error)}\n`);
  return 70;
}
