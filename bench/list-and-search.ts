/**
 * Section "list and search": parse and index times, heap, search and autocomplete latency and
 * result quality of ProjectIndex, side by side with raw MiniSearch (`fuzzy: 0.2, prefix: true`,
 * same fields, same documents, same queries), on the shipped list, the upstream list and
 * synthetic lists of 1,000 / 10,000 / 100,000 entries.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import MiniSearch from 'minisearch';
import type { Entry, ListDocument } from '../src/list/types.js';
import { languageKey } from '../src/search/facets.js';
import { ProjectIndex, SEARCH_FIELDS, searchableText } from '../src/search/index.js';
import {
  latencies,
  medianTime,
  megabytes,
  ms,
  percent,
  percentile,
  printTable,
  retainedHeap,
  timeOnce,
  times,
} from './lib/measure.js';
import { parseList } from '../src/list/parse.js';
import { type BenchQuery, benchQueries, keystrokes } from './lib/queries.js';
import { syntheticList } from './lib/synthetic-list.js';

interface ListInput {
  label: string;
  markdown: string;
  /** What the list should parse to, when known (synthetic lists). */
  expected?: ListDocument;
}

/** One engine under test: ProjectIndex or raw MiniSearch, behind the same three calls. */
interface Engine {
  search(query: BenchQuery): Entry[];
  autocomplete(prefix: string): unknown;
}

interface Row {
  label: string;
  entries: number;
  parseMs: number;
  ours: EngineFigures;
  raw: EngineFigures;
}

interface EngineFigures {
  buildMs: number;
  heapBytes: number;
  search: number[];
  autocomplete: number[];
  nameHit1: number;
  nameHit5: number;
}

const LABELLED_QUERIES = 'test/fixtures/labelled-queries.json';
const SHIPPED = 'data/awesome-distributed-system-projects.md';
const UPSTREAM = 'test/fixtures/upstream-distributed-system-projects.md';

export async function listAndSearch(): Promise<void> {
  const [load1, load5] = loadavg();
  console.log(
    `${cpus().length} CPUs, load average ${load1?.toFixed(1)} (1 min) ${load5?.toFixed(1)} (5 min): ` +
      'other work on the machine inflates every figure below, ours and raw alike',
  );
  const inputs: ListInput[] = [
    { label: 'shipped list', markdown: readFileSync(SHIPPED, 'utf8') },
    { label: 'upstream list', markdown: readFileSync(UPSTREAM, 'utf8') },
    ...syntheticSizes().map((size) => {
      const list = syntheticList(size);
      return { label: `synthetic ${size.toLocaleString('en')}`, markdown: list.markdown, expected: list.doc };
    }),
  ];
  const rows = inputs.map(measureList);
  printRows(rows);
  printLabelledQuality(parse(readFileSync(SHIPPED, 'utf8')));
}

/** Synthetic list sizes: 1k, 10k and 100k, or BENCH_SIZES (e.g. `BENCH_SIZES=10000`). */
function syntheticSizes(): number[] {
  const sizes = process.env.BENCH_SIZES?.split(',')
    .map(Number)
    .filter((size) => size > 0);
  return sizes && sizes.length > 0 ? sizes : [1_000, 10_000, 100_000];
}

/** The parser, as the bot runs it (in its worker) and the CLI does: the whole list, in parts. */
function parse(markdown: string): ListDocument {
  return parseList(markdown);
}

function measureList(input: ListInput): Row {
  const size = input.expected?.entries.length ?? 0;
  // The parser takes tens of seconds on the largest lists: parse those once, timed.
  const timed = timeOnce(() => parse(input.markdown));
  const doc = timed.value;
  const parseMs = size >= 10_000 ? timed.ms : medianTime(10, () => parse(input.markdown));
  if (input.expected && doc.entries.length !== size) {
    console.log(
      `note: ${input.label}: parser gave ${doc.entries.length} entries, expected ${size}; indexing those`,
    );
  }
  process.stdout.write(`measuring ${input.label} (${doc.entries.length} entries)…\n`);
  const queries = benchQueries(doc.entries);
  const typed = keystrokes(doc.entries);
  const big = doc.entries.length >= 100_000;
  const ours = measureEngine(doc, queries, typed, big, buildOurs);
  const raw = measureEngine(doc, queries, typed, big, buildRaw);
  return { label: input.label, entries: doc.entries.length, parseMs, ours, raw };
}

function measureEngine(
  doc: ListDocument,
  queries: BenchQuery[],
  typed: string[],
  big: boolean,
  build: (doc: ListDocument) => Engine,
): EngineFigures {
  const built = retainedHeap(() => timeOnce(() => build(doc)));
  const engine = built.value.value;
  const buildMs = big ? built.value.ms : medianTime(doc.entries.length >= 10_000 ? 3 : 10, () => build(doc));
  // Raw MiniSearch at 100,000 entries takes ~0.5 s per autocomplete: measure it once, warm up briefly.
  const slow = big && build === buildRaw;
  const repeats = slow ? 1 : build === buildRaw ? 3 : 5;
  const warmUp = slow ? 20 : Number.POSITIVE_INFINITY;
  const search = latencies(queries, (query) => engine.search(query), repeats, warmUp);
  const autocomplete = latencies(typed, (prefix) => engine.autocomplete(prefix), repeats, warmUp);
  const { hit1, hit5 } = nameQuality(engine, queries);
  return { buildMs, heapBytes: built.bytes, search, autocomplete, nameHit1: hit1, nameHit5: hit5 };
}

