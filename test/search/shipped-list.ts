/** The shipped list, parsed, and the index over it, shared by the search tests. */
import { readFileSync } from 'node:fs';
import { parseList } from '../../src/list/parse.js';
import type { ListDocument } from '../../src/list/types.js';
import { ProjectIndex } from '../../src/search/index.js';

export const SHIPPED_LIST_PATH = 'data/awesome-distributed-system-projects.md';

export function loadShippedList(): ListDocument {
  return parseList(readFileSync(SHIPPED_LIST_PATH, 'utf8'));
}

export function shippedIndex(): ProjectIndex {
  return ProjectIndex.build(loadShippedList());
}
