/**
 * Schedules are node-cron expressions (node-cron triggers the posts); fire instants are computed
 * with croner configured to node-cron's semantics: 5 or 6 fields (seconds first), day-of-week
 * 0 and 7 are Sunday, day-of-month AND day-of-week must both match.
 *
 * DST: a fixed-time schedule whose local time does not exist on the spring-forward day
 * (e.g. 02:30 in Europe/Berlin on 28 Mar 2027) fires once at the first valid time after the gap
 * (03:00 local) — croner's behaviour, which the scheduler follows for that day's period. On the
 * fall-back day a repeated local time fires once, at its first occurrence.
 */
import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { validate, validateDetailed } from 'node-cron';

export const SCHEDULE_PRESETS: Readonly<Record<string, string>> = {
  weekly: '0 15 * * 1',
  daily: '0 15 * * *',
};

export type ParsedSchedule = { ok: true; cron: string } | { ok: false; message: string };

const SYNTAX_HELP =
  'Use a preset (weekly = Mondays 15:00, daily = every day 15:00) or a cron expression with 5 fields ' +
  '"minute hour day-of-month month day-of-week" (e.g. "0 15 * * 1") or 6 with seconds first.';

export function parseSchedule(input: string): ParsedSchedule {
  // croner gives `?` its own meaning (time of creation); node-cron reads it as `*`: make both agree.
  const trimmed = input.trim().replace(/\s+/g, ' ').replace(/\?/g, '*');
  const preset = SCHEDULE_PRESETS[trimmed.toLowerCase()];
  if (preset) return { ok: true, cron: preset };
  if (trimmed === '') return { ok: false, message: `The schedule is empty. ${SYNTAX_HELP}` };
  const fieldCount = trimmed.split(' ').length;
  if (fieldCount !== 5 && fieldCount !== 6) {
    return { ok: false, message: `"${trimmed}" has ${fieldCount} fields. ${SYNTAX_HELP}` };
  }
  if (!validate(trimmed)) {
    const details = validateDetailed(trimmed).errors.map((error) => error.message);
    const why = details.length > 0 ? ` (${details.join('; ')})` : '';
    return { ok: false, message: `"${trimmed}" is not a valid cron expression${why}. ${SYNTAX_HELP}` };
  }
  try {
    createCron(trimmed, 'UTC');
  } catch (error) {
    const why = error instanceof Error ? ` (${error.message})` : '';
    return { ok: false, message: `"${trimmed}" is not supported${why}. ${SYNTAX_HELP}` };
  }
  return { ok: true, cron: trimmed };
}

let timezoneNames: Set<string> | undefined;

function knownTimezones(): Set<string> {
  timezoneNames ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  return timezoneNames;
}

/** How IANA names are written: each part starts with a capital or a digit (`GMT`, `Etc/GMT+3`, `US/Eastern`). */
const IANA_NAME = /^[A-Z][A-Za-z0-9_+-]*(?:\/[A-Z0-9][A-Za-z0-9_+-]*)*$/;

/**
 * Canonical IANA names, and the aliases the runtime's time zone data knows (`GMT`, `Etc/UTC`,
 * `US/Eastern`), which `Intl.supportedValuesOf` leaves out. Written as IANA writes them.
 */
export function isValidTimezone(tz: string): boolean {
  if (knownTimezones().has(tz)) return true;
  if (!IANA_NAME.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Up to 25 IANA names (Discord's autocomplete limit): prefix matches first, then substring matches. */
export function suggestTimezones(prefix: string, limit = 25): string[] {
  const needle = prefix.trim().toLowerCase().replace(/\s+/g, '_');
  const names = [...knownTimezones()].sort();
  if (needle === '') return names.slice(0, limit);
  const starts = names.filter((name) => name.toLowerCase().startsWith(needle));
  const startsPart = names.filter(
    (name) =>
      !starts.includes(name) &&
      name
        .toLowerCase()
        .split('/')
        .some((part) => part.startsWith(needle)),
  );
  const contains = names.filter(
    (name) => !starts.includes(name) && !startsPart.includes(name) && name.toLowerCase().includes(needle),
  );
  return [...starts, ...startsPart, ...contains].slice(0, limit);
}

function createCron(cron: string, timezone: string): Cron {
  return new Cron(cron, {
    timezone,
    paused: true,
    mode: '5-or-6-parts',
    domAndDow: true,
    alternativeWeekdays: false,
  });
}

/** The first fire strictly after `after`. */
export function nextFire(cron: string, timezone: string, after: Date): Date {
  const next = createCron(cron, timezone).nextRun(after);
  if (!next) throw new Error(`schedule "${cron}" never fires again`);
  return next;
}

/** The latest fire at or before `atOrBefore`, or undefined if there is none within croner's range. */
export function previousFire(cron: string, timezone: string, atOrBefore: Date): Date | undefined {
  // croner's previousRuns excludes the reference itself; one millisecond later includes it.
  const [previous] = createCron(cron, timezone).previousRuns(1, new Date(atOrBefore.getTime() + 1));
  return previous;
}

const YEAR_MS = 366 * 24 * 3600 * 1000;

/**
 * Smallest gap, in seconds, between consecutive fires, or undefined when the schedule never fires
 * (30 February). Sampled from the first fire wherever it falls (29 February may be years away),
 * over a year of fires (both DST changes) or `sampleFires` of them. Cron time fields repeat on every
 * matching day, so a gap below an hour shows within the first matching day.
 */
export function minimumGapSeconds(
  cron: string,
  timezone: string,
  from: Date,
  sampleFires = 500,
): number | undefined {
  const job = createCron(cron, timezone);
  const first = job.nextRun(from);
  if (!first) return undefined;
  const horizon = first.getTime() + YEAR_MS;
  let previous = first;
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < sampleFires && previous.getTime() <= horizon; i++) {
    const next = job.nextRun(previous);
    if (!next) break;
    smallest = Math.min(smallest, (next.getTime() - previous.getTime()) / 1000);
    previous = next;
  }
  return smallest;
}

export function describeSchedule(cron: string): string {
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return cron;
  }
}

/** A period is identified by its scheduled fire instant. */
export function periodKey(fire: Date): string {
  return fire.toISOString();
}
