// Builds dist/ when it is missing or older than the sources, so `npm start` needs no manual step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The compiled file for `entry` (e.g. `src/main.js`) and whether the sources changed since it was built. */
export function buildStatus(entry) {
  const output = join(root, 'dist', entry);
  const sourcesChanged =
    existsSync(join(root, 'src')) &&
    Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'commands'))) >
      (existsSync(output) ? statSync(output).mtimeMs : 0);
  return { output, exists: existsSync(output), sourcesChanged };
}

export function ensureBuilt(entry) {
  const { output, sourcesChanged } = buildStatus(entry);
  if (!sourcesChanged) return output;
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    if (existsSync(output)) return output;
    process.stderr.write('dsp is not built and TypeScript is not installed: run `npm ci` first.\n');
    process.exit(1);
  }
  process.stderr.write('Building dsp (sources changed)…\n');
  const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  return output;
}
