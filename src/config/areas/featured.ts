/** Variables for featured posts: spacing, catch-up after downtime, recovery of crashed claims. */
import { field, positiveDuration, required, type VariableSpec } from '../field.js';
import { parseDuration } from '../parse.js';

export const FEATURED_VARIABLES = {
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
} as const satisfies Record<string, VariableSpec>;

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

const V = FEATURED_VARIABLES;

export const featuredFields = {
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
};
