/**
 * Schedule math for channel digests: wall-clock times in IANA zones, weekday rules, and DST.
 * Pure: every function takes the instant it reasons about (`now`), never reads a clock.
 *
 * Zone arithmetic uses Intl.DateTimeFormat (the ICU data Node ships), so no tz library is needed.
 *
 * The one rule every function follows: a channel's digest for local date D fires at the EARLIEST
 * instant whose local wall-clock time in the channel's zone is at or after the subscription time
 * on D. Consequences, on purpose:
 *  - a time that does not exist on D (02:30 in Berlin on the spring-forward day) fires at the
 *    first instant after the gap (03:00 CEST), not an hour late and not skipped;
 *  - a time that happens twice (02:30 on the fall-back day) fires at its first occurrence, and
 *    only once, since the digest for a date is keyed by that date.
 */

export type ScheduleDays = 'weekdays' | 'daily';

/** The days a new subscription gets its digest on until someone says otherwise (digest at ... daily). */
export const DEFAULT_DIGEST_DAYS: ScheduleDays = 'weekdays';

/** What the math needs from a subscription; structurally a Pick of the store's Subscription. */
export interface DigestSchedule {
  /** "HH:MM", 24-hour. */
  readonly time: string;
  /** IANA zone, e.g. "Europe/Berlin" (or "UTC"). */
  readonly timezone: string;
  readonly days: ScheduleDays;
}

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** Strict "HH:MM" (00:00-23:59); the friendlier forms ("9am") are parsed by the command parser. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return null;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

export function formatTimeOfDay(time: TimeOfDay): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

let zoneNames: Map<string, string> | undefined;

/**
 * The canonical spelling of a time zone typed by a user ("europe/berlin" -> "Europe/Berlin"),
 * or null when it is not one. Intl's list of canonical zones does not hold "UTC" itself, and
 * omits legacy aliases ("Asia/Calcutta") that Intl still accepts, so those are tried too.
 */
export function resolveTimeZone(input: string): string | null {
  const wanted = input.trim();
  if (wanted === '' || /\s/.test(wanted)) return null;
  if (!zoneNames) {
    zoneNames = new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((zone) => [zone.toLowerCase(), zone]));
  }
  const known = zoneNames.get(wanted.toLowerCase());
  if (known) return known;
  // Only names with a slash: Intl also accepts offsets like "+01:00", which are not zones (no DST).
  if (!wanted.includes('/')) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: wanted }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const isValidTimeZone = (zone: string): boolean => resolveTimeZone(zone) !== null;

