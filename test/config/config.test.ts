import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import {
  formatProblems,
  loadConfig,
  MISSING_TOKEN_HELP,
  readEnvironment,
  secretsOf,
  VARIABLES,
  type Config,
  type Environment,
} from '../../src/config/index.js';

const BOT_ID_PART = Buffer.from('876543210987654321').toString('base64url');
const WELL_FORMED_TOKEN = `${BOT_ID_PART}.Gx1y2z.hmac-part_0123456789abcdefghijklmnop`;

function problemsOf(env: Environment, options = {}): string[] {
  const result = loadConfig(env, options);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

function configOf(env: Environment): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

describe('loadConfig defaults', () => {
  it('accepts an empty environment and fills in every default', () => {
    const config = configOf({});
    expect(config).toMatchObject({
      OWNER_IDS: [],
      LIST_REFRESH: 6 * 3600_000,
      LIST_MAX_BYTES: 5 * 1024 * 1024,
      STATE_DIR: './state',
      LOG_LEVEL: 'info',
      HTTP_PORT: 8080,
      HTTP_HOST: '127.0.0.1',
      FEATURED_MIN_INTERVAL: 3600,
      FEATURED_CATCHUP: 6 * 3600_000,
      SHUTDOWN_TIMEOUT: 10_000,
    });
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.SHARD_COUNT).toBeUndefined();
  });

  it('defaults LIST_SOURCE to the bundled list, which exists', () => {
    const source = configOf({}).LIST_SOURCE;
    expect(source).toMatch(/data[/\\]awesome-distributed-system-projects\.md$/);
    expect(readFileSync(source, 'utf8')).toContain('# Awesome Distributed System Projects');
  });

  it('treats blank values as unset', () => {
    expect(configOf({ HTTP_PORT: '', LOG_LEVEL: '  ' })).toMatchObject({
      HTTP_PORT: 8080,
      LOG_LEVEL: 'info',
    });
  });

  it('reads good values', () => {
    const config = configOf({
      DISCORD_TOKEN: 'abc.def.ghi',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      DEV_GUILD_ID: '123456789012345678',
      OWNER_IDS: '123456789012345678, 876543210987654321',
      LIST_SOURCE: 'https://example.org/list.md',
      LIST_MAX_BYTES: '512KB',
      HTTP_PORT: '0',
      LOG_LEVEL: 'TRACE',
      FEATURED_MIN_INTERVAL: '90',
      DATABASE_URL: 'postgresql://u:p@db/dsp',
      SHARD_COUNT: '4',
      SHARD_IDS: '2,3',
    });
    expect(config).toMatchObject({
      DISCORD_TOKEN: 'abc.def.ghi',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api',
      OWNER_IDS: ['123456789012345678', '876543210987654321'],
      LIST_SOURCE: 'https://example.org/list.md',
      LIST_MAX_BYTES: 512 * 1024,
      HTTP_PORT: 0,
      LOG_LEVEL: 'trace',
      FEATURED_MIN_INTERVAL: 90,
      SHARD_COUNT: 4,
      SHARD_IDS: [2, 3],
    });
  });
});

