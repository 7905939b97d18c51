import { createTask } from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  describeSchedule,
  isValidTimezone,
  minimumGapSeconds,
  nextFire,
  parseSchedule,
  periodKey,
  previousFire,
  suggestTimezones,
} from '../../src/schedule/schedule.js';

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

describe('parseSchedule', () => {
  it('resolves presets', () => {
    expect(parseSchedule('weekly')).toEqual({ ok: true, cron: '0 15 * * 1' });
    expect(parseSchedule(' Daily ')).toEqual({ ok: true, cron: '0 15 * * *' });
  });

  it('accepts 5- and 6-field cron expressions, normalising spaces', () => {
    expect(parseSchedule('0  9 * * 1-5')).toEqual({ ok: true, cron: '0 9 * * 1-5' });
    expect(parseSchedule('0 30 2 * * *')).toEqual({ ok: true, cron: '0 30 2 * * *' });
    expect(parseSchedule('0 15 * * mon')).toEqual({ ok: true, cron: '0 15 * * mon' });
    expect(parseSchedule('0 15 ? * 1')).toEqual({ ok: true, cron: '0 15 * * 1' });
  });

  it('rejects wrong field counts and bad values with a message that shows the syntax', () => {
    const tooFew = parseSchedule('0 15 *');
    expect(tooFew.ok).toBe(false);
    if (!tooFew.ok) expect(tooFew.message).toMatch(/3 fields.*preset.*weekly/);
    const badHour = parseSchedule('0 25 * * 1');
    expect(badHour.ok).toBe(false);
    if (!badHour.ok) expect(badHour.message).toContain('"0 25 * * 1" is not a valid cron expression');
    expect(parseSchedule('every monday').ok).toBe(false);
    expect(parseSchedule('').ok).toBe(false);
  });
});

describe('timezones', () => {
  it('accepts IANA names and UTC, rejects others', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('UTC')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('europe/berlin')).toBe(false);
    expect(isValidTimezone('GMT')).toBe(true);
    expect(isValidTimezone('US/Eastern')).toBe(true);
    expect(isValidTimezone('+01:00')).toBe(false);
  });

  it('suggests at most 25 zones, prefix matches first', () => {
    expect(suggestTimezones('').length).toBe(25);
    expect(suggestTimezones('europe/').length).toBe(25);
    expect(suggestTimezones('berl')).toEqual(['Europe/Berlin']);
    const york = suggestTimezones('new y');
    expect(york[0]).toBe('America/New_York');
    expect(suggestTimezones('zzzz')).toEqual([]);
  });
});

