/** Commands that check a list: `parse` (the whole document) and `lint` (its diagnostics). */
import type { CommandContext } from './context.js';
import {
  documentToJson,
  formatDiagnostics,
  formatDocumentSummary,
  summarizeDiagnostics,
  toJson,
} from './format.js';
import { loadList } from './load.js';
import { entryWithMetadataJson } from './metadata-format.js';
import { readStoredMetadata } from './metadata-store.js';
import { withJson, type JsonOption, type ListOption } from './options.js';

export function addListCommands({ add, io, print, state, withProgress }: CommandContext): void {
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
}
