import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueDigests, selectDueSubscriptions } from '../../src/scheduler/run-due-digests.js';
import { ok, slackError } from '../support/fake-slack.js';
import { startHarness, subscribe, TEAM, type Harness } from '../digest/digest-harness.js';

// November 2026: Berlin is on CET (UTC+1). The 21st is a Saturday, the 23rd a Monday.
const at = (iso: string) => new Date(iso);
let tsCounter = 0;

describe('runDueDigests', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('one channel that Slack refuses is paused; the other still gets its digest', async () => {
    await subscribe(h.store, 'C_GONE');
    await subscribe(h.store, 'C_OK');
    h.fake.answerAlways('chat.postMessage', (req) =>
      req.body['channel'] === 'C_GONE' ? slackError('channel_not_found') : ok({ channel: req.body['channel'], ts: `1700000001.${String(++tsCounter).padStart(6, '0')}` }),
    );

    const results = await runDueDigests(h.deps(), at('2026-11-23T08:05:00Z'));

    expect(results.map((r) => [r.channelId, r.outcome.kind]).sort()).toEqual([
      ['C_GONE', 'paused'],
      ['C_OK', 'posted'],
    ]);
    expect(h.posts('C_OK')).toHaveLength(1);
    expect((await h.store.getSubscription(TEAM, 'C_GONE'))?.pausedReason).toBe('channel_not_found');

    // Paused channels drop out of later runs; the posted one is settled, so not due again.
    const later = await runDueDigests(h.deps(), at('2026-11-23T09:00:00Z'));
    expect(later).toEqual([]);
    expect(h.posts()).toHaveLength(2);
  });

  it('a 09:00 Europe/Berlin weekdays subscription: due at 09:05, caught up at 15:00, not before 09:00 next day, never on Saturday', async () => {
    const sub = await subscribe(h.store, 'C1');
    const due = (iso: string) => selectDueSubscriptions([sub], at(iso)).length === 1;

    expect(due('2026-11-23T07:59:00Z')).toBe(false); // 08:59 Berlin
    expect(due('2026-11-23T08:05:00Z')).toBe(true); // 09:05 Berlin
    expect(due('2026-11-23T14:00:00Z')).toBe(true); // 15:00 Berlin: catch-up after downtime
    expect(due('2026-11-24T07:30:00Z')).toBe(false); // 08:30 Berlin the next day
    expect(due('2026-11-21T10:00:00Z')).toBe(false); // Saturday 11:00 Berlin
    expect(selectDueSubscriptions([{ ...sub, days: 'daily' }], at('2026-11-21T10:00:00Z'))).toHaveLength(1);
  });

  it('catch-up at 15:00 posts once; the rest of the day it is settled and not attempted', async () => {
    await subscribe(h.store, 'C1');

    const catchUp = await runDueDigests(h.deps(), at('2026-11-23T14:00:00Z'));
    const nextMinute = await runDueDigests(h.deps(), at('2026-11-23T14:01:00Z'));
    const nextMorning = await runDueDigests(h.deps(), at('2026-11-24T07:30:00Z'));

    expect(catchUp.map((r) => r.outcome.kind)).toEqual(['posted']);
    expect(nextMinute).toEqual([]);
    expect(nextMorning).toEqual([]);
    expect(h.posts('C1')).toHaveLength(1);
  });

  it('daylight saving: 02:30 on the spring-forward night goes out at 03:00 CEST, once', async () => {
    await subscribe(h.store, 'C1', { time: '02:30', days: 'daily' });

    // Sunday 28 March 2027: Berlin skips from 02:00 CET to 03:00 CEST (01:00 UTC).
    expect(await runDueDigests(h.deps(), at('2027-03-28T00:59:00Z'))).toEqual([]);
    const results = await runDueDigests(h.deps(), at('2027-03-28T01:00:00Z'));

    expect(results.map((r) => r.outcome.kind)).toEqual(['posted']);
    expect(await h.store.getDigest({ teamId: TEAM, channelId: 'C1', digestDate: '2027-03-28', topicsKey: 'diffusion' })).toMatchObject({ status: 'posted' });
  });

  it('nothing is due on a Saturday for weekdays subscriptions', async () => {
    await subscribe(h.store, 'C1');

    expect(await runDueDigests(h.deps(), at('2026-11-21T10:00:00Z'))).toEqual([]);
    expect(h.posts()).toHaveLength(0);
  });

  it('each channel is due in its own zone', async () => {
    await subscribe(h.store, 'C_BERLIN');
    await subscribe(h.store, 'C_NY', { timezone: 'America/New_York' });

    // 09:05 in Berlin is 03:05 in New York.
    const results = await runDueDigests(h.deps(), at('2026-11-23T08:05:00Z'));

    expect(results.map((r) => r.channelId)).toEqual(['C_BERLIN']);
  });

  it('two processes racing on the same subscriptions post exactly one message per channel', async () => {
    await subscribe(h.store, 'C1');
    await subscribe(h.store, 'C2');
    await subscribe(h.store, 'C3', { time: '08:30' });
    const now = at('2026-11-23T08:05:00Z');

    const [a, b] = await Promise.all([runDueDigests(h.deps({ claimant: 'host-a:1' }), now), runDueDigests(h.deps({ claimant: 'host-b:2' }), now)]);

    for (const channel of ['C1', 'C2', 'C3']) expect(h.posts(channel)).toHaveLength(1);
    expect([...a, ...b].filter((r) => r.outcome.kind === 'posted')).toHaveLength(3);
  });
});