// One formatter per zone: building them is the expensive part of Intl, and the scheduler asks often.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The wall-clock reading in `zone` at `instant`. */
export function localDateTimeOf(instant: Date, zone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? NaN,
    month: parts['month'] ?? NaN,
    day: parts['day'] ?? NaN,
    hour: parts['hour'] ?? NaN,
    minute: parts['minute'] ?? NaN,
    second: parts['second'] ?? NaN,
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "YYYY-MM-DD" of `instant` in `zone`: the key of a channel's digest for that day. */
export function localDateOf(instant: Date, zone: string): string {
  const t = localDateTimeOf(instant, zone);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/** The wall-clock reading expressed as if it were UTC, in ms: lets us compare readings numerically. */
const wallClockMs = (t: LocalDateTime): number => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

/** Zone offset from UTC at `ms`, in ms (whole seconds; sub-second parts are dropped). */
const offsetAt = (ms: number, zone: string): number => wallClockMs(localDateTimeOf(new Date(ms), zone)) - Math.floor(ms / 1000) * 1000;

function parseLocalDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`schedule: not a YYYY-MM-DD date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** `date` plus `days` calendar days, as "YYYY-MM-DD" (calendar math, no zone involved). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseLocalDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 0 = Sunday ... 6 = Saturday, of a calendar date. */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Whether a digest goes out on this local date under the days rule (weekdays skips Sat and Sun). */
export function isDigestDay(date: string, days: ScheduleDays): boolean {
  if (days === 'daily') return true;
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}

const HOUR = 3_600_000;

/**
 * The earliest instant at which the wall clock in `zone` reads `time` or later on `date`
 * (see the rule at the top of this file for gaps and repeats).
 */
export function zonedInstant(date: string, time: TimeOfDay, zone: string): Date {
  const { year, month, day } = parseLocalDate(date);
  const wanted = Date.UTC(year, month - 1, day, time.hour, time.minute);
  // Zones change offset at most once within a day either side, so the offsets 14 h before and
  // after cover every candidate reading.
  const offsets = [...new Set([offsetAt(wanted - 14 * HOUR, zone), offsetAt(wanted, zone), offsetAt(wanted + 14 * HOUR, zone)])];
  const exact = offsets
    .map((offset) => wanted - offset)
    .filter((ms) => wallClockMs(localDateTimeOf(new Date(ms), zone)) === wanted)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);

  // The wanted reading falls in a gap: binary-search the first instant whose reading is past it.
  // Readings move forward across a gap, so the predicate is monotonic between these bounds.
  let lo = wanted - Math.max(...offsets); // reading before the gap
  let hi = wanted - Math.min(...offsets); // reading after the gap
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallClockMs(localDateTimeOf(new Date(mid), zone)) >= wanted) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

function timeOf(schedule: DigestSchedule): TimeOfDay {
  const time = parseTimeOfDay(schedule.time);
  if (!time) throw new Error(`schedule: not an HH:MM time: ${schedule.time}`);
  return time;
}

/** When the digest for local `date` fires, or null when the days rule skips that date. */
export function fireInstantOn(schedule: DigestSchedule, date: string): Date | null {
  if (!isDigestDay(date, schedule.days)) return null;
  return zonedInstant(date, timeOf(schedule), schedule.timezone);
}

/**
 * Whether the digest for a local date is already settled (posted, or skipped for want of news)
 * for this subscription: the store's digest log answers it, and a settled date never fires again.
 */
export type IsSettled = (date: string) => boolean;

const nothingSettled: IsSettled = () => false;

/**
 * The local date whose digest is due at `now`: today (in the channel's zone) when today is a
 * digest day, its time has come and its digest is not settled yet, else null. "Due" stays true
 * for the rest of that day, which is what lets a bot that was down at 09:00 catch up once at
 * start; the digest log's claim on (subscription, date) is what makes it once.
 *
 * This is THE rule: the scheduler delivers exactly when it says so, and nextDigestInstant (what
 * the replies show) is this rule looked forward, so the two cannot disagree.
 */
export function dueDigestDate(schedule: DigestSchedule, now: Date, isSettled: IsSettled = nothingSettled): string | null {
  const today = localDateOf(now, schedule.timezone);
  const fire = fireInstantOn(schedule, today);
  return fire !== null && now.getTime() >= fire.getTime() && !isSettled(today) ? today : null;
}

/** The scheduler's pass period: it runs at every minute boundary (start-scheduler.ts). */
const PASS_MS = 60_000;

/**
 * When the next digest actually goes out, by dueDigestDate's rule: a digest already due (its
 * time passed today, not yet settled) goes out at the scheduler's next pass; otherwise the first
 * fire instant after `now` on a date that is not settled. A `/papers digest now` settles today,
 * so a time set later today then shows tomorrow's (or the next digest day's) digest.
 */
export function nextDigestInstant(schedule: DigestSchedule, now: Date, isSettled: IsSettled = nothingSettled): Date {
  if (dueDigestDate(schedule, now, isSettled) !== null) return new Date(Math.floor(now.getTime() / PASS_MS) * PASS_MS + PASS_MS);
  const today = localDateOf(now, schedule.timezone);
  // A weekdays schedule skips at most two days and today is settled at most, so ten days hold one.
  for (let i = 0; i <= 10; i++) {
    const date = addDays(today, i);
    const fire = fireInstantOn(schedule, date);
    if (fire !== null && fire.getTime() > now.getTime() && !isSettled(date)) return fire;
  }
  throw new Error(`schedule: no digest within 10 days of ${now.toISOString()} for ${JSON.stringify(schedule)}`);
}

/** The first fire instant strictly after `now`, whatever is settled (the schedule alone). */
export function nextFireInstant(schedule: DigestSchedule, now: Date): Date {
  const today = localDateOf(now, schedule.timezone);
  // A weekdays schedule skips at most two days, so eight days always contain a fire instant.
  for (let i = 0; i <= 8; i++) {
    const fire = fireInstantOn(schedule, addDays(today, i));
    if (fire !== null && fire.getTime() > now.getTime()) return fire;
  }
  throw new Error(`schedule: no fire instant within 8 days of ${now.toISOString()} for ${JSON.stringify(schedule)}`);
}
