import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLED_LIST_FILE = join('data', 'awesome-distributed-system-projects.md');

/**
 * Path of the list shipped with dsp. Found by walking up from this module, because the module
 * sits at a different depth when run from source (src/config) and when compiled (dist/src/config).
 */
export function bundledListPath(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, BUNDLED_LIST_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return BUNDLED_LIST_FILE;
    directory = parent;
  }
}