function buildOurs(doc: ListDocument): Engine {
  const index = ProjectIndex.build(doc);
  return {
    search: (query) =>
      index.search(query.text, { language: query.language, limit: 10 }).hits.map((hit) => hit.entry),
    autocomplete: (prefix) => index.suggest(prefix),
  };
}

/** MiniSearch as one would use it out of the box: default tokenizer, `fuzzy: 0.2, prefix: true`. */
function buildRaw(doc: ListDocument): Engine {
  const entries = doc.entries;
  const raw = new MiniSearch<{ i: number }>({
    idField: 'i',
    fields: [...SEARCH_FIELDS],
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  raw.addAll(entries.map((entry, i) => ({ i, ...searchableText(entry) })));
  return {
    search: (query) => {
      const language = query.language ? languageKey(query.language) : undefined;
      const filter = language
        ? (result: { id: unknown }) => languageKey(entries[result.id as number]?.language ?? '') === language
        : undefined;
      return raw
        .search(query.text, filter ? { filter } : {})
        .slice(0, 10)
        .map((result) => entries[result.id as number] as Entry);
    },
    autocomplete: (prefix) => raw.autoSuggest(prefix).slice(0, 25),
  };
}

/** hit@1 and hit@5 over the name queries (exact, typo, prefix) of the query set. */
function nameQuality(engine: Engine, queries: BenchQuery[]): { hit1: number; hit5: number } {
  let hit1 = 0;
  let hit5 = 0;
  let counted = 0;
  for (const query of queries) {
    if (!query.targetRepo && !query.namePrefix) continue;
    counted++;
    const top = engine.search(query).slice(0, 5);
    const good = (entry: Entry): boolean =>
      query.targetRepo
        ? entry.repo === query.targetRepo
        : entry.name.toLowerCase().startsWith(query.namePrefix ?? '');
    if (top[0] && good(top[0])) hit1++;
    if (top.some(good)) hit5++;
  }
  return { hit1: hit1 / counted, hit5: hit5 / counted };
}

function printRows(rows: Row[]): void {
  printTable(
    'Parse and index (ProjectIndex vs raw MiniSearch)',
    ['list', 'entries', 'parse', 'index', 'parse+index', 'heap', 'raw index', 'raw heap'],
    rows.map((row) => [
      row.label,
      row.entries.toLocaleString('en'),
      ms(row.parseMs),
      ms(row.ours.buildMs),
      ms(row.parseMs + row.ours.buildMs),
      megabytes(row.ours.heapBytes),
      ms(row.raw.buildMs),
      megabytes(row.raw.heapBytes),
    ]),
  );
  const p50 = (samples: number[]): number => percentile(samples, 0.5);
  const p99 = (samples: number[]): number => percentile(samples, 0.99);
  printTable(
    'Search latency, 200 queries (exact, prefix, typo, multi-word, tag, language filter); per query the median of 5 runs (raw: 3, 1 at 100k)',
    ['list', 'median', 'p99', 'raw median', 'raw p99', 'raw/ours p99'],
    rows.map((row) => [
      row.label,
      ms(p50(row.ours.search)),
      ms(p99(row.ours.search)),
      ms(p50(row.raw.search)),
      ms(p99(row.raw.search)),
      times(p99(row.raw.search) / p99(row.ours.search)),
    ]),
  );
  printTable(
    'Autocomplete latency, every keystroke of typing 30 names (raw: autoSuggest, top 25); per keystroke the median of 5 runs (raw: 3, 1 at 100k)',
    ['list', 'keystrokes', 'median', 'p99', 'raw median', 'raw p99', 'raw/ours p99'],
    rows.map((row) => [
      row.label,
      String(row.ours.autocomplete.length),
      ms(p50(row.ours.autocomplete)),
      ms(p99(row.ours.autocomplete)),
      ms(p50(row.raw.autocomplete)),
      ms(p99(row.raw.autocomplete)),
      times(p99(row.raw.autocomplete) / p99(row.ours.autocomplete)),
    ]),
  );
  printTable(
    'Name queries of the query set (60 exact, 40 prefix, 40 typo): right project first / in top 5',
    ['list', 'hit@1', 'hit@5', 'raw hit@1', 'raw hit@5'],
    rows.map((row) => [
      row.label,
      percent(row.ours.nameHit1),
      percent(row.ours.nameHit5),
      percent(row.raw.nameHit1),
      percent(row.raw.nameHit5),
    ]),
  );
}

interface LabelledQuery {
  query: string;
  language?: string;
  category?: string;
  expect: string[];
}

function printLabelledQuality(doc: ListDocument): void {
  const { queries } = JSON.parse(readFileSync(LABELLED_QUERIES, 'utf8')) as { queries: LabelledQuery[] };
  const score = (engine: Engine): { hit1: number; hit5: number } => {
    let hit1 = 0;
    let hit5 = 0;
    for (const labelled of queries) {
      const top = engine
        .search({ kind: 'exact', text: labelled.query, language: labelled.language })
        .slice(0, 5);
      const good = (entry: Entry): boolean =>
        labelled.expect.includes(entry.name) || labelled.expect.includes(entry.id);
      if (top[0] && good(top[0])) hit1++;
      if (top.some(good)) hit5++;
    }
    return { hit1: hit1 / queries.length, hit5: hit5 / queries.length };
  };
  const ours = score(buildOurs(doc));
  const raw = score(buildRaw(doc));
  printTable(
    `Labelled query set (${queries.length} queries on the shipped list)`,
    ['engine', 'hit@1', 'hit@5'],
    [
      ['ProjectIndex', percent(ours.hit1), percent(ours.hit5)],
      ['raw MiniSearch', percent(raw.hit1), percent(raw.hit5)],
    ],
  );
}
