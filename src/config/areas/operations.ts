/** Variables for running one process: where state lives, how much it logs, its HTTP server. */
import { field, readWithoutSpaces, required, type VariableSpec } from '../field.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const OPERATIONS_VARIABLES = {
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
} as const satisfies Record<string, VariableSpec>;

const readPort = (text: string): number | undefined => {
  if (!/^\d+$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
};

const V = OPERATIONS_VARIABLES;

export const operationsFields = {
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
  HTTP_HOST: required<string>(field(V.HTTP_HOST, readWithoutSpaces, () => '127.0.0.1')),
};