describe('nextFire / previousFire', () => {
  it('weekly Monday 15:00 Europe/Berlin stays at 15:00 local across the March 2027 DST change', () => {
    const fires = [new Date('2027-03-20T00:00:00Z')];
    for (let i = 0; i < 3; i++) fires.push(nextFire('0 15 * * 1', 'Europe/Berlin', fires.at(-1) as Date));
    expect(fires.slice(1).map(iso)).toEqual([
      '2027-03-22T14:00:00.000Z', // CET, winter
      '2027-03-29T13:00:00.000Z', // CEST, after 28 Mar
      '2027-04-05T13:00:00.000Z',
    ]);
  });

  it('weekly Monday 15:00 Europe/Berlin stays at 15:00 local across the October 2027 DST change', () => {
    expect(iso(nextFire('0 15 * * 1', 'Europe/Berlin', new Date('2027-10-26T00:00:00Z')))).toBe(
      '2027-11-01T14:00:00.000Z',
    );
    expect(iso(previousFire('0 15 * * 1', 'Europe/Berlin', new Date('2027-10-31T12:00:00Z')))).toBe(
      '2027-10-25T13:00:00.000Z',
    );
  });

  it('previousFire includes the fire instant itself', () => {
    const fire = new Date('2027-03-29T13:00:00Z');
    expect(iso(previousFire('0 15 * * 1', 'Europe/Berlin', fire))).toBe(fire.toISOString());
    expect(iso(previousFire('0 15 * * 1', 'Europe/Berlin', new Date(fire.getTime() - 1)))).toBe(
      '2027-03-22T14:00:00.000Z',
    );
  });

  it('a 02:30 daily on the spring-forward day is shifted to 03:00 local, not skipped (croner behaviour)', () => {
    const fires = [new Date('2027-03-26T12:00:00Z')];
    for (let i = 0; i < 3; i++) fires.push(nextFire('0 30 2 * * *', 'Europe/Berlin', fires.at(-1) as Date));
    expect(fires.slice(1).map(iso)).toEqual([
      '2027-03-27T01:30:00.000Z', // 02:30 CET
      '2027-03-28T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST
      '2027-03-29T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('a 02:30 daily on the fall-back day fires once, at the first 02:30', () => {
    const fires = [new Date('2027-10-30T12:00:00Z')];
    for (let i = 0; i < 2; i++) fires.push(nextFire('0 30 2 * * *', 'Europe/Berlin', fires.at(-1) as Date));
    expect(fires.slice(1).map(iso)).toEqual(['2027-10-31T00:30:00.000Z', '2027-11-01T01:30:00.000Z']);
  });

  it('America/New_York follows its own DST dates (14 Mar 2027)', () => {
    expect(iso(nextFire('0 15 * * 1', 'America/New_York', new Date('2027-03-09T00:00:00Z')))).toBe(
      '2027-03-15T19:00:00.000Z',
    );
    expect(iso(nextFire('0 15 * * 1', 'America/New_York', new Date('2027-03-01T00:00:00Z')))).toBe(
      '2027-03-01T20:00:00.000Z',
    );
  });

  it('treats day-of-week 0 and 7 as Sunday', () => {
    const after = new Date('2027-03-22T00:00:00Z'); // a Monday
    expect(iso(nextFire('0 15 * * 0', 'UTC', after))).toBe('2027-03-28T15:00:00.000Z');
    expect(iso(nextFire('0 15 * * 7', 'UTC', after))).toBe('2027-03-28T15:00:00.000Z');
  });

  it('periodKey is the ISO fire instant', () => {
    expect(periodKey(new Date('2026-11-30T14:00:00Z'))).toBe('2026-11-30T14:00:00.000Z');
  });
});

describe('croner agrees with node-cron', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const cases: [string, string][] = [
    ['0 15 * * 1', 'Europe/Berlin'],
    ['0 15 * * 7', 'America/New_York'],
    ['30 0 9 * * 1-5', 'Asia/Tokyo'],
    ['*/20 * * * * *', 'UTC'],
    ['0 12 1 * 1', 'UTC'],
    ['0 15 L * *', 'Europe/Berlin'],
    ['0 15 * * 1#2', 'UTC'],
    ['0 15 * * 5L', 'UTC'],
    ['0 15 * * mon-fri', 'Australia/Sydney'],
  ];

  it.each(cases)('%s in %s: same next 5 fires', (cron, timezone) => {
    const start = new Date('2027-03-20T10:00:07Z');
    vi.useFakeTimers({ now: start });
    const task = createTask(cron, () => undefined, { timezone });
    const expected = task.getNextRuns(5).map(iso);
    void task.destroy();
    const actual: (string | undefined)[] = [];
    let cursor = start;
    for (let i = 0; i < 5; i++) {
      cursor = nextFire(cron, timezone, cursor);
      actual.push(iso(cursor));
    }
    expect(actual).toEqual(expected);
  });

  it('differs only in the spring-forward gap: node-cron skips 02:30 that day, croner shifts it to 03:00', () => {
    // Why the scheduler's periodic sweep exists: it posts the shifted 03:00 period node-cron never ticks for.
    vi.useFakeTimers({ now: new Date('2027-03-26T12:00:00Z') });
    const task = createTask('0 30 2 * * *', () => undefined, { timezone: 'Europe/Berlin' });
    expect(task.getNextRuns(2).map(iso)).toEqual(['2027-03-27T01:30:00.000Z', '2027-03-29T00:30:00.000Z']);
    void task.destroy();
    expect(iso(nextFire('0 30 2 * * *', 'Europe/Berlin', new Date('2027-03-27T01:30:00Z')))).toBe(
      '2027-03-28T01:00:00.000Z',
    );
  });
});

describe('minimumGapSeconds', () => {
  const from = new Date('2027-01-01T00:00:00Z');

  it('measures the closest consecutive fires so too-frequent schedules can be refused', () => {
    expect(minimumGapSeconds('0 15 * * 1', 'UTC', from)).toBe(7 * 24 * 3600);
    // The week containing the spring-forward Sunday is an hour short in Berlin.
    expect(minimumGapSeconds('0 15 * * 1', 'Europe/Berlin', from)).toBe(7 * 24 * 3600 - 3600);
    expect(minimumGapSeconds('*/5 * * * *', 'UTC', from)).toBe(300);
    expect(minimumGapSeconds('0 9,10 * * *', 'UTC', from)).toBe(3600);
  });

  it('measures schedules whose first fire is more than a year away', () => {
    expect(minimumGapSeconds('* * 29 2 *', 'UTC', from)).toBe(60);
    expect(minimumGapSeconds('0 0 29 2 1', 'UTC', from)).toBeGreaterThan(365 * 24 * 3600);
  });

  it('has no gap for a schedule that never fires', () => {
    expect(minimumGapSeconds('0 0 30 2 *', 'UTC', from)).toBeUndefined();
  });

  it('sees the DST shortening of a daily schedule', () => {
    expect(minimumGapSeconds('0 15 * * *', 'Europe/Berlin', from)).toBe(23 * 3600);
  });
});

describe('describeSchedule', () => {
  it('describes the presets in words', () => {
    expect(describeSchedule('0 15 * * 1')).toBe('At 15:00, only on Monday');
    expect(describeSchedule('0 15 * * *')).toBe('At 15:00');
  });
});
