/** A clock whose sleep moves time on at once, so rate limits and Retry-After cost tests nothing. */
import type { Clock } from '../../src/ingest/rate-limiter.js';

export interface FakeClock extends Clock {
  /** Every wait asked for, in ms. */
  readonly slept: number[];
}

export function fakeClock(start = Date.parse('2026-12-01T06:00:00Z')): FakeClock {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}
