/**
 * Vitest globalSetup of the e2e project: brings dist/ up to date once, before any e2e file runs.
 *
 * Why: e2e files run in parallel. Several start the bot as a user does (`npm start`, `npm run
 * deploy-commands`), and each of those first builds dist/ when it is missing or older than the
 * sources (scripts/ensure-built.mjs); production.test.ts copies dist/ into a scratch directory.
 * Left alone, two files could write dist/ at the same time, or one copy it half-written.
 *
 * How: this runs the very same ensureBuilt that `npm start` runs, so once it has built, every
 * `npm start` in the run finds dist/ current and only reads it, and production.test.ts copies a
 * finished build instead of building its own. Nothing else in a test run writes dist/. In watch
 * mode it runs again before each rerun, as sources may have changed in between.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function buildDist(): void {
  // In a child process: ensureBuilt ends its process when the build fails.
  const build = spawnSync(
    process.execPath,
    ['-e', "import('./scripts/ensure-built.mjs').then((m) => m.ensureBuilt('src/main.js'))"],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error(`building dist/ for the e2e tests failed (exit ${build.status})`);
}

export default function setup(project: TestProject): void {
  buildDist();
  project.onTestsRerun(() => buildDist());
}
