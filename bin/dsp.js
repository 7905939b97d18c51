#!/usr/bin/env node
// Runs the compiled CLI when dist/ is as new as the sources, otherwise the sources themselves through
// tsx: an edit is never run stale, and the CLI never waits for a full build.
import { pathToFileURL } from 'node:url';
import { buildStatus } from '../scripts/ensure-built.mjs';

const build = buildStatus('src/cli/main.js');
const runCompiled = () => import(pathToFileURL(build.output).href);

async function loadTsx() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return undefined; // a production install: no dev dependencies
  }
}

if (build.exists && !build.sourcesChanged) {
  await runCompiled();
} else {
  const tsx = await loadTsx();
  if (tsx !== undefined) {
    tsx.register();
    await import(new URL('../src/cli/main.ts', import.meta.url).href);
  } else if (build.exists) {
    process.stderr.write(
      'dsp: dist/ is older than the sources and tsx is not installed; running dist/ as built.\n',
    );
    await runCompiled();
  } else {
    process.stderr.write('dsp is not built and tsx is not installed: run `npm ci` first.\n');
    process.exit(1);
  }
}
