/**
 * Result quality of the current ranking on the labelled query sets: hit@1 and hit@5 per list, per
 * kind and overall. Prints, asserts nothing.
 *
 *   npx tsx bench/labelled-queries.ts            both sets
 *   npx tsx bench/labelled-queries.ts --misses   also every query whose rank-1 hit is not acceptable
 *   npx tsx bench/labelled-queries.ts FILE…      other query files
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percent, printTable } from './lib/measure.js';
import {
  loadLabelledQueryFile,
  type QueryOutcome,
  runLabelledQueries,
  type Tally,
  tallyBy,
} from './lib/labelled-quality.js';

const QUERY_FILES = [
  'test/fixtures/labelled-queries-descriptive.json',
  'test/fixtures/labelled-queries.json',
];

export async function labelledQueries(files = QUERY_FILES, misses = false): Promise<void> {
  for (const file of files) {
    const outcomes = runLabelledQueries(loadLabelledQueryFile(file));
    const row = (name: string, tally: Tally): string[] => [
      name,
      String(tally.queries),
      percent(tally.hit1 / tally.queries),
      percent(tally.hit5 / tally.queries),
      `${tally.hit1}/${tally.queries}`,
      `${tally.hit5}/${tally.queries}`,
    ];
    const header = ['', 'queries', 'hit@1', 'hit@5', 'at 1', 'in top 5'];
    const all = tallyBy(outcomes, () => 'all');
    printTable(
      `${file}: per list`,
      ['list', ...header.slice(1)],
      [
        ...[...tallyBy(outcomes, (outcome) => basename(outcome.list))].map(([name, tally]) =>
          row(name, tally),
        ),
        ...[...all].map(([name, tally]) => row(name, tally)),
      ],
    );
    printTable(
      `${file}: per kind`,
      ['kind', ...header.slice(1)],
      [
        ...[...tallyBy(outcomes, (outcome) => outcome.query.kind)].map(([name, tally]) => row(name, tally)),
        ...[...tallyBy(outcomes, (outcome) => `${listLabel(outcome)} ${outcome.query.kind}`)].map(
          ([name, tally]) => row(name, tally),
        ),
      ],
    );
    if (misses) printMisses(file, outcomes);
  }
}

/** "upstream" for the default list of the new set, else the file name without `.md`. */
function listLabel(outcome: QueryOutcome): string {
  return basename(outcome.list, '.md').replace(/^upstream-distributed-system-projects$/, 'upstream');
}

function printMisses(file: string, outcomes: QueryOutcome[]): void {
  const missed = outcomes.filter((outcome) => outcome.rank !== 1);
  console.log(`\n${file}: ${missed.length} queries without an acceptable hit at rank 1`);
  for (const { list, query, rank, top } of missed) {
    const where = rank === undefined ? 'not in top 5' : `rank ${rank}`;
    console.log(
      `  [${basename(list, '.md')}] "${query.query}" (${query.kind}, ${where}): ${top.slice(0, 3).join(' | ')}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const files = args.filter((arg) => !arg.startsWith('--'));
  await labelledQueries(files.length > 0 ? files : QUERY_FILES, args.includes('--misses'));
}
