/**
 * What the Docker image runs, tested outside Docker: the production build, installed with
 * production dependencies only in a scratch copy, started as the image starts it
 * (`node dist/src/main.js`), answering a slash command through the stand-in.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../tools/discord-standin/index.js';
import { waitFor } from './harness.js';
import { allText } from './read-message.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'production.token';

let scratch: string;
let standin: Standin;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dsp-prod-'));
  // dist/ is the production build (`tsc -p tsconfig.build.json`, what `npm run build` runs), made
  // once for every e2e file by test/support/build-dist-once.ts before any of them started. This
  // file only copies it: building here too could write dist/ while an `npm start` in another file
  // builds or reads it.
  for (const path of ['package.json', 'package-lock.json', 'dist', 'data']) {
    cpSync(join(ROOT, path), join(scratch, path), { recursive: true });
  }
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: scratch, stdio: 'ignore' });
}, 600_000);

afterAll(async () => {
  await standin?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the production build with production dependencies only', () => {
  it('has no dev dependencies installed', () => {
    expect(() =>
      execFileSync('node', ['-e', "require.resolve('vitest')"], { cwd: scratch, stdio: 'ignore' }),
    ).toThrow();
  });

  it('starts as the image starts it and answers a slash command', async () => {
    standin = await startStandin({ token: TOKEN });
    const child = spawn(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], {
      cwd: scratch,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: standin.apiUrl,
        STATE_DIR: join(scratch, 'state'),
        HTTP_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await waitFor(() => output.includes('slash commands checked'), 60_000, `the bot to start:\n${output}`);
      // The list is parsed in a worker thread (dist/src/catalog/build-worker.js) while the bot logs in.
      await waitFor(() => output.includes('"msg":"list ready"'), 60_000, `the list to load:\n${output}`);
      const message = await standin
        .slash({ name: 'dsp', subcommand: 'search', options: { query: 'raft' } })
        .waitForResponse();
      expect(allText(message)).toMatch(/etcd/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
