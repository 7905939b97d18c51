/**
 * hit@1 and hit@5 of ProjectIndex on a labelled query file (test/fixtures/labelled-queries*.json),
 * per list, per kind and overall. Each query runs on its own `list` (a markdown file), or on the
 * file's top-level `list` when it has none; the figures describe the ranking, they assert nothing.
 */
import { readFileSync } from 'node:fs';
import { parseList } from '../../src/list/parse.js';
import type { Entry } from '../../src/list/types.js';
import { ProjectIndex } from '../../src/search/index.js';

export interface LabelledQueryFile {
  /** The list a query runs on when it names none. */
  list: string;
  queries: LabelledQuery[];
}

export interface LabelledQuery {
  list?: string;
  kind: string;
  query: string;
  language?: string;
  category?: string;
  /** Entry names or ids acceptable at rank 1. */
  expect: string[];
}

export interface QueryOutcome {
  list: string;
  query: LabelledQuery;
  /** 1-based rank of the first acceptable hit in the top 5, or undefined. */
  rank: number | undefined;
  /** Names of the top 5 hits, best first. */
  top: string[];
}

export interface Tally {
  queries: number;
  hit1: number;
  hit5: number;
}

export function loadLabelledQueryFile(path: string): LabelledQueryFile {
  return JSON.parse(readFileSync(path, 'utf8')) as LabelledQueryFile;
}

/** Runs every query of the file; each list is parsed and indexed once. */
export function runLabelledQueries(file: LabelledQueryFile): QueryOutcome[] {
  const indexes = new Map<string, ProjectIndex>();
  const indexOf = (list: string): ProjectIndex => {
    let index = indexes.get(list);
    if (!index) {
      index = ProjectIndex.build(parseList(readFileSync(list, 'utf8')));
      indexes.set(list, index);
    }
    return index;
  };
  return file.queries.map((query) => {
    const list = query.list ?? file.list;
    const { hits } = indexOf(list).search(query.query, {
      language: query.language,
      category: query.category,
      limit: 5,
    });
    const at = hits.findIndex((hit) => accepts(query, hit.entry));
    return { list, query, rank: at < 0 ? undefined : at + 1, top: hits.map((hit) => hit.entry.name) };
  });
}

function accepts(query: LabelledQuery, entry: Entry): boolean {
  return query.expect.includes(entry.name) || query.expect.includes(entry.id);
}

/** Tallies outcomes by a key (list, kind, …), in first-seen order. */
export function tallyBy(
  outcomes: QueryOutcome[],
  key: (outcome: QueryOutcome) => string,
): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const outcome of outcomes) {
    const name = key(outcome);
    const tally = tallies.get(name) ?? { queries: 0, hit1: 0, hit5: 0 };
    tally.queries++;
    if (outcome.rank === 1) tally.hit1++;
    if (outcome.rank !== undefined) tally.hit5++;
    tallies.set(name, tally);
  }
  return tallies;
}
