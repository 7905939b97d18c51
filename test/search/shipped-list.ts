/** The shipped list, parsed, and the index over it, shared by the search tests. */
import { readFileSync } from 'node:fs';
import type { ListDocument } from '../../src/list/types.js';
import { ProjectIndex } from '../../src/search/index.js';
import { handParse } from './hand-entries.js';

export const SHIPPED_LIST_PATH = 'data/awesome-distributed-system-projects.md';

export async function loadShippedList(): Promise<ListDocument> {
  const markdown = readFileSync(SHIPPED_LIST_PATH, 'utf8');
  // The parser is being written in parallel; a path in a variable keeps tsc from requiring it yet.
  const parserPath = '../../src/list/parse.js';
  try {
    const parser = (await import(parserPath)) as { parseList: (markdown: string) => ListDocument };
    return parser.parseList(markdown);
  } catch {
    return handParse(markdown);
  }
}

export async function shippedIndex(): Promise<ProjectIndex> {
  return ProjectIndex.build(await loadShippedList());
}
