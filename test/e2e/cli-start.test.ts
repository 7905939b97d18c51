/** `npm start` and `npm run deploy-commands` as a user runs them. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../tools/discord-standin/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Shaped like a token Discord issues: base64url of a numeric id, a timestamp part, an HMAC part. */
const TOKEN = `${Buffer.from('123456789012345678').toString('base64url')}.GdSpTk.deploy-test-token-hmac-part-0123456789`;
const WRONG_TOKEN = `${Buffer.from('876543210987654321').toString('base64url')}.GwRoNg.wrong-token-hmac-part-0123456789ab`;

interface NpmResult {
  code: number | string;
  /** stdout and stderr as they came. */
  out: string;
  stdout: string;
  stderr: string;
}

/** Runs npm in its own process group; after `timeoutMs` the whole group is killed and code is 'timeout'. */
function npm(args: string[], env: Record<string, string>, timeoutMs = 110_000): Promise<NpmResult> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['--silent', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const result = { out: '', stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => {
      result.out += chunk.toString();
      result.stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      result.out += chunk.toString();
      result.stderr += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ...result, code: timedOut ? 'timeout' : (code ?? -1) });
    });
  });
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dsp-start-'));
  // dist/ is already current (test/support/build-dist-once.ts), so no test sees "Building dsp…".
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh folder under the scratch folder for one test. */
function folder(name: string): string {
  const path = join(scratch, name);
  mkdirSync(path);
  return path;
}

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({ token: TOKEN, guilds: [] });
});
afterAll(async () => {
  await standin.stop();
});

describe('npm start', () => {
  it('without a token exits 2 with directions and no stack trace', async () => {
    const { code, out } = await npm(['start'], { HTTP_PORT: '0' });
    expect(code).toBe(2);
    expect(out).toMatch(/DISCORD_TOKEN/);
    expect(out).toMatch(/discord\.com\/developers\/applications/);
    expect(out).toMatch(/npm run playground/);
    expect(out).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('--check-config reports every problem at once, one line each', async () => {
    const { code, out } = await npm(['start', '--', '--check-config'], {
      DISCORD_TOKEN: TOKEN,
      HTTP_PORT: 'abc',
      LOG_LEVEL: 'loud',
    });
    expect(code).toBe(2);
    expect(out).toMatch(/HTTP_PORT: .*example: HTTP_PORT=/);
    expect(out).toMatch(/LOG_LEVEL: .*example: LOG_LEVEL=/);
    expect(out).not.toMatch(/\n\s+at /);
    const ok = await npm(['start', '--', '--check-config'], { DISCORD_TOKEN: TOKEN });
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(/valid/);
  }, 120_000);
});

describe('npm run deploy-commands', () => {
  it('registers the commands, then reports them up to date, and --clear removes them', async () => {
    const env = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standin.apiUrl };
    const first = await npm(['run', 'deploy-commands'], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Registered/);
    expect(
      standin
        .commands()
        .map((command) => command.name)
        .sort(),
    ).toEqual(['Find projects', 'dsp', 'dsp-admin']);
    const second = await npm(['run', 'deploy-commands'], env);
    expect(second.out).toMatch(/up to date/);
    const cleared = await npm(['run', 'deploy-commands', '--', '--clear'], env);
    expect(cleared.code).toBe(0);
    expect(standin.commands()).toEqual([]);
  }, 120_000);
});

describe('npm start arguments', () => {
  it('--help prints usage and exits 0 without starting', async () => {
    const { code, stdout, stderr } = await npm(['start', '--', '--help'], {}, 60_000);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: npm start \[-- \[options\]\]/);
    expect(stdout).toContain('--check-config');
  }, 120_000);

  it('refuses an unknown flag with usage, instead of starting the bot', async () => {
    const state = folder('unknown-flag');
    const { code, stdout, stderr } = await npm(
      ['start', '--', '--chekc-config'],
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standin.apiUrl, STATE_DIR: state, HTTP_PORT: '0' },
      60_000,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(lines(stderr)[0]).toBe("dsp: unknown option '--chekc-config'");
    expect(stderr).toContain('Usage: npm start');
    expect(readdirSync(state)).toEqual([]);
  }, 120_000);
});

describe('npm start when it cannot start', () => {
  const base = (state: string) => ({ DISCORD_TOKEN: TOKEN, STATE_DIR: state, HTTP_PORT: '0' });

  it('STATE_DIR that is a file: one plain line on stderr, at the default level and when silent', async () => {
    const file = join(folder('state-is-file'), 'state');
    writeFileSync(file, 'not a directory');
    for (const level of ['info', 'silent']) {
      const { code, stdout, stderr } = await npm(['start'], { ...base(file), LOG_LEVEL: level });
      expect(code).toBe(1);
      expect(lines(stderr)).toHaveLength(1);
      expect(stderr).toMatch(/^dsp cannot start: STATE_DIR ".*state" is a file, not a directory/);
      expect(stderr).not.toMatch(/\n\s+at /);
      if (level === 'silent') expect(stdout).toBe('');
    }
  }, 240_000);

  it('list unreachable and no saved copy: one plain line on stderr when silent', async () => {
    const state = folder('no-list');
    const { code, stdout, stderr } = await npm(['start'], {
      ...base(state),
      LOG_LEVEL: 'silent',
      LIST_SOURCE: join(state, 'missing.md'),
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(
      /^dsp cannot start: .*missing\.md": no such file or directory.*no usable last good copy/,
    );
  }, 120_000);

  const canMakeFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;
  if (!canMakeFifo) console.warn('skipping the FIFO start-up test: mkfifo is not available here');
  it.skipIf(!canMakeFifo)(
    'LIST_SOURCE that is a FIFO: refused at once instead of hanging',
    async () => {
      const state = folder('fifo');
      const fifo = join(state, 'list.fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const { code, stderr } = await npm(
        ['start'],
        { ...base(join(state, 'state')), LOG_LEVEL: 'silent', LIST_SOURCE: fifo },
        60_000,
      );
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^dsp cannot start: .*list\.fifo": it is a FIFO \(named pipe\), not a regular file/,
      );
    },
    120_000,
  );
});

describe('npm start and a bad token', () => {
  it('--check-config refuses a token that is not shaped like one, without echoing it', async () => {
    const malformed = 'abc.def.ghi';
    const { code, out } = await npm(['start', '--', '--check-config'], { DISCORD_TOKEN: malformed });
    expect(code).toBe(2);
    expect(out).toMatch(/DISCORD_TOKEN: .*base64url/);
    expect(out).not.toContain(malformed);
  }, 120_000);

  it("Discord's 401 at login: one line, exit 2, no token, and the store closed", async () => {
    const state = folder('wrong-token');
    const { code, out, stderr } = await npm(['start'], {
      DISCORD_TOKEN: WRONG_TOKEN,
      DISCORD_API_URL: standin.apiUrl,
      STATE_DIR: state,
      HTTP_PORT: '0',
    });
    expect(code).toBe(2);
    expect(lines(stderr)).toEqual([
      expect.stringMatching(/^Discord rejected the token: reset it in the Developer Portal/),
    ]);
    expect(out).not.toContain(WRONG_TOKEN);
    expect(existsSync(join(state, 'dsp.sqlite'))).toBe(true);
    expect(readdirSync(state).filter((name) => /-(wal|shm)$/.test(name))).toEqual([]);
  }, 120_000);
});
