import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DueDigestResult } from '../../src/scheduler/run-due-digests.js';
import { startScheduler } from '../../src/scheduler/start-scheduler.js';
import { rateLimited } from '../support/fake-slack.js';
import { logSink } from '../support/log-sink.js';
import { startHarness, subscribe, TEAM, type Harness } from '../digest/digest-harness.js';

const MONDAY_1500_BERLIN = new Date('2026-11-23T14:00:00Z');

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('startScheduler', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('catches up at start: a digest missed at 09:00 goes out as soon as the bot starts', async () => {
    await subscribe(h.store, 'C1');
    const passes: DueDigestResult[][] = [];
    const firstPass = deferred();

    const scheduler = startScheduler(h.deps(), {
      clock: () => MONDAY_1500_BERLIN,
      onPass: (results) => {
        passes.push(results);
        firstPass.resolve();
      },
    });
    await firstPass.promise;
    await scheduler.stop();

    expect(passes[0]?.map((r) => [r.channelId, r.outcome.kind])).toEqual([['C1', 'posted']]);
    expect(h.posts('C1')).toHaveLength(1);
    expect(await h.store.getDigest({ teamId: TEAM, channelId: 'C1', digestDate: '2026-11-23', topicsKey: 'diffusion' })).toMatchObject({ status: 'posted' });
  });

  it('stop() waits for the pass in progress, so the digest is recorded before shutdown completes', async () => {
    await subscribe(h.store, 'C1');
    h.fake.answerOnce('chat.postMessage', rateLimited(30));
    const waiting = deferred();
    const release = deferred();

    const scheduler = startScheduler(
      h.deps({
        sleep: async () => {
          waiting.resolve();
          await release.promise;
        },
      }),
      { clock: () => MONDAY_1500_BERLIN },
    );
    await waiting.promise; // the pass is now inside its Retry-After wait
    const stopped = scheduler.stop();
    release.resolve();
    await stopped;

    expect(h.posts('C1').length).toBe(2);
    expect(await h.store.getDigest({ teamId: TEAM, channelId: 'C1', digestDate: '2026-11-23', topicsKey: 'diffusion' })).toMatchObject({ status: 'posted' });
  });

  it('a store that fails does not crash the scheduler: the pass is logged as failed, and the next pass posts', async () => {
    // A due subscription exists, so a pass that ignored the failure would post it.
    await subscribe(h.store, 'C1');
    const { stream, sink } = logSink();
    const deps = h.deps({ logger: pino({ level: 'error' }, stream) });
    const passes: DueDigestResult[][] = [];
    const failing = startScheduler(
      {
        ...deps,
        store: {
          ...deps.store,
          listSubscriptions: async () => {
            throw new Error('database is locked');
          },
        },
      },
      { clock: () => MONDAY_1500_BERLIN, onPass: (results) => passes.push(results) },
    );
    await vi.waitFor(() => expect(sink.lines().map((l) => l['msg'])).toContain('digest pass failed; the next minute tries again'));
    await failing.stop();
    const failed = sink.lines().find((l) => l['msg'] === 'digest pass failed; the next minute tries again');
    expect((failed?.['err'] as { message?: string } | undefined)?.message).toBe('database is locked');
    expect(passes).toEqual([]);
    expect(h.posts()).toHaveLength(0);

    // Once the store answers again, a pass delivers what the failed one could not.
    const recovered = deferred<DueDigestResult[]>();
    const working = startScheduler(deps, { clock: () => MONDAY_1500_BERLIN, onPass: (results) => recovered.resolve(results) });
    expect((await recovered.promise).map((r) => [r.channelId, r.outcome.kind])).toEqual([['C1', 'posted']]);
    await working.stop();
    expect(h.posts('C1')).toHaveLength(1);
  });
});
