import { describe, expect, it } from 'vitest';
import { runHousekeeping, SEEN_EVENTS_KEPT_MS } from '../../src/scheduler/start-housekeeping.js';
import { openStore } from '../../src/store/open-store.js';
import pino from 'pino';
import { logSink } from '../support/log-sink.js';

function createLogSink() {
  const { stream, sink } = logSink();
  return { logger: pino({ level: 'info' }, stream), lines: sink.lines };
}

const T0 = new Date('2026-11-23T08:00:00Z');

describe('housekeeping', () => {
  it('forgets handled event ids older than a day, so a replayed old id counts as new, and keeps the rest', async () => {
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    try {
      const sink = createLogSink();
      await store.markEventSeen('Ev-old', T0);
      await store.markEventSeen('Ev-recent', new Date(T0.getTime() + SEEN_EVENTS_KEPT_MS));
      await runHousekeeping(store, new Date(T0.getTime() + SEEN_EVENTS_KEPT_MS + 60_000), sink.logger);
      expect(await store.markEventSeen('Ev-recent', T0)).toBe(false);
      expect(await store.markEventSeen('Ev-old', T0)).toBe(true);
      expect(sink.lines().some((l) => l['msg'] === 'forgot handled event ids older than a day' && l['forgotten'] === 1)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('a store that fails is logged as a warning, not thrown', async () => {
    const sink = createLogSink();
    await runHousekeeping({ forgetSeenEvents: () => Promise.reject(new Error('database is down')) }, T0, sink.logger);
    expect(sink.lines().some((l) => l['level'] === 40 && /next hour/.test(String(l['msg'])))).toBe(true);
  });
});
