import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Manifest {
  name?: string;
  version?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

/** dsp's package.json, found by walking up (the module sits deeper once compiled into dist/). */
function readManifest(): Manifest | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as Manifest;
      if (manifest.name === 'dsp') return manifest;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** dsp's version from package.json. */
export function readVersion(): string {
  return readManifest()?.version ?? '0.0.0';
}

/** Where dsp lives, from package.json `homepage` or `repository` (a git+ URL made browsable). */
export function readRepositoryUrl(): string | undefined {
  const manifest = readManifest();
  const repository =
    typeof manifest?.repository === 'string' ? manifest.repository : manifest?.repository?.url;
  const url = manifest?.homepage ?? repository?.replace(/^git\+/, '').replace(/\.git$/, '');
  return url && /^https?:\/\//.test(url) ? url : undefined;
}
