/** Commands that browse the list: `random`, `categories`, `category` and `show`. */
import { categoryEntries } from '../search/category-lookup.js';
import { noMatchText } from '../search/lookup-messages.js';
import type { CommandContext } from './context.js';
import { formatCategories, formatEntries, formatEntryDetails, toJson } from './format.js';
import { CliError, loadIndex } from './load.js';
import { categoryOrFail, filtersOrFail, projectOrFail } from './lookup.js';
import { entryWithMetadataJson, formatMetadataDetails } from './metadata-format.js';
import { readStoredMetadata } from './metadata-store.js';
import {
  entryKind,
  withFilters,
  withJson,
  type FilterOptions,
  type JsonOption,
  type KindOption,
  type ListOption,
} from './options.js';

export function addBrowseCommands({ add, io, print, listLimit }: CommandContext): void {
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
}
