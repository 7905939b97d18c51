/** `npm run playground` as a user drives it: typed lines in, rendered answers out. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let scratch: string;
let child: ChildProcessWithoutNullStreams;
let stdout = '';
let stderr = '';
let exited: Promise<number | string>;
const waiters = new Set<() => void>();

/** Types `line` and resolves with the output it caused, once `until` matches it. */
function type(line: string | undefined, until: RegExp, timeoutMs = 30_000): Promise<string> {
  const from = stdout.length;
  if (line !== undefined) child.stdin.write(`${line}\n`);
  return new Promise((resolve, reject) => {
    const check = () => {
      const output = stdout.slice(from);
      if (!until.test(output)) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(output);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`no ${until} after "${line}" in:\n${stdout.slice(from)}\nstderr:\n${stderr}`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}

beforeAll(() => {
  // Its own temporary folder: the playground's state folder (and tsx's cache) go there.
  scratch = mkdtempSync(join(tmpdir(), 'dsp-playground-test-'));
  child = spawn('npx', ['tsx', 'tools/playground.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TMPDIR: scratch,
      TZ: 'Asia/Tokyo',
    },
    detached: true,
    stdio: 'pipe',
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters) waiter();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  exited = new Promise((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
});

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('the playground', () => {
  it('answers typed commands as Discord shows them, lists every command in help, and cleans up on exit', async () => {
    await type(undefined, /"exit" quits\.\n/, 90_000);

    const search = await type(
      '/dsp search query:raft',
      /Page 1\/2 · 6 projects\n┃ \[Previous \(disabled\)\] \[6: Next\]/,
    );
    // CARD_STYLE=components: a Details button beside each result, then Previous/Next.
    expect(search).toMatch(
      /┃ Kingbus \(https:\/\/github\.com\/flike\/kingbus\) — Go · Databases · Raft .* {2}\[1: Details\]\n/,
    );
    expect(search).not.toMatch(/\*\*|\]\(/);
    // Metadata from the local GitHub stand-in: stars and last push on each line.
    expect(search).toMatch(
      /┃ Kingbus \(https:\/\/github\.com\/flike\/kingbus\) — Go · Databases · Raft · ★ [\d.]+k? · pushed /,
    );

    const next = await type('6', /Page 2\/2/);
    expect(next).toContain('┃ Dragonboat (https://github.com/lni/dragonboat) — Go · Components');

    // The next post, Monday 15:00 in Berlin, is 22:00 or 23:00 in Tokyo (TZ).
    const set = await type(
      '/dsp-admin featured set channel:#general schedule:weekly timezone:Europe/Berlin',
      /Next post\n.*\n/,
    );
    expect(set).toContain('┃ Channel #general · Timezone Europe/Berlin\n');
    expect(set).toMatch(/┃ Monday, \w+ \d{1,2}, \d{4} 1[01]:00 PM \(in [^)]+\)\n/);
    expect(set).not.toMatch(/<#|<t:/);

    const updates = await type(
      '/dsp-admin updates set channel:#general category:Databases role:@list-watchers',
      /How often\n.*\n/,
    );
    expect(updates).toContain('┃ List updates are on\n');
    expect(updates).toContain('┃ Channel #general · Pings @list-watchers\n');
    expect(updates).toContain('┃ Follows\n┃ Databases (and its sub-categories)\n');
    const status = await type('/dsp-admin updates status', /Last digest\n.*\n/);
    expect(status).toContain('┃ List updates: on\n');
    expect(status).toContain('┃ Last digest\n┃ None yet\n');
    expect(await type('posts', /nothing new posted in #general|┃/)).toContain(
      '(nothing new posted in #general)',
    );

    // "Find projects" (Apps) on a typed message: the ephemeral answer, then its button posts it.
    const found = await type(
      'find Compare etcd with Zookeper, or https://github.com/cockroachdb/cockroach.',
      /\[1: Post to channel\]/,
    );
    expect(found).toContain('(only you can see this)\nFound 3 projects from the list in that message.\n');
    expect(found).toMatch(/┃ etcd .*\n(┃ .*\n)*┃ Apache Zookeeper .*\n(┃ .*\n)*┃ CockroachDB /);
    const shared = await type('1', /┃ CockroachDB /);
    expect(shared).not.toContain('only you can see this');
    expect(await type('find good morning all', /in that message\.\n/)).toContain(
      'No projects from the list in that message.',
    );
    expect(await type('/dsp project name:etcd target:@alice', /\[1: More like this\]/)).toMatch(
      /^@alice, @\S+ shared this with you:\n┃ etcd /m,
    );

    const unknown = await type('/dsp nope', /Choose one of: .*\n/);
    expect(unknown).toContain(
      '/dsp has no subcommand "nope". Choose one of: search, random, project, category, categories, about, featured',
    );

    const help = await type('help', /times are shown now in Asia\/Tokyo\)\n/);
    for (const expected of [
      '/dsp featured [hide:true]',
      '/dsp-admin featured preview',
      '/dsp-admin featured history',
      '/dsp-admin updates set channel:#channel [category:<text>] [role:@role]',
      '  posts ',
      '  find <text> ',
      '  hide:true ',
      '  category:<text> ',
      '  help ',
      '  LIST_SOURCE ',
      '  LOG_LEVEL ',
      '  TZ ',
      '  PLAYGROUND_METADATA ',
    ]) {
      expect(help).toContain(expected);
    }

    child.stdin.write('exit\n');
    expect(await exited).toBe(0);
    expect(readdirSync(scratch).filter((name) => name.startsWith('dsp-playground-'))).toEqual([]);
  }, 180_000);
});
