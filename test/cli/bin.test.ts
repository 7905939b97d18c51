/** `bin/dsp.js` (what `npx dsp` runs) in a scratch copy of the project, with a fake compiled build. */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const COMPILED_MARK = 'output of the compiled build';

let project = '';
const compiledMain = () => join(project, 'dist', 'src', 'cli', 'main.js');

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'dsp-bin-'));
  for (const part of ['bin', 'scripts', 'src', 'commands']) {
    cpSync(join(root, part), join(project, part), { recursive: true });
  }
  copyFileSync(join(root, 'package.json'), join(project, 'package.json'));
  symlinkSync(realpathSync(join(root, 'node_modules')), join(project, 'node_modules'));
  mkdirSync(join(project, 'dist', 'src', 'cli'), { recursive: true });
  writeFileSync(compiledMain(), `process.stdout.write(${JSON.stringify(`${COMPILED_MARK}\n`)});\n`);
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

function runBin(...args: string[]) {
  const result = spawnSync(process.execPath, [join(project, 'bin', 'dsp.js'), ...args], {
    cwd: project,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function setModified(path: string, when: Date): void {
  utimesSync(path, when, when);
}

describe('bin/dsp.js', () => {
  it('runs the current sources when dist/ is older than them', () => {
    setModified(compiledMain(), new Date('2001-01-01T00:00:00Z'));
    const result = runBin('--version');
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toBe(`${version}\n`);
  });

  it('runs dist/ when it is newer than every source', () => {
    setModified(compiledMain(), new Date(Date.now() + 24 * 3_600_000));
    expect(runBin('--version')).toMatchObject({ status: 0, stdout: `${COMPILED_MARK}\n` });
  });
});
