/**
 * The health class of an entry, from what is stored about its repository or link, the list's own
 * `[Archived]` tag and the time. Precedence: deleted, dead, archived, moved, inactive, suspect, ok,
 * unknown. Only answers GitHub or the site gave count: a failure to ask is never evidence.
 */
import type { Entry } from '../list/types.js';
import type { FailingClass, Health, HealthClass, LinkRecord, RepoRecord } from './types.js';
import { FAILING_CLASSES } from './types.js';

export const DEFAULT_INACTIVE_AFTER_MS = 730 * 86_400_000;

export interface HealthInput {
  entry: Pick<Entry, 'url' | 'repo' | 'archived'>;
  repo?: RepoRecord;
  link?: LinkRecord;
  now: Date;
  inactiveAfterMs?: number;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function classify(input: HealthInput): Health {
  const { entry, repo, link, now } = input;
  const inactiveAfterMs = input.inactiveAfterMs ?? DEFAULT_INACTIVE_AFTER_MS;
  const checkedAt = repo?.checkedAt ?? link?.checkedAt;
  const at = (health: Omit<Health, 'checkedAt'>): Health => ({
    ...health,
    ...(checkedAt ? { checkedAt } : {}),
  });

  if (repo?.status === 'not-found') {
    return at({
      class: 'deleted',
      evidence: `GitHub answered 404 for ${entry.repo ?? repo.repo}`,
      since: repo.statusSince,
    });
  }
  if (link?.status === 'gone' && link.goneCount >= 2) {
    return at({
      class: 'dead',
      evidence: `the link answered HTTP ${link.httpStatus ?? 404} on ${link.goneCount} checks in a row`,
      since: link.statusSince,
    });
  }
  const facts = repo?.facts;
  if (facts?.archived) {
    return at({
      class: 'archived',
      evidence: 'GitHub marks the repository archived',
      ...(repo ? { since: repo.statusSince } : {}),
    });
  }
  if (entry.archived) return at({ class: 'archived', evidence: 'the list tags it [Archived]' });
  if (repo?.status === 'moved' && facts) {
    return at({ class: 'moved', evidence: `GitHub answers as ${facts.fullName}`, since: repo.statusSince });
  }
  if (link?.status === 'moved' && link.location) {
    return at({
      class: 'moved',
      evidence: `the link permanently redirects to ${link.location}`,
      since: link.statusSince,
    });
  }
  if (facts?.pushedAt) {
    const pushed = new Date(facts.pushedAt);
    const inactiveFrom = new Date(pushed.getTime() + inactiveAfterMs);
    if (inactiveFrom <= now) {
      return at({ class: 'inactive', evidence: `no push since ${day(pushed)}`, since: inactiveFrom });
    }
  }
  if (link?.status === 'gone') {
    return at({
      class: 'suspect',
      evidence: `the link answered HTTP ${link.httpStatus ?? 404} once; one more makes it dead`,
      since: link.statusSince,
    });
  }
  if (facts)
    return at({
      class: 'ok',
      evidence: `GitHub: last push ${facts.pushedAt ? day(new Date(facts.pushedAt)) : 'unknown'}`,
    });
  if (link?.status === 'ok')
    return at({ class: 'ok', evidence: `the link answered HTTP ${link.httpStatus ?? 200}` });
  const why = repo?.lastError ?? link?.lastError;
  return at({ class: 'unknown', evidence: why ? `not learned yet (${why})` : 'not checked yet' });
}

export function isFailing(health: HealthClass): health is FailingClass {
  return (FAILING_CLASSES as readonly string[]).includes(health);
}

/** Classes random, featured and similar skip by default. */
export const HIDDEN_BY_DEFAULT: readonly HealthClass[] = ['deleted', 'dead', 'archived'];

/** Parses `deleted,dead` for `--fail-on`; undefined names the first bad word. */
export function parseFailOn(
  text: string,
): { ok: true; classes: FailingClass[] } | { ok: false; bad: string } {
  const classes: FailingClass[] = [];
  for (const word of text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)) {
    if (!isFailing(word as HealthClass)) return { ok: false, bad: word };
    classes.push(word as FailingClass);
  }
  return { ok: true, classes };
}
