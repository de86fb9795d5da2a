import { describe, expect, it } from 'vitest';
import {
  addDays,
  dueDigestDate,
  fireInstantOn,
  isDigestDay,
  localDateOf,
  nextDigestInstant,
  nextFireInstant,
  parseTimeOfDay,
  resolveTimeZone,
  zonedInstant,
  type DigestSchedule,
} from '../../../src/core/digest/schedule.js';

const at = (iso: string): Date => new Date(iso);
const berlin = (time: string, days: DigestSchedule['days'] = 'daily'): DigestSchedule => ({ time, timezone: 'Europe/Berlin', days });
const newYork = (time: string, days: DigestSchedule['days'] = 'daily'): DigestSchedule => ({ time, timezone: 'America/New_York', days });

describe('parseTimeOfDay', () => {
  it('takes strict 24-hour HH:MM only', () => {
    expect(parseTimeOfDay('09:00')).toEqual({ hour: 9, minute: 0 });
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['9:00', '24:00', '12:60', '09:00:00', '', 'nine']) expect(parseTimeOfDay(bad)).toBeNull();
  });
});

describe('resolveTimeZone', () => {
  it('canonicalises case and accepts UTC and legacy aliases', () => {
    expect(resolveTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZone('AMERICA/NEW_YORK')).toBe('America/New_York');
    expect(resolveTimeZone('utc')).toBe('UTC');
    expect(resolveTimeZone('Asia/Calcutta')).not.toBeNull();
  });
  it('rejects what is not a zone', () => {
    for (const bad of ['Mars/Olympus', 'Berlin', '+01:00', '', 'Europe/ Berlin', 'CEST']) expect(resolveTimeZone(bad)).toBeNull();
  });
});

