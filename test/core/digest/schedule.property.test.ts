/**
 * Properties of the schedule over random instants, times and zones (fast-check), checked against
 * the definition rather than hand-computed fixtures.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { dueDigestDate, localDateOf, localDateTimeOf, nextFireInstant, type DigestSchedule } from '../../../src/core/digest/schedule.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'UTC'];

const schedule = fc.record<DigestSchedule>({
  time: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  timezone: fc.constantFrom(...ZONES),
  days: fc.constantFrom('weekdays' as const, 'daily' as const),
});
const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(Math.floor(ms / 1000) * 1000));

it('nextFireInstant is the first moment something new becomes due', () => {
  fc.assert(
    fc.property(schedule, instant, (s, now) => {
      const next = nextFireInstant(s, now);
      expect(next.getTime()).toBeGreaterThan(now.getTime());
      // At the fire instant, that local date is due...
      expect(dueDigestDate(s, next)).toBe(localDateOf(next, s.timezone));
      // ...and one second before, it was not (whatever was due then was an earlier date).
      expect(dueDigestDate(s, new Date(next.getTime() - 1000))).not.toBe(localDateOf(next, s.timezone));
      // The local reading at the fire instant is the subscription time, or later only across a DST gap.
      const reading = localDateTimeOf(next, s.timezone);
      const minutes = reading.hour * 60 + reading.minute;
      const [h, m] = s.time.split(':').map(Number);
      expect(minutes).toBeGreaterThanOrEqual((h ?? 0) * 60 + (m ?? 0));
      expect(minutes - ((h ?? 0) * 60 + (m ?? 0))).toBeLessThanOrEqual(60);
    }),
    { numRuns: 300 },
  );
});

it('a weekdays schedule is never due on a Saturday or Sunday in its own zone', () => {
  fc.assert(
    fc.property(schedule, instant, (s, now) => {
      const due = dueDigestDate({ ...s, days: 'weekdays' }, now);
      if (due === null) return;
      const weekday = new Date(`${due}T12:00:00Z`).getUTCDay();
      expect([0, 6]).not.toContain(weekday);
    }),
    { numRuns: 300 },
  );
});
