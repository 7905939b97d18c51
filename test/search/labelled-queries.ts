/** The labelled query set (test/fixtures/labelled-queries.json) and how it is scored. */
import { readFileSync } from 'node:fs';
import type { Entry } from '../../src/list/types.js';
import type { ProjectIndex } from '../../src/search/index.js';

export interface LabelledQuery {
  kind: string;
  query: string;
  language?: string;
  category?: string;
  /** Names or ids acceptable at rank 1. */
  expect: string[];
}

export function loadLabelledQueries(path = 'test/fixtures/labelled-queries.json'): LabelledQuery[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { queries: LabelledQuery[] }).queries;
}

export function isExpected(entry: Entry | undefined, query: LabelledQuery): boolean {
  return entry !== undefined && (query.expect.includes(entry.name) || query.expect.includes(entry.id));
}

/** Rank (1-based) of the first acceptable result in the top `depth`, or undefined. */
export function rankOfExpected(index: ProjectIndex, query: LabelledQuery, depth = 5): number | undefined {
  const { hits } = index.search(query.query, {
    language: query.language,
    category: query.category,
    limit: depth,
  });
  const at = hits.findIndex((hit) => isExpected(hit.entry, query));
  return at < 0 ? undefined : at + 1;
}