describe('localDateOf and calendar helpers', () => {
  it('gives the date in the zone, not in UTC', () => {
    expect(localDateOf(at('2026-11-23T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-24');
    expect(localDateOf(at('2026-11-23T03:30:00Z'), 'America/New_York')).toBe('2026-11-22');
  });
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('skips Saturday and Sunday only on weekdays', () => {
    expect(isDigestDay('2026-11-21', 'weekdays')).toBe(false); // Saturday
    expect(isDigestDay('2026-11-22', 'weekdays')).toBe(false); // Sunday
    expect(isDigestDay('2026-11-23', 'weekdays')).toBe(true); // Monday
    expect(isDigestDay('2026-11-22', 'daily')).toBe(true);
  });
});

describe('zonedInstant across DST', () => {
  it('uses CET before and CEST after the Berlin spring change (2026-03-29)', () => {
    expect(zonedInstant('2026-03-28', { hour: 9, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedInstant('2026-03-29', { hour: 9, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });
  it('fires a nonexistent 02:30 at the first instant after the gap (03:00 CEST)', () => {
    expect(zonedInstant('2026-03-29', { hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
  it('fires a repeated 02:30 on the fall-back day at its first occurrence (CEST)', () => {
    expect(zonedInstant('2026-10-25', { hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant('2026-10-26', { hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });
  it('handles New York (2026-03-08 and 2026-11-01)', () => {
    expect(zonedInstant('2026-03-07', { hour: 9, minute: 0 }, 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedInstant('2026-03-08', { hour: 9, minute: 0 }, 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(zonedInstant('2026-03-08', { hour: 2, minute: 15 }, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedInstant('2026-11-01', { hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
  it('is exact in UTC', () => {
    expect(zonedInstant('2026-06-01', { hour: 0, minute: 0 }, 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('dueDigestDate', () => {
  it('is due from the local time until the end of that local day', () => {
    const sub = berlin('09:00');
    expect(dueDigestDate(sub, at('2026-11-23T07:59:00Z'))).toBeNull();
    expect(dueDigestDate(sub, at('2026-11-23T08:00:00Z'))).toBe('2026-11-23');
    expect(dueDigestDate(sub, at('2026-11-23T22:59:00Z'))).toBe('2026-11-23');
    // Midnight in Berlin: a new day whose 09:00 has not come yet.
    expect(dueDigestDate(sub, at('2026-11-23T23:00:00Z'))).toBeNull();
  });
  it('is never due on a weekend under weekdays, judged in the channel zone', () => {
    // Friday 23:30 in New York is already Saturday in UTC; it is still Friday for the channel.
    expect(dueDigestDate(newYork('09:00', 'weekdays'), at('2026-11-21T04:30:00Z'))).toBe('2026-11-20');
    // Saturday 10:00 in Berlin.
    expect(dueDigestDate(berlin('09:00', 'weekdays'), at('2026-11-21T09:00:00Z'))).toBeNull();
    expect(dueDigestDate(berlin('09:00', 'daily'), at('2026-11-21T09:00:00Z'))).toBe('2026-11-21');
  });
  it('fires once on the fall-back day: one date however often it is asked', () => {
    const sub = berlin('02:30');
    const dates = new Set<string>();
    for (let ms = Date.parse('2026-10-24T22:00:00Z'); ms < Date.parse('2026-10-25T23:00:00Z'); ms += 5 * 60_000) {
      const due = dueDigestDate(sub, new Date(ms));
      if (due) dates.add(due);
    }
    expect([...dates]).toEqual(['2026-10-25']);
    expect(dueDigestDate(sub, at('2026-10-25T00:29:00Z'))).toBeNull();
    expect(dueDigestDate(sub, at('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
  });
  it('is due on the spring-forward day from 03:00 CEST for a 02:30 subscription', () => {
    const sub = berlin('02:30');
    expect(dueDigestDate(sub, at('2026-03-29T00:59:00Z'))).toBeNull();
    expect(dueDigestDate(sub, at('2026-03-29T01:00:00Z'))).toBe('2026-03-29');
  });
});

describe('nextFireInstant', () => {
  it('is strictly after now', () => {
    expect(nextFireInstant(berlin('09:00'), at('2026-11-23T08:00:00Z')).toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(nextFireInstant(berlin('09:00'), at('2026-11-23T07:59:59Z')).toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });
  it('skips the weekend for weekdays (Friday after 09:00 -> Monday)', () => {
    expect(nextFireInstant(berlin('09:00', 'weekdays'), at('2026-11-20T12:00:00Z')).toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });
  it('crosses the spring change with the new offset', () => {
    expect(nextFireInstant(berlin('09:00'), at('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(nextFireInstant(berlin('02:30'), at('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
  it('crosses the autumn change with the new offset', () => {
    expect(nextFireInstant(newYork('09:00'), at('2026-10-31T20:00:00Z')).toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(nextFireInstant(berlin('02:30'), at('2026-10-25T00:30:00Z')).toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });
  it('agrees with fireInstantOn for every day of a year (property across zones)', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']) {
      const schedule: DigestSchedule = { time: '02:30', timezone: zone, days: 'daily' };
      let now = at('2026-01-01T00:00:00Z');
      let previousDate: string | null = null;
      for (let i = 0; i < 370; i++) {
        const next = nextFireInstant(schedule, now);
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        const date = localDateOf(next, zone);
        expect(fireInstantOn(schedule, date)?.getTime()).toBe(next.getTime());
        // Consecutive fires fall on consecutive local dates: never two on one date, never a day lost.
        if (previousDate !== null) expect(date).toBe(addDays(previousDate, 1));
        previousDate = date;
        now = next;
      }
    }
  });
});

describe('nextDigestInstant: the scheduler\'s rule (dueDigestDate) looked forward', () => {
  const utc = (time: string, days: DigestSchedule['days'] = 'daily'): DigestSchedule => ({ time, timezone: 'UTC', days });
  const settledOn = (...dates: string[]) => (date: string) => dates.includes(date);

  it('after `digest now` at 06:04 settled today, a time later today means tomorrow', () => {
    const now = at('2026-11-23T06:04:00Z');
    expect(nextDigestInstant(utc('06:07'), now, settledOn('2026-11-23')).toISOString()).toBe('2026-11-24T06:07:00.000Z');
    // ...and the scheduler agrees: at 06:07 nothing is due.
    expect(dueDigestDate(utc('06:07'), at('2026-11-23T06:07:00Z'), settledOn('2026-11-23'))).toBeNull();
    // Without the digest now, it is today at 06:07, when the scheduler delivers it.
    expect(nextDigestInstant(utc('06:07'), now).toISOString()).toBe('2026-11-23T06:07:00.000Z');
    expect(dueDigestDate(utc('06:07'), at('2026-11-23T06:07:00Z'))).toBe('2026-11-23');
  });
  it('a time already past today with nothing posted goes out at the next pass (catch-up), not tomorrow', () => {
    const now = at('2026-11-23T06:04:30Z');
    expect(nextDigestInstant(utc('06:00'), now).toISOString()).toBe('2026-11-23T06:05:00.000Z');
    expect(dueDigestDate(utc('06:00'), at('2026-11-23T06:05:00Z'))).toBe('2026-11-23');
    expect(nextDigestInstant(utc('06:00'), now, settledOn('2026-11-23')).toISOString()).toBe('2026-11-24T06:00:00.000Z');
  });
  it('a settled Friday skips to Monday on a weekdays schedule', () => {
    expect(nextDigestInstant(berlin('18:00', 'weekdays'), at('2026-11-20T09:00:00Z'), settledOn('2026-11-20')).toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });
  it('whatever is settled, the answer is when dueDigestDate first says due (fixed clocks over a week)', () => {
    const schedule = berlin('09:00', 'weekdays');
    for (let minute = 0; minute < 7 * 24 * 60; minute += 37) {
      const now = new Date(Date.parse('2026-11-19T00:00:00Z') + minute * 60_000);
      const settled = settledOn(localDateOf(now, 'Europe/Berlin'));
      const next = nextDigestInstant(schedule, now, settled);
      expect(next.getTime()).toBeGreaterThan(now.getTime());
      expect(dueDigestDate(schedule, next, settled)).not.toBeNull();
      // The minute before it (when after now) was not yet due.
      const before = next.getTime() - 60_000;
      if (before > now.getTime()) expect(dueDigestDate(schedule, new Date(before), settled)).toBeNull();
    }
  });
});