describe('loadConfig problems', () => {
  const badValues: [keyof typeof VARIABLES, string, RegExp][] = [
    ['DISCORD_TOKEN', 'Bot abc', /no spaces/],
    ['DISCORD_API_URL', 'ftp://host/api', /http\(s\) URL/],
    ['DEV_GUILD_ID', '12345', /Discord id/],
    ['OWNER_IDS', '123456789012345678,bob', /Discord ids/],
    ['LIST_SOURCE', 'ftp://example.org/list.md', /file path or an http\(s\) URL/],
    ['LIST_REFRESH', 'six hours', /duration/],
    ['LIST_MAX_BYTES', 'lots', /size/],
    ['LOG_LEVEL', 'loud', /one of fatal, error/],
    ['HTTP_PORT', 'abc', /port number 0-65535/],
    ['HTTP_HOST', 'my host', /host name/],
    ['FEATURED_MIN_INTERVAL', '0', /above zero/],
    ['FEATURED_CATCHUP', 'soon', /duration/],
    ['SHUTDOWN_TIMEOUT', '-5', /duration/],
    ['DATABASE_URL', 'mysql://db/dsp', /postgres/],
    ['SHARD_COUNT', '0', /whole number of 1 or more, or auto/],
    ['SHARD_IDS', '1-x', /range or list/],
  ];

  it.each(badValues)('reports a bad %s naming it, the rule and an example', (name, value, rule) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatch(new RegExp(`^${name}: `));
    expect(problem).toMatch(rule);
    expect(problem).toContain(`example: ${name}=`);
    // The example given must itself be accepted.
    const example = problem?.split(`example: ${name}=`)[1] ?? '';
    const withExample = name === 'SHARD_IDS' ? { SHARD_COUNT: '8', SHARD_IDS: example } : { [name]: example };
    expect(loadConfig(withExample).ok).toBe(true);
  });

  it('quotes the bad value, except for secrets', () => {
    expect(problemsOf({ HTTP_PORT: 'abc' })).toEqual([
      'HTTP_PORT: must be a port number 0-65535 (got "abc"); example: HTTP_PORT=8080',
    ]);
    const [tokenProblem] = problemsOf({ DISCORD_TOKEN: 'Bot s3cr3t-token' });
    expect(tokenProblem).not.toContain('s3cr3t');
    const [dbProblem] = problemsOf({ DATABASE_URL: 'mysql://u:hunter2@db' });
    expect(dbProblem).not.toContain('hunter2');
  });

  it('quotes a refused LIST_SOURCE without the credentials it carries', () => {
    const [problem] = problemsOf({ LIST_SOURCE: 'ftp://user:s3cretpw@example.com/list.md?token=abc123' });
    expect(problem).toMatch(
      /^LIST_SOURCE: must be a file path or an http\(s\) URL \(got "ftp:\/\/example\.com\/list\.md/,
    );
    expect(problem).not.toMatch(/s3cretpw|abc123/);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      HTTP_PORT: '70000',
      LOG_LEVEL: 'loud',
      LIST_REFRESH: 'x',
      DEV_GUILD_ID: 'abc',
      SHARD_COUNT: '2',
      SHARD_IDS: '0-3',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(
      ['DEV_GUILD_ID', 'HTTP_PORT', 'LIST_REFRESH', 'LOG_LEVEL', 'SHARD_IDS'].sort(),
    );
    const printed = formatProblems(problems);
    expect(printed.split('\n')).toHaveLength(6);
    expect(printed).toMatch(/5 configuration problems/);
  });

  it('requires DISCORD_TOKEN only when asked to (the bot, not the CLI)', () => {
    expect(loadConfig({}).ok).toBe(true);
    const result = loadConfig({ HTTP_PORT: 'x' }, { requireToken: true });
    expect(result).toMatchObject({ ok: false, missingToken: true });
    if (!result.ok) expect(result.problems[0]).toMatch(/^DISCORD_TOKEN: is required/);
    expect(loadConfig({ DISCORD_TOKEN: WELL_FORMED_TOKEN }, { requireToken: true }).ok).toBe(true);
  });

  it('checks the shape of the token without echoing it', () => {
    for (const [token, reason] of [
      ['abc.def.ghi', /this one has a first part that is not a numeric id in base64 \(got /],
      ['0123456789abcdef0123456789abcdef', /this one has 1 part \(got /],
      [`${WELL_FORMED_TOKEN}.extra`, /this one has 4 parts \(got /],
      [`${BOT_ID_PART}..hmac`, /this one has an empty part/],
      [`${BOT_ID_PART}.Gx1y2z.hm+ac/=`, /this one has an empty part or characters other than/],
    ] as const) {
      const problems = problemsOf({ DISCORD_TOKEN: token });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^DISCORD_TOKEN: must be the bot token from the Developer Portal: three base64url parts/,
      );
      expect(problems[0]).toMatch(reason);
      expect(problems[0]).not.toContain(token);
      expect(problems[0]).not.toContain(token.split('.')[0]);
    }
    expect(loadConfig({ DISCORD_TOKEN: WELL_FORMED_TOKEN }).ok).toBe(true);
  });

  it('leaves the token shape to a stand-in reached through DISCORD_API_URL', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'abc.def.ghi', DISCORD_API_URL: 'http://127.0.0.1:9/api' }).ok).toBe(
      true,
    );
  });

  it('has a friendly explanation for a missing token', () => {
    expect(MISSING_TOKEN_HELP).toContain('https://discord.com/developers/applications');
    expect(MISSING_TOKEN_HELP).toContain('DISCORD_TOKEN=');
    expect(MISSING_TOKEN_HELP).toContain('.env');
    expect(MISSING_TOKEN_HELP).toContain('npm run playground');
  });
});

