import { z } from 'zod';
import { bundledListPath } from './bundled.js';
import { isSnowflake, parseByteSize, parseDuration, parseShardIds, splitList } from './parse.js';

/** What a variable accepts, shown in problems and in docs/configuration.md. */
export interface VariableSpec {
  name: string;
  /** One line: what it does. */
  description: string;
  /** Default as written in `.env`, or undefined when the variable is optional without default. */
  defaultText?: string;
  /** A right value, used in problem messages. */
  example: string;
  /** Secret values are never echoed back in problems. */
  secret?: boolean;
  /** The rule a bad value broke, e.g. "must be a port number 0-65535". */
  expectation: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Builds a zod field from a reader: blank or missing text takes the default (or stays undefined),
 * text the reader rejects becomes one issue carrying the variable's expectation.
 */
function field<T>(spec: VariableSpec, read: (text: string) => T | undefined, fallback?: () => T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | undefined => {
      const text = raw?.trim() ?? '';
      if (text === '') return fallback?.();
      const value = read(text);
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message: spec.expectation });
        return z.NEVER;
      }
      return value;
    });
}

function required<T>(schema: z.ZodType<T | undefined, string | undefined>) {
  return schema.transform((value) => value as T);
}

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const hasUrlScheme = (text: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(text);

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

const positiveDuration = (text: string): number | undefined => {
  const ms = parseDuration(text);
  return ms !== undefined && ms > 0 ? ms : undefined;
};

export const VARIABLES = {
  DISCORD_TOKEN: {
    name: 'DISCORD_TOKEN',
    description: 'Bot token from the Discord developer portal. Needed to run the bot, not the CLI.',
    example: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.the-secret-part-from-the-developer-portal',
    secret: true,
    expectation: 'must be the bare bot token: no spaces, no "Bot " prefix',
  },
  DISCORD_API_URL: {
    name: 'DISCORD_API_URL',
    description: 'Discord REST base URL; set only to talk to a stand-in such as the playground.',
    example: 'http://127.0.0.1:3210/api',
    expectation: 'must be an http(s) URL',
  },
  DEV_GUILD_ID: {
    name: 'DEV_GUILD_ID',
    description: 'Register commands in this guild only (instant updates while developing).',
    example: '123456789012345678',
    expectation: 'must be a Discord id (17-20 digits)',
  },
  OWNER_IDS: {
    name: 'OWNER_IDS',
    description: 'Comma-separated user ids allowed to run owner commands such as reloading the list.',
    defaultText: '',
    example: '123456789012345678,876543210987654321',
    expectation: 'must be comma-separated Discord ids (17-20 digits each)',
  },
  LIST_SOURCE: {
    name: 'LIST_SOURCE',
    description: 'The awesome list to serve: a file path or an http(s) URL.',
    defaultText: 'the bundled data/awesome-distributed-system-projects.md',
    example:
      'https://raw.githubusercontent.com/roma-glushko/awesome-distributed-system-projects/master/readme.md',
    expectation: 'must be a file path or an http(s) URL',
  },
  LIST_REFRESH: {
    name: 'LIST_REFRESH',
    description: 'How often a URL source is re-fetched (conditional request; unchanged lists cost little).',
    defaultText: '6h',
    example: '30m',
    expectation: 'must be a duration such as 6h, 30m, 45s or a number of seconds, above zero',
  },
  LIST_MAX_BYTES: {
    name: 'LIST_MAX_BYTES',
    description: 'Largest list accepted; bigger downloads or files are refused.',
    defaultText: '5MB',
    example: '5MB',
    expectation: 'must be a size such as 5MB, 512KB or a number of bytes, above zero',
  },
  STATE_DIR: {
    name: 'STATE_DIR',
    description: 'Directory for the database and the last good copy of the list.',
    defaultText: './state',
    example: './state',
    expectation: 'must be a directory path',
  },
  LOG_LEVEL: {
    name: 'LOG_LEVEL',
    description: 'Log detail: fatal, error, warn, info, debug, trace or silent.',
    defaultText: 'info',
    example: 'debug',
    expectation: `must be one of ${LOG_LEVELS.join(', ')}`,
  },
  HTTP_PORT: {
    name: 'HTTP_PORT',
    description: 'Port of the /healthz, /readyz and /metrics server; 0 disables it.',
    defaultText: '8080',
    example: '8080',
    expectation: 'must be a port number 0-65535',
  },
  HTTP_HOST: {
    name: 'HTTP_HOST',
    description: 'Address the HTTP server listens on (the Docker image sets 0.0.0.0).',
    defaultText: '127.0.0.1',
    example: '0.0.0.0',
    expectation: 'must be a host name or IP address without spaces',
  },
  FEATURED_MIN_INTERVAL: {
    name: 'FEATURED_MIN_INTERVAL',
    description: 'Shortest time between two featured posts in one channel (seconds or a duration).',
    defaultText: '3600',
    example: '3600',
    expectation: 'must be a number of seconds or a duration such as 1h, above zero',
  },
  FEATURED_CATCHUP: {
    name: 'FEATURED_CATCHUP',
    description: 'A featured post missed while offline is still sent if it is at most this late.',
    defaultText: '6h',
    example: '6h',
    expectation: 'must be a duration such as 6h, 30m or a number of seconds',
  },
  FEATURED_CLAIM_TIMEOUT: {
    name: 'FEATURED_CLAIM_TIMEOUT',
    description:
      'How long a featured post claimed by a process that died before sending blocks another from sending it.',
    defaultText: '3m',
    example: '3m',
    expectation: 'must be a positive duration such as 3m, 90s or a number of seconds',
  },
  SHUTDOWN_TIMEOUT: {
    name: 'SHUTDOWN_TIMEOUT',
    description: 'How long a graceful shutdown may take before the process exits anyway.',
    defaultText: '10s',
    example: '10s',
    expectation: 'must be a duration such as 10s or a number of seconds, above zero',
  },
  DATABASE_URL: {
    name: 'DATABASE_URL',
    description: 'PostgreSQL URL for multi-host setups; without it state is kept in SQLite in STATE_DIR.',
    example: 'postgres://dsp:secret@db:5432/dsp',
    secret: true,
    expectation: 'must be a postgres:// or postgresql:// URL',
  },
  SHARD_COUNT: {
    name: 'SHARD_COUNT',
    description: 'Total number of gateway shards, or auto to ask Discord (multi-host setups).',
    example: 'auto',
    expectation: 'must be a whole number of 1 or more, or auto',
  },
  SHARD_IDS: {
    name: 'SHARD_IDS',
    description: 'Shards this process runs, as a range or list (each below SHARD_COUNT).',
    example: '0-3',
    expectation: 'must be shard numbers as a range or list, such as 0-3 or 0,2',
  },
  GITHUB_TOKEN: {
    name: 'GITHUB_TOKEN',
    description:
      'GitHub token for project metadata (GraphQL, 100 repositories per query); needs no scopes, public read only. Without it the anonymous REST budget (60 requests an hour) is used.',
    example: 'github_pat_your-fine-grained-token',
    secret: true,
    expectation: 'must be the bare token: no spaces, no "Bearer " prefix',
  },
  GITHUB_API_URL: {
    name: 'GITHUB_API_URL',
    description: 'GitHub API base URL (GraphQL at <url>/graphql); for GitHub Enterprise or a stand-in.',
    defaultText: 'https://api.github.com',
    example: 'https://github.example.com/api/v3',
    expectation: 'must be an http(s) URL',
  },
  ENRICH: {
    name: 'ENRICH',
    description: 'Look up project metadata (stars, last push, health) in the background: on or off.',
    defaultText: 'on',
    example: 'off',
    expectation: 'must be on or off',
  },
  ENRICH_REFRESH: {
    name: 'ENRICH_REFRESH',
    description: 'How often project metadata is refreshed (and how old it may be at start).',
    defaultText: '24h',
    example: '12h',
    expectation: 'must be a duration such as 24h, 90m or a number of seconds, above zero',
  },
  HEALTH_INACTIVE_AFTER: {
    name: 'HEALTH_INACTIVE_AFTER',
    description: 'A repository without a push for this long counts as inactive.',
    defaultText: '730d',
    example: '365d',
    expectation: 'must be a duration such as 730d, 8760h or a number of seconds, above zero',
  },
  LINK_CHECK: {
    name: 'LINK_CHECK',
    description: 'Check links that are not GitHub repositories (HEAD, then GET): on or off.',
    defaultText: 'on',
    example: 'off',
    expectation: 'must be on or off',
  },
  LINK_CHECK_ALLOW_PRIVATE: {
    name: 'LINK_CHECK_ALLOW_PRIVATE',
    description:
      'Let link checks reach loopback, private and link-local addresses (private lists, tests); refused by default.',
    defaultText: 'false',
    example: 'true',
    expectation: 'must be true or false',
  },
} as const satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof VARIABLES;

const readPort = (text: string): number | undefined => {
  if (!/^\d+$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
};

const readListSource = (text: string): string | undefined =>
  hasUrlScheme(text) ? (isHttpUrl(text) ? text : undefined) : text;

const readDatabaseUrl = (text: string): string | undefined =>
  /^postgres(ql)?:\/\/\S+$/i.test(text) ? text : undefined;

const readShardCount = (text: string): number | 'auto' | undefined => {
  if (text.toLowerCase() === 'auto') return 'auto';
  return /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : undefined;
};

const readOwnerIds = (text: string): string[] | undefined => {
  const ids = splitList(text);
  return ids.every(isSnowflake) ? ids : undefined;
};

const readSwitch = (text: string): boolean | undefined => {
  const lower = text.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(lower)) return true;
  if (['off', 'false', 'no', '0'].includes(lower)) return false;
  return undefined;
};

const V = VARIABLES;

/** The zod schema of the environment. Keys are variable names; values come out parsed. */
export const configSchema = z.object({
  DISCORD_TOKEN: field(V.DISCORD_TOKEN, (text) => (/\s/.test(text) ? undefined : text)),
  DISCORD_API_URL: field(V.DISCORD_API_URL, (text) =>
    isHttpUrl(text) ? text.replace(/\/+$/, '') : undefined,
  ),
  DEV_GUILD_ID: field(V.DEV_GUILD_ID, (text) => (isSnowflake(text) ? text : undefined)),
  OWNER_IDS: required<string[]>(field(V.OWNER_IDS, readOwnerIds, () => [])),
  LIST_SOURCE: required<string>(field(V.LIST_SOURCE, readListSource, bundledListPath)),
  /** Milliseconds. */
  LIST_REFRESH: required<number>(field(V.LIST_REFRESH, positiveDuration, () => 6 * 3_600_000)),
  /** Bytes. */
  LIST_MAX_BYTES: required<number>(
    field(
      V.LIST_MAX_BYTES,
      (text) => {
        const bytes = parseByteSize(text);
        return bytes !== undefined && bytes > 0 ? bytes : undefined;
      },
      () => 5 * 1024 * 1024,
    ),
  ),
  STATE_DIR: required<string>(
    field(
      V.STATE_DIR,
      (text) => text,
      () => './state',
    ),
  ),
  LOG_LEVEL: required<LogLevel>(
    field(
      V.LOG_LEVEL,
      (text) => LOG_LEVELS.find((level) => level === text.toLowerCase()),
      () => 'info' as const,
    ),
  ),
  HTTP_PORT: required<number>(field(V.HTTP_PORT, readPort, () => 8080)),
  HTTP_HOST: required<string>(
    field(
      V.HTTP_HOST,
      (text) => (/\s/.test(text) ? undefined : text),
      () => '127.0.0.1',
    ),
  ),
  /** Seconds (the one setting kept in seconds, as the featured engine counts in seconds). */
  FEATURED_MIN_INTERVAL: required<number>(
    field(
      V.FEATURED_MIN_INTERVAL,
      (text) => seconds(positiveDuration(text)),
      () => 3600,
    ),
  ),
  /** Milliseconds. */
  FEATURED_CATCHUP: required<number>(field(V.FEATURED_CATCHUP, parseDuration, () => 6 * 3_600_000)),
  /** Milliseconds. */
  FEATURED_CLAIM_TIMEOUT: required<number>(
    field(V.FEATURED_CLAIM_TIMEOUT, positiveDuration, () => 3 * 60_000),
  ),
  /** Milliseconds. */
  SHUTDOWN_TIMEOUT: required<number>(field(V.SHUTDOWN_TIMEOUT, positiveDuration, () => 10_000)),
  DATABASE_URL: field(V.DATABASE_URL, readDatabaseUrl),
  SHARD_COUNT: field(V.SHARD_COUNT, readShardCount),
  SHARD_IDS: field(V.SHARD_IDS, parseShardIds),
  GITHUB_TOKEN: field(V.GITHUB_TOKEN, (text) => (/\s/.test(text) ? undefined : text)),
  GITHUB_API_URL: required<string>(
    field(
      V.GITHUB_API_URL,
      (text) => (isHttpUrl(text) ? text.replace(/\/+$/, '') : undefined),
      () => 'https://api.github.com',
    ),
  ),
  ENRICH: required<boolean>(field(V.ENRICH, readSwitch, () => true)),
  /** Milliseconds. */
  ENRICH_REFRESH: required<number>(field(V.ENRICH_REFRESH, positiveDuration, () => 24 * 3_600_000)),
  /** Milliseconds. */
  HEALTH_INACTIVE_AFTER: required<number>(
    field(V.HEALTH_INACTIVE_AFTER, positiveDuration, () => 730 * 86_400_000),
  ),
  LINK_CHECK: required<boolean>(field(V.LINK_CHECK, readSwitch, () => true)),
  LINK_CHECK_ALLOW_PRIVATE: required<boolean>(field(V.LINK_CHECK_ALLOW_PRIVATE, readSwitch, () => false)),
});

/**
 * The validated configuration. Keys are the variable names; durations are milliseconds except
 * FEATURED_MIN_INTERVAL (seconds); LIST_MAX_BYTES is bytes.
 */
export type Config = z.output<typeof configSchema>;
