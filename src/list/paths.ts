import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLED_FILE = 'data/awesome-distributed-system-projects.md';

/**
 * The project root seen from this module: src/list/ when run from source (tsx), dist/src/list/ after a build.
 * Walks up until the bundled list is found, so both layouts work.
 */
function findProjectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../..'), resolve(here, '../../..')]) {
    if (existsSync(resolve(candidate, BUNDLED_FILE))) return candidate;
  }
  return resolve(here, '../..');
}

/** Absolute path of the list the bot ships with. */
export const BUNDLED_LIST_PATH = resolve(findProjectRoot(), BUNDLED_FILE);

/** Where the bundled list comes from, shown instead of the path it is installed at. */
export const BUNDLED_LIST_UPSTREAM = 'https://github.com/roma-glushko/awesome-distributed-system-projects';
