import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/web-api';
import { createDigestClient, postDigestMessage, type DigestMessage } from '../../src/digest/slack-poster.js';
import { rateLimited, serverError, slackError, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { silentLogger } from './digest-harness.js';

const message: DigestMessage = {
  channel: 'C1',
  text: 'Trending papers',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Trending papers' } }],
  metadata: { event_type: 'paperboy_digest', event_payload: { channel: 'C1', digest_date: '2026-11-23' } },
};

describe('postDigestMessage against the fake Slack Web API', () => {
  let fake: FakeSlack;
  let sleeps: number[];
  const options = (extra: { maxAttempts?: number; findPosted?: () => Promise<string | null> } = {}) => ({
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    maxAttempts: extra.maxAttempts ?? 4,
    logger: silentLogger,
    ...(extra.findPosted ? { findPosted: extra.findPosted } : {}),
  });

  beforeEach(async () => {
    fake = await startFakeSlack();
    sleeps = [];
  });
  afterEach(async () => {
    await fake.close();
  });

  it('posts text, blocks and metadata in one request', async () => {
    const client = createDigestClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });
    const result = await postDigestMessage(client, message, options());

    expect(result.ok).toBe(true);
    const [post, ...more] = fake.calls('chat.postMessage');
    expect(more).toHaveLength(0);
    expect(post?.body).toMatchObject({
      channel: 'C1',
      text: 'Trending papers',
      metadata: { event_type: 'paperboy_digest', event_payload: { digest_date: '2026-11-23' } },
    });
    expect(post?.body['blocks']).toEqual(message.blocks);
    expect(post?.token).toBe('xoxb-test');
  });

  it('waits as long as Retry-After says on a 429, then posts', async () => {
    fake.answerOnce('chat.postMessage', rateLimited(1));
    const client = createDigestClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });

    const result = await postDigestMessage(client, message, options());

    expect(result).toMatchObject({ ok: true });
    expect(sleeps).toEqual([1000]);
    expect(fake.calls('chat.postMessage')).toHaveLength(2);
  });

  it('backs off exponentially on 5xx and posts when Slack recovers', async () => {
    fake.answerOnce('chat.postMessage', serverError(500), serverError(503));
    const client = createDigestClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });

    const result = await postDigestMessage(client, message, options());

    expect(result).toMatchObject({ ok: true });
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('gives up as failed after maxAttempts', async () => {
    fake.answerAlways('chat.postMessage', serverError(502));
    const client = createDigestClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });

    const result = await postDigestMessage(client, message, options({ maxAttempts: 3 }));

    expect(result).toEqual({ ok: false, kind: 'failed', error: 'http_502' });
    expect(fake.calls('chat.postMessage')).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('does not repost when the message turns out to have landed despite a 5xx', async () => {
    fake.answerOnce('chat.postMessage', serverError(500));
    const client = createDigestClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });

    const result = await postDigestMessage(client, message, options({ findPosted: async () => '1700000000.424242' }));

    expect(result).toEqual({ ok: true, ts: '1700000000.424242' });
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive'])('%s means the channel is unavailable, without retrying', async (code) => {
    fake.answerOnce('chat.postMessage', slackError(code));
    const client = createDigestClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });

    const result = await postDigestMessage(client, message, options());

    expect(result).toEqual({ ok: false, kind: 'channel-unavailable', error: code });
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('fails other platform errors without retrying', async () => {
    fake.answerOnce('chat.postMessage', slackError('invalid_blocks'));
    const client = createDigestClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });

    const result = await postDigestMessage(client, message, options());

    expect(result).toEqual({ ok: false, kind: 'failed', error: 'invalid_blocks' });
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
  });

  it('retries request errors (Slack unreachable) with backoff, then fails', async () => {
    const url = fake.apiUrl;
    await fake.close();
    fake = await startFakeSlack(); // keeps afterEach happy; the client below points at the closed one
    const client = createDigestClient('xoxb-test', { slackApiUrl: url, logLevel: LogLevel.ERROR });

    const result = await postDigestMessage(client, message, options({ maxAttempts: 2 }));

    expect(result).toEqual({ ok: false, kind: 'failed', error: 'request_error' });
    expect(sleeps).toEqual([1000]);
  });
});