describe('durations', () => {
  it('keeps FEATURED_MIN_INTERVAL in seconds, also when written as a duration', () => {
    expect(configOf({ FEATURED_MIN_INTERVAL: '2h' }).FEATURED_MIN_INTERVAL).toBe(7200);
  });

  it.each([
    ['6h', 6 * 3600_000],
    ['30m', 30 * 60_000],
    ['45s', 45_000],
    ['90', 90_000],
    ['1h30m', 90 * 60_000],
    ['1500ms', 1500],
    ['1d', 86_400_000],
    ['0.5h', 1800_000],
  ])('LIST_REFRESH=%s is %d ms', (text, ms) => {
    expect(configOf({ LIST_REFRESH: text }).LIST_REFRESH).toBe(ms);
  });

  it.each(['6 hours', 'h', '5w', '-1m', '0'])('LIST_REFRESH=%s is refused', (text) => {
    expect(problemsOf({ LIST_REFRESH: text })[0]).toMatch(/^LIST_REFRESH: /);
  });
});

describe('SHARD_IDS', () => {
  it.each([
    ['0-3', [0, 1, 2, 3]],
    ['0,2', [0, 2]],
    ['3, 0-1, 1', [0, 1, 3]],
  ])('%s reads as %j', (text, ids) => {
    expect(configOf({ SHARD_COUNT: '4', SHARD_IDS: text }).SHARD_IDS).toEqual(ids);
  });

  it('refuses ids at or above SHARD_COUNT and suggests a range that fits', () => {
    expect(problemsOf({ SHARD_COUNT: '2', SHARD_IDS: '0-3' })).toEqual([
      'SHARD_IDS: must each be below SHARD_COUNT=2 (2, 3 are not) (got "0-3"); example: SHARD_IDS=0-1',
    ]);
  });

  it('needs a numeric SHARD_COUNT', () => {
    expect(problemsOf({ SHARD_IDS: '0' })[0]).toMatch(/needs SHARD_COUNT/);
    expect(problemsOf({ SHARD_COUNT: 'auto', SHARD_IDS: '0' })[0]).toMatch(/needs SHARD_COUNT/);
    expect(configOf({ SHARD_COUNT: 'AUTO' }).SHARD_COUNT).toBe('auto');
  });

  it.each(['3-1', 'a', '0-', ','])('refuses %j', (text) => {
    expect(problemsOf({ SHARD_COUNT: '8', SHARD_IDS: text })[0]).toMatch(/^SHARD_IDS: .*range or list/);
  });
});

describe('.env file', () => {
  it('is read, but real environment variables win', () => {
    const dir = tempDir('dsp-env');
    writeFileSync(join(dir, '.env'), 'HTTP_PORT=9000\nLOG_LEVEL=debug\n');
    const env = readEnvironment(dir, { LOG_LEVEL: 'warn' });
    expect(configOf(env)).toMatchObject({ HTTP_PORT: 9000, LOG_LEVEL: 'warn' });
  });

  it('is optional', () => {
    const dir = tempDir('dsp-env');
    expect(readEnvironment(dir, { HTTP_PORT: '1' })).toEqual({ HTTP_PORT: '1' });
  });
});

describe('documentation', () => {
  const root = new URL('../../', import.meta.url);
  const envExample = readFileSync(new URL('.env.example', root), 'utf8');
  const docs = readFileSync(new URL('docs/configuration.md', root), 'utf8');

  it.each(Object.keys(VARIABLES))('%s appears in .env.example and docs/configuration.md', (name) => {
    expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    expect(docs).toContain(`\`${name}\``);
  });

  it('.env.example, uncommented, is a valid configuration', () => {
    const uncommented = envExample.replace(/^# ([A-Z_]+=)/gm, '$1');
    const dir = tempDir('dsp-env');
    writeFileSync(join(dir, '.env'), uncommented);
    expect(loadConfig(readEnvironment(dir, {})).ok).toBe(true);
  });
});

describe('secretsOf', () => {
  it('lists the token, the database URL and its password for the log scrubber', () => {
    expect(secretsOf({ DISCORD_TOKEN: 'tok.en', DATABASE_URL: 'postgres://dsp:p%40ss@db/dsp' })).toEqual([
      'tok.en',
      'postgres://dsp:p%40ss@db/dsp',
      'p@ss',
    ]);
    expect(secretsOf({})).toEqual([]);
  });

  it('lists the credentials of a list URL, and nothing of a list file', () => {
    expect(secretsOf({ LIST_SOURCE: 'https://reader:hunter22@example.com/list.md?token=s3cr3t' })).toEqual([
      'hunter22',
      's3cr3t',
    ]);
    expect(secretsOf({ LIST_SOURCE: '/srv/dsp/list.md' })).toEqual([]);
  });
});
