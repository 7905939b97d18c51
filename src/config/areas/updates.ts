/** Variables for the updates channel: how often a server may get a digest of the list's changes. */
import { field, positiveDuration, required, type VariableSpec } from '../field.js';

export const UPDATES_VARIABLES = {
  UPDATES_MIN_INTERVAL: {
    name: 'UPDATES_MIN_INTERVAL',
    description:
      'At most one list-updates digest per server in this time (a duration such as 30m, or seconds).',
    defaultText: '1h',
    example: '1h',
    expectation: 'must be a duration such as 30m or 1h, above zero',
  },
} as const satisfies Record<string, VariableSpec>;

export const updatesFields = {
  /** Milliseconds. */
  UPDATES_MIN_INTERVAL: required<number>(
    field(UPDATES_VARIABLES.UPDATES_MIN_INTERVAL, positiveDuration, () => 3_600_000),
  ),
};
