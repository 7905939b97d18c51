/** Variables for deployments of several processes: shutdown, the shared database, shard assignment. */
import { field, positiveDuration, required, type VariableSpec } from '../field.js';
import { parseShardIds } from '../parse.js';

export const DEPLOYMENT_VARIABLES = {
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
} as const satisfies Record<string, VariableSpec>;

const readDatabaseUrl = (text: string): string | undefined =>
  /^postgres(ql)?:\/\/\S+$/i.test(text) ? text : undefined;

const readShardCount = (text: string): number | 'auto' | undefined => {
  if (text.toLowerCase() === 'auto') return 'auto';
  return /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : undefined;
};

const V = DEPLOYMENT_VARIABLES;

export const deploymentFields = {
  /** Milliseconds. */
  SHUTDOWN_TIMEOUT: required<number>(field(V.SHUTDOWN_TIMEOUT, positiveDuration, () => 10_000)),
  DATABASE_URL: field(V.DATABASE_URL, readDatabaseUrl),
  SHARD_COUNT: field(V.SHARD_COUNT, readShardCount),
  SHARD_IDS: field(V.SHARD_IDS, parseShardIds),
};
