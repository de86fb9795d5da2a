import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDigest } from '../../src/digest/deliver-digest.js';
import { ok, rateLimited, serverError, slackError } from '../support/fake-slack.js';
import { fakeCompose, startHarness, subscribe, TEAM, type Harness } from './digest-harness.js';

// Monday 23 November 2026, 09:05 in Berlin (CET, UTC+1).
const MONDAY_0905 = new Date('2026-11-23T08:05:00Z');
const MINUTE = 60_000;
const key = (channelId: string, digestDate = '2026-11-23') => ({ teamId: TEAM, channelId, digestDate, topicsKey: 'diffusion' });

describe('deliverDigest', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('posts the digest once and records it with the message ts and papers', async () => {
    const sub = await subscribe(h.store, 'C1');

    const outcome = await deliverDigest(h.deps(), sub, MONDAY_0905);

    const [post, ...more] = h.posts('C1');
    expect(more).toHaveLength(0);
    expect(post?.body['text']).toContain('p1, p2');
    expect(post?.body['metadata']).toEqual({
      event_type: 'paperboy_digest',
      event_payload: { channel: 'C1', digest_date: '2026-11-23', topics_key: 'diffusion', paper_ids: 'p1,p2' },
    });
    expect(outcome).toEqual({ kind: 'posted', messageTs: expect.any(String), paperCount: 2 });
    const record = await h.store.getDigest(key('C1'));
    expect(record).toMatchObject({ status: 'posted', messageTs: outcome.kind === 'posted' ? outcome.messageTs : 'x', paperIds: ['p1', 'p2'] });
    expect(await h.store.deliveredPaperIds(TEAM, 'C1')).toEqual(new Set(['p1', 'p2']));
  });

  it('a second delivery the same day is already done and posts nothing', async () => {
    const sub = await subscribe(h.store, 'C1');
    const first = await deliverDigest(h.deps(), sub, MONDAY_0905);

    const second = await deliverDigest(h.deps({ claimant: 'host-b:2' }), sub, new Date(MONDAY_0905.getTime() + 3 * 3_600_000));

    expect(second).toEqual({ kind: 'already-done', messageTs: first.kind === 'posted' ? first.messageTs : 'x' });
    expect(h.posts('C1')).toHaveLength(1);
  });

  it('the next day brings only papers the channel has not had', async () => {
    const sub = await subscribe(h.store, 'C1');
    await deliverDigest(h.deps(), sub, MONDAY_0905);

    const tuesday = await deliverDigest(h.deps(), sub, new Date(MONDAY_0905.getTime() + 24 * 3_600_000));

    expect(tuesday).toMatchObject({ kind: 'posted', paperCount: 1 });
    expect(h.posts('C1').map((p) => (p.body['metadata'] as { event_payload: { paper_ids: string } }).event_payload.paper_ids)).toEqual(['p1,p2', 'p3']);
  });

  it('nothing new: no post, and the day is recorded as skipped', async () => {
    const sub = await subscribe(h.store, 'C1');

    const outcome = await deliverDigest(h.deps({ compose: fakeCompose([]) }), sub, MONDAY_0905);

    expect(outcome).toEqual({ kind: 'nothing-new' });
    expect(h.posts()).toHaveLength(0);
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'skipped' });
    expect(await deliverDigest(h.deps(), sub, MONDAY_0905)).toEqual({ kind: 'nothing-new' });
    expect(h.posts()).toHaveLength(0);
  });

  it('honours a 429 Retry-After and still posts exactly one message', async () => {
    h.fake.answerOnce('chat.postMessage', rateLimited(1));
    const sub = await subscribe(h.store, 'C1');

    const outcome = await deliverDigest(h.deps(), sub, MONDAY_0905);

    expect(outcome.kind).toBe('posted');
    expect(h.sleeps).toEqual([1000]);
    // The 429 was rejected by Slack, so one message exists; the fake records both requests.
    expect(h.posts('C1').length).toBe(2);
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'posted' });
  });

  it('retries 5xx with backoff and records the post', async () => {
    h.fake.answerOnce('chat.postMessage', serverError(500), serverError(500));
    const sub = await subscribe(h.store, 'C1');

    const outcome = await deliverDigest(h.deps(), sub, MONDAY_0905);

    expect(outcome.kind).toBe('posted');
    expect(h.sleeps).toEqual([1000, 2000]);
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'posted' });
  });

  it('after a 5xx, finds the message that landed anyway instead of posting a second one', async () => {
    const sub = await subscribe(h.store, 'C1');
    h.fake.answerOnce('chat.postMessage', serverError(500));
    h.fake.answerOnce(
      'conversations.history',
      ok({ messages: [{ ts: '1700000000.777777', text: 'digest', metadata: { event_type: 'paperboy_digest', event_payload: { channel: 'C1', digest_date: '2026-11-23', paper_ids: 'p1,p2' } } }] }),
    );

    const outcome = await deliverDigest(h.deps(), sub, MONDAY_0905);

    expect(outcome).toMatchObject({ kind: 'posted', messageTs: '1700000000.777777' });
    expect(h.posts('C1')).toHaveLength(1);
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'posted', messageTs: '1700000000.777777' });
  });

  it('channel_not_found pauses the subscription and records the failure', async () => {
    h.fake.answerOnce('chat.postMessage', slackError('channel_not_found'));
    const sub = await subscribe(h.store, 'C1');

    const outcome = await deliverDigest(h.deps(), sub, MONDAY_0905);

    expect(outcome).toEqual({ kind: 'paused', reason: 'channel_not_found' });
    expect((await h.store.getSubscription(TEAM, 'C1'))?.pausedReason).toBe('channel_not_found');
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'failed', messageTs: null });
    expect(h.sleeps).toEqual([]);
  });

  it('a failed post is retried by a later run once the claim is stale', async () => {
    h.fake.answerOnce('chat.postMessage', slackError('invalid_blocks'));
    const sub = await subscribe(h.store, 'C1');

    expect(await deliverDigest(h.deps(), sub, MONDAY_0905)).toEqual({ kind: 'failed', error: 'invalid_blocks' });
    expect((await deliverDigest(h.deps(), sub, new Date(MONDAY_0905.getTime() + MINUTE))).kind).toBe('failed');
    const later = await deliverDigest(h.deps(), sub, new Date(MONDAY_0905.getTime() + 11 * MINUTE));

    expect(later.kind).toBe('posted');
    expect(h.posts('C1')).toHaveLength(2);
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'posted' });
  });

  it('crash between claim and post: a fresh claim blocks, a stale one is taken over and posted once', async () => {
    const sub = await subscribe(h.store, 'C1');
    await h.store.claimDigest(key('C1'), 'dead:1', MONDAY_0905, 10 * MINUTE);

    const meanwhile = await deliverDigest(h.deps({ claimant: 'b:2' }), sub, new Date(MONDAY_0905.getTime() + 5 * MINUTE));
    expect(meanwhile).toEqual({ kind: 'already-done', messageTs: null });
    expect(h.posts()).toHaveLength(0);

    const takeover = await deliverDigest(h.deps({ claimant: 'b:2' }), sub, new Date(MONDAY_0905.getTime() + 11 * MINUTE));

    expect(takeover.kind).toBe('posted');
    expect(h.posts('C1')).toHaveLength(1);
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'posted', claimedBy: 'b:2' });
    // It looked for a predecessor's message from the start of the channel's local day.
    const [history] = h.fake.calls('conversations.history');
    expect(history?.body).toMatchObject({ channel: 'C1', include_all_metadata: 'true', oldest: String(Date.parse('2026-11-22T23:00:00Z') / 1000) + '.000000' });
  });

  it('crash after post but before recording: the takeover finds the message and records it without reposting', async () => {
    const sub = await subscribe(h.store, 'C1');
    await h.store.claimDigest(key('C1'), 'dead:1', MONDAY_0905, 10 * MINUTE);
    h.fake.answerOnce(
      'conversations.history',
      ok({
        messages: [
          { ts: '1700000000.000100', text: 'someone chatting' },
          { ts: '1700000000.000050', text: 'yesterday', metadata: { event_type: 'paperboy_digest', event_payload: { channel: 'C1', digest_date: '2026-11-22' } } },
          { ts: '1700000000.000042', text: 'digest', metadata: { event_type: 'paperboy_digest', event_payload: { channel: 'C1', digest_date: '2026-11-23', paper_ids: 'p1,p2' } } },
        ],
      }),
    );

    const outcome = await deliverDigest(h.deps({ claimant: 'b:2' }), sub, new Date(MONDAY_0905.getTime() + 11 * MINUTE));

    expect(outcome).toEqual({ kind: 'already-done', messageTs: '1700000000.000042' });
    expect(h.posts()).toHaveLength(0);
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'posted', messageTs: '1700000000.000042' });
    expect(await h.store.deliveredPaperIds(TEAM, 'C1')).toEqual(new Set(['p1', 'p2']));
  });

  it('when history cannot be read (missing scope), a takeover still posts rather than dropping the digest', async () => {
    const sub = await subscribe(h.store, 'C1');
    await h.store.claimDigest(key('C1'), 'dead:1', MONDAY_0905, 10 * MINUTE);
    h.fake.answerAlways('conversations.history', slackError('missing_scope'));

    const outcome = await deliverDigest(h.deps({ claimant: 'b:2' }), sub, new Date(MONDAY_0905.getTime() + 11 * MINUTE));

    expect(outcome.kind).toBe('posted');
    expect(h.posts('C1')).toHaveLength(1);
  });

  it('a compose crash after the claim is recorded as failed, not left claimed', async () => {
    const sub = await subscribe(h.store, 'C1');
    const broken = () => {
      throw new Error('index not loaded');
    };

    const outcome = await deliverDigest(h.deps({ compose: broken }), sub, MONDAY_0905);

    expect(outcome).toEqual({ kind: 'failed', error: 'index not loaded' });
    expect(h.posts()).toHaveLength(0);
    expect(await h.store.getDigest(key('C1'))).toMatchObject({ status: 'failed' });
  });

  it('keys the digest by the channel’s local date, not UTC', async () => {
    const sub = await subscribe(h.store, 'C1', { timezone: 'Pacific/Auckland' });

    // 20:00 UTC on the 23rd is already the 24th in Auckland.
    await deliverDigest(h.deps(), sub, new Date('2026-11-23T20:00:00Z'));

    expect(await h.store.getDigest(key('C1', '2026-11-24'))).toMatchObject({ status: 'posted' });
  });
});
