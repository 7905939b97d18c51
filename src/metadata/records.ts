/**
 * How one lookup changes what is stored about a repository or a link. Pure: the refresh round
 * calls these with the previous record and the time, and saves what they return.
 */
import type { RepoLookup } from './github-facts.js';
import type { LinkCheck } from './link-check.js';
import type { LinkRecord, RepoRecord, RepoStatus } from './types.js';

/** The key a repository is stored under: `owner/name` as the list writes it, lower-cased. */
export function repoKey(fullName: string): string {
  return fullName.toLowerCase();
}

function since<S>(previous: { status: S; statusSince: Date } | undefined, status: S, at: Date): Date {
  return previous && previous.status === status ? previous.statusSince : at;
}

export function nextRepoRecord(
  key: string,
  previous: RepoRecord | undefined,
  lookup: RepoLookup,
  at: Date,
): RepoRecord {
  switch (lookup.kind) {
    case 'found': {
      const status: RepoStatus = repoKey(lookup.facts.fullName) === key ? 'ok' : 'moved';
      return {
        repo: key,
        status,
        facts: lookup.facts,
        ...(lookup.etag ? { etag: lookup.etag } : {}),
        statusSince: since(previous, status, at),
        checkedAt: at,
        failures: 0,
      };
    }
    case 'not-modified': {
      if (!previous) throw new Error(`304 for ${key} without a stored answer`);
      const { lastError: _lastError, ...kept } = previous;
      return { ...kept, checkedAt: at, failures: 0 };
    }
    case 'not-found':
      return {
        repo: key,
        status: 'not-found',
        // What was learned before it went is kept: "it had 2k stars" helps a maintainer decide.
        ...(previous?.facts ? { facts: previous.facts } : {}),
        statusSince: since(previous, 'not-found', at),
        checkedAt: at,
        failures: 0,
      };
    case 'failed':
      return previous
        ? { ...previous, checkedAt: at, failures: previous.failures + 1, lastError: lookup.reason }
        : {
            repo: key,
            status: 'unknown',
            statusSince: at,
            checkedAt: at,
            failures: 1,
            lastError: lookup.reason,
          };
  }
}

export function nextLinkRecord(
  url: string,
  previous: LinkRecord | undefined,
  check: LinkCheck,
  at: Date,
): LinkRecord {
  const base = { url, checkedAt: at };
  switch (check.kind) {
    case 'ok':
      return {
        ...base,
        status: 'ok',
        httpStatus: check.status,
        statusSince: since(previous, 'ok', at),
        goneCount: 0,
        failures: 0,
      };
    case 'moved':
      return {
        ...base,
        status: 'moved',
        httpStatus: check.status,
        location: check.location,
        statusSince: since(previous, 'moved', at),
        goneCount: 0,
        failures: 0,
      };
    case 'gone':
      return {
        ...base,
        status: 'gone',
        httpStatus: check.status,
        statusSince: since(previous, 'gone', at),
        goneCount: (previous?.goneCount ?? 0) + 1,
        failures: 0,
      };
    case 'skipped':
      return {
        ...base,
        status: 'skipped',
        statusSince: since(previous, 'skipped', at),
        goneCount: 0,
        failures: 0,
        lastError: check.reason,
      };
    case 'unknown':
      // No usable answer: what was known stays, including a pending 404 count (an outage between
      // two 404s neither confirms nor clears it).
      return previous
        ? {
            ...previous,
            checkedAt: at,
            failures: previous.failures + 1,
            // The status stays that of the last usable answer: the evidence the class rests on.
            lastError: check.reason,
          }
        : {
            ...base,
            status: 'unknown',
            ...(check.status !== undefined ? { httpStatus: check.status } : {}),
            statusSince: at,
            goneCount: 0,
            failures: 1,
            lastError: check.reason,
          };
  }
}
