/**
 * What dsp learns about the projects of a list, and the health classes derived from it. Plain data
 * (JSON-serialisable): the store keeps it, the CLI prints it, answers join it to entries by id.
 */

// The records the store keeps are defined with the store (src/store/metadata-records.ts), which
// sits below this module; they are part of this module's vocabulary too.
export type {
  LinkRecord,
  LinkStatus,
  RateLimitRecord,
  RepoFacts,
  RepoRecord,
  RepoStatus,
} from '../store/metadata-records.js';
import type { LinkRecord, RepoRecord } from '../store/metadata-records.js';

export const HEALTH_CLASSES = [
  'deleted',
  'dead',
  'archived',
  'moved',
  'inactive',
  'suspect',
  'ok',
  'unknown',
] as const;
export type HealthClass = (typeof HEALTH_CLASSES)[number];

/** The classes `--fail-on` accepts and `active: true` excludes. */
export const FAILING_CLASSES = ['deleted', 'dead', 'archived', 'moved', 'inactive'] as const;
export type FailingClass = (typeof FAILING_CLASSES)[number];

export interface Health {
  class: HealthClass;
  /** One line a person can check, e.g. `GitHub answered 404 Not Found`. */
  evidence: string;
  /** When the class was first seen, when known. */
  since?: Date;
  /** When what it rests on was last checked. */
  checkedAt?: Date;
}

/** What an answer shows next to an entry. */
export interface EntryMetadata {
  entryId: string;
  health: Health;
  repo?: RepoRecord;
  link?: LinkRecord;
}
