/**
 * The CLI reads lists as the bot does: whole up to LIST_MAX_BYTES, refused above it, and it shows
 * progress while parsing a long one when stderr is a terminal.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/program.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('dsp-cli-large');

function listFile(name: string, entries: number): { path: string; bytes: number } {
  const sections = Array.from({ length: 10 }, (_, s) => {
    const items = [];
    for (let i = s; i < entries; i += 10) {
      items.push(
        `- [(Go) Project${i} - a distributed key-value store, number ${i}](https://github.com/o/p${i})`,
      );
    }
    return `## Section ${s}\n\n${items.join('\n')}\n`;
  });
  const text = `# Long list\n\n${sections.join('\n')}`;
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, bytes: Buffer.byteLength(text) };
}

async function run(argv: string[], io: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const progress: string[] = [];
  const code = await runCli(argv, {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: {},
    ...io,
    ...(io.progress ? { progress: (text: string) => progress.push(text) } : {}),
  });
  return { code, out, err, progress };
}

describe('dsp parse and dsp lint on a long list', () => {
  const long = listFile('long.md', 3_000); // about 300 KB

  it('show progress on stderr when it is a terminal, ending with the status line cleared', async () => {
    const result = await run(['parse', long.path], { progress: () => undefined });
    expect(result.code).toBe(0);
    expect(result.out).toContain('3000 entries in 10 categories');
    expect(result.progress.length).toBeGreaterThan(1);
    expect(result.progress[0]).toMatch(/^parsing .*long\.md: \d+% \(0\.\d of 0\.3 MB\)$/);
    expect(result.progress.at(-2)).toMatch(/: 100% /);
    expect(result.progress.at(-1)).toBe('');
    expect(result.err).toBe('');
  });

  it('show none when stderr is not a terminal', async () => {
    const result = await run(['lint', long.path]);
    expect(result.progress).toEqual([]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('LIST_MAX_BYTES in the CLI', () => {
  const small = listFile('small.md', 40);

  it('reads a list of exactly the limit whole', async () => {
    const result = await run(['parse', small.path, '--json'], {
      env: { LIST_MAX_BYTES: String(small.bytes) },
    });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as { entries: unknown[] }).entries).toHaveLength(40);
  });

  it('refuses a list one byte over the limit, naming both sizes, before parsing it', async () => {
    const limit = small.bytes - 1;
    const result = await run(['lint', small.path], { env: { LIST_MAX_BYTES: String(limit) } });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(`${small.bytes.toLocaleString('en')} bytes`);
    expect(result.err).toMatch(
      new RegExp(`more than LIST_MAX_BYTES \\(.*\\(${limit.toLocaleString('en')} bytes\\)\\)`),
    );
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('reports a bad LIST_MAX_BYTES as a configuration problem', async () => {
    const result = await run(['search', 'raft'], { env: { LIST_MAX_BYTES: 'lots' } });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: LIST_MAX_BYTES: must be a size/);
  });
});
