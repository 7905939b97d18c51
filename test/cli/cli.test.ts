import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => `test/fixtures/${name}`;

/** Runs the real CLI in a child process, as a user would. */
function dsp(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function expectOneLineError(result: ReturnType<typeof dsp>, pattern: RegExp): void {
  expect(result.status).not.toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('dsp CLI', () => {
  it('searches the bundled list and prints a table', () => {
    const result = dsp('search', 'raft', '--limit', '3');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+KIND\s+LANGUAGE\s+CATEGORY\s+DESCRIPTION\s+ID$/);
    expect(lines.slice(1, 4).join('\n')).toMatch(/Jocko|etcd|Kingbus/);
    expect(lines.at(-1)).toMatch(/^3 of \d+ entries match "raft"\.$/);
  });

  it('searches with --json and filters', () => {
    const result = dsp('search', 'distributed', '--language', 'golang', '--category', 'queues', '--json');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { total: number; hits: { entry: Record<string, unknown> }[] };
    expect(json.total).toBeGreaterThan(0);
    for (const { entry } of json.hits) expect(entry).toMatchObject({ language: 'Go', category: 'Queues' });
    expect(Object.keys(json.hits[0]?.entry ?? {})).toContain('subcategory');
  });

  it('parses a list to JSON with the right counts', () => {
    const result = dsp('parse', fixture('upstream-distributed-system-projects.md'), '--json');
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      entries: unknown[];
      categories: { depth: number }[];
      diagnostics: { rule: string }[];
    };
    expect(doc.entries).toHaveLength(141);
    const kinds = (doc.entries as { kind: string }[]).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'resource')).toHaveLength(7);
    expect(kinds.filter((kind) => kind === 'project')).toHaveLength(134);
    expect(doc.categories.filter((c) => c.depth === 3)).toHaveLength(9);
    expect(doc.diagnostics.filter((d) => d.rule === 'duplicate-url')).toHaveLength(2);
  });

  it('shows one project by name', () => {
    const result = dsp('show', 'couchdb');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Note:        Supports master-master setups with automatic conflict detection.',
    );
  });

  it('lints: exit 1 and file:line level message rule for a list with an error', () => {
    const result = dsp('lint', fixture('lint-errors.md'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^test\/fixtures\/lint-errors\.md:9\s+error\s+.*javascript.*\s+non-http-link$/m,
    );
    expect(result.stdout).toMatch(/lint-errors\.md:10\s+warning\s+.*duplicate-url$/m);
    expect(result.stdout).toMatch(/lint-errors\.md:11\s+warning\s+.*missing-link$/m);
    expect(result.stdout).toContain('1 error, 2 warnings');
  });

  it('lints a clean list with exit 0', () => {
    const result = dsp('lint', fixture('awesome-scalability.md'));
    expect(result.status).toBe(0);
  });

  it('says "1 entry matches" for a single hit', () => {
    const result = dsp('search', 'kingbus');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('1 entry matches "kingbus".');
  });

  it('prints its version with --version', () => {
    const result = dsp('--version');
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(result.stdout).toBe(`${manifest.version}\n`);
  });

  it('prints help and exits 0 when run without arguments', () => {
    const result = dsp();
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: dsp /);
    expect(result.stdout).toMatch(/^\s+search \[options\] <query>/m);
  });

  it('rejects an unknown command in one line without a stack trace', () => {
    expectOneLineError(dsp('frobnicate'), /unknown command 'frobnicate'/);
  });

  it('rejects a missing argument', () => {
    expectOneLineError(dsp('show'), /missing required argument/);
  });

  it('reports an unreadable list file', () => {
    expectOneLineError(
      dsp('categories', '--list', 'no/such/list.md'),
      /cannot read list "no\/such\/list\.md": no such file or directory/,
    );
  });

  it('reports an unknown project', () => {
    expectOneLineError(
      dsp('show', 'no-such-project-xyz'),
      /^error: There is no project “no-such-project-xyz” in the list\.$/m,
    );
  });

  it('refuses a language the list does not have (exit 1), naming the ones it has', () => {
    const result = dsp('search', 'raft', '--language', 'Cobol');
    expectOneLineError(
      result,
      /^error: There is no language “Cobol” in the list\. Languages in the list: Go, /,
    );
    expect(result.status).toBe(1);
  });
});

describe('dsp CLI on sources that are not lists', () => {
  let dir = '';
  const empty = () => join(dir, 'empty.md');
  const prose = () => join(dir, 'prose.md');
  const binary = () => join(dir, 'program.bin');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dsp-cli-'));
    writeFileSync(empty(), '');
    writeFileSync(prose(), '# Notes\n\nJust prose, no links.\n');
    writeFileSync(binary(), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('search refuses binary input instead of finding nothing', () => {
    expectOneLineError(
      dsp('search', 'raft', '--list', binary()),
      /^error: ".*program\.bin" is not a list: .*control or NUL/,
    );
  });

  it('parse refuses an empty file and a file with no entries', () => {
    expectOneLineError(dsp('parse', empty()), /^error: ".*empty\.md" is not a list: no entries found/);
    expectOneLineError(
      dsp('categories', '--list', prose()),
      /^error: ".*prose\.md" is not a list: no entries found/,
    );
  });

  it('refuses an unsupported URL scheme in words, not as a missing file', () => {
    expectOneLineError(
      dsp('random', '--list', 'ftp://example.com/list.md'),
      /^error: cannot read list "ftp:\/\/example\.com\/list\.md": ftp: is not supported; use a file path or an http\(s\) URL$/m,
    );
  });
});
