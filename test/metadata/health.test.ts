import { describe, expect, it } from 'vitest';
import { classify, parseFailOn } from '../../src/metadata/health.js';
import type { RepoRecord } from '../../src/metadata/types.js';
import { entry } from './helpers.js';

const now = new Date('2026-11-01T00:00:00Z');
const project = entry('https://github.com/org/project');

function repo(
  overrides: Partial<RepoRecord> = {},
  facts: Partial<NonNullable<RepoRecord['facts']>> = {},
): RepoRecord {
  return {
    repo: 'org/project',
    status: 'ok',
    facts: {
      fullName: 'org/project',
      stars: 10,
      forks: 1,
      archived: false,
      disabled: false,
      topics: [],
      pushedAt: '2026-10-01T00:00:00Z',
      ...facts,
    },
    statusSince: new Date('2026-01-01T00:00:00Z'),
    checkedAt: new Date('2026-10-31T00:00:00Z'),
    failures: 0,
    ...overrides,
  };
}

describe('health classes', () => {
  it('orders deleted before archived before moved before inactive, with evidence and first-seen time', () => {
    const deleted = classify({ entry: project, repo: repo({ status: 'not-found' }), now });
    expect(deleted).toMatchObject({ class: 'deleted', since: new Date('2026-01-01T00:00:00Z') });
    expect(deleted.evidence).toContain('404');
    const archivedAndMoved = repo(
      { status: 'moved' },
      { fullName: 'new/name', archived: true, pushedAt: '2019-01-01T00:00:00Z' },
    );
    expect(classify({ entry: project, repo: archivedAndMoved, now }).class).toBe('archived');
    const moved = classify({
      entry: project,
      repo: repo({ status: 'moved' }, { fullName: 'new/name', pushedAt: '2019-01-01T00:00:00Z' }),
      now,
    });
    expect(moved).toMatchObject({ class: 'moved', evidence: 'GitHub answers as new/name' });
    const old = classify({ entry: project, repo: repo({}, { pushedAt: '2024-01-01T00:00:00Z' }), now });
    expect(old).toMatchObject({
      class: 'inactive',
      evidence: 'no push since 2024-01-01',
      since: new Date('2025-12-31T00:00:00Z'),
    });
    expect(
      classify({
        entry: project,
        repo: repo({}, { pushedAt: '2024-01-01T00:00:00Z' }),
        now,
        inactiveAfterMs: 1100 * 86_400_000,
      }).class,
    ).toBe('ok');
  });

  it("takes the list's [Archived] tag, and is unknown when nothing was learned", () => {
    expect(classify({ entry: { ...project, archived: true }, now }).class).toBe('archived');
    expect(classify({ entry: project, now })).toMatchObject({
      class: 'unknown',
      evidence: 'not checked yet',
    });
    const failed = classify({
      entry: project,
      repo: {
        repo: 'org/project',
        status: 'unknown',
        statusSince: now,
        checkedAt: now,
        failures: 2,
        lastError: 'HTTP 502',
      },
      now,
    });
    expect(failed).toMatchObject({ class: 'unknown', evidence: 'not learned yet (HTTP 502)' });
  });

  it('parses --fail-on and names a wrong class', () => {
    expect(parseFailOn('deleted, dead,archived')).toEqual({
      ok: true,
      classes: ['deleted', 'dead', 'archived'],
    });
    expect(parseFailOn('deleted,gone')).toEqual({ ok: false, bad: 'gone' });
  });
});
