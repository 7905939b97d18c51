/** The options the `dsp` commands share (--list, --json, filters) and how their values are read. */
import { InvalidArgumentError, type Command } from 'commander';
import type { EntryKind } from '../list/types.js';
import type { ProjectIndex } from '../search/project-index.js';
import type { SearchFilters } from '../search/types.js';
import type { CliIo } from './context.js';
import { filtersOrFail } from './lookup.js';

export interface ListOption {
  list?: string;
}
export interface JsonOption {
  json?: boolean;
}
export interface KindOption {
  kind?: EntryKind;
}
export interface FilterOptions extends ListOption, JsonOption, KindOption {
  category?: string;
  language?: string;
  tag?: string;
}

export function entryKind(value: string): EntryKind {
  const kind = value.trim().toLowerCase();
  if (kind === 'project' || kind === 'resource') return kind;
  throw new InvalidArgumentError('must be project or resource.');
}

/** The filters given, read as `/dsp` reads them (`Parent › Child`, `golang`); unknown ones fail. */
export function filtersOf(options: FilterOptions, index: ProjectIndex): SearchFilters {
  const { raw: _raw, ...filters } = filtersOrFail(index, options);
  if (options.kind !== undefined) filters.kind = options.kind;
  return filters;
}

export function tableOptions(io: CliIo): { maxWidth?: number } {
  return io.columns !== undefined && io.columns > 0 ? { maxWidth: io.columns } : {};
}

export function withListOption(command: Command): Command {
  return command.option('--list <file-or-url>', 'awesome list to read (default: the bundled list)');
}

export function withFilters(command: Command): Command {
  return command
    .option('--category <name>', 'only this category or subcategory (also as "Parent › Child")')
    .option('--language <name>', 'only this language (Go, Golang and go are the same)')
    .option('--tag <name>', 'only projects with this tag')
    .option('--kind <kind>', 'only projects (software) or only resources (reading, talks, lists)', entryKind);
}

export function withJson(command: Command): Command {
  return command.option('--json', 'print JSON instead of a table');
}
