/** `npm start` and `npm run deploy-commands` as a user runs them. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../standin/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Shaped like a token Discord issues: base64url of a numeric id, a timestamp part, an HMAC part. */
const TOKEN = `${Buffer.from('123456789012345678').toString('base64url')}.GdSpTk.deploy-test-token-hmac-part-0123456789`;

function npm(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['--silent', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
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
    ).toEqual(['dsp', 'dsp-admin']);
    const second = await npm(['run', 'deploy-commands'], env);
    expect(second.out).toMatch(/up to date/);
    const cleared = await npm(['run', 'deploy-commands', '--', '--clear'], env);
    expect(cleared.code).toBe(0);
    expect(standin.commands()).toEqual([]);
  }, 120_000);
});
