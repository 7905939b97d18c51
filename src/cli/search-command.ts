/** `dsp search`: ranked (or sorted by stored metadata) hits, as a table or JSON, optionally explained. */
import { InvalidArgumentError } from 'commander';
import type { ExplainedHit } from '../search/types.js';
import { sortByActivity, sortByStars } from '../metadata/view.js';
import type { CommandContext } from './context.js';
import { formatExplanations } from './explain.js';
import { formatSearch, toJson } from './format.js';
import { loadIndex } from './load.js';
import { entryWithMetadataJson, formatEntriesWithMetadata } from './metadata-format.js';
import { readStoredMetadata } from './metadata-store.js';
import { filtersOf, tableOptions, withFilters, withJson, type FilterOptions } from './options.js';

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

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('must be a positive whole number.');
  return parsed;
}

export function addSearchCommand({ add, io, print, listLimit }: CommandContext): void {
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
}
