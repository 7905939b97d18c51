/**
 * `npm run bench`: runs every benchmark section in turn and prints plain tables.
 * Add a section by writing `bench/<name>.ts` exporting an async function and listing it here.
 */
import { enrich } from './enrich.js';
import { fanout } from './fanout.js';
import { interactions } from './interactions.js';
import { labelledQueries } from './labelled-queries.js';
import { listAndSearch } from './list-and-search.js';
import { reload } from './reload.js';

interface Section {
  name: string;
  run: () => Promise<void>;
}

const sections: Section[] = [
  { name: 'list and search', run: listAndSearch },
  { name: 'labelled queries', run: () => labelledQueries() },
  { name: 'interactions', run: () => interactions() },
  { name: 'featured fan-out', run: fanout },
  { name: 'enrich', run: enrich },
  { name: 'reload', run: reload },
];

const only = process.argv.slice(2);
for (const section of sections) {
  if (only.length > 0 && !only.some((name) => section.name.includes(name))) continue;
  console.log(`\n=== ${section.name} ===`);
  const started = performance.now();
  await section.run();
  console.log(`\n(${section.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
