import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rateLimited, slackError, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { signRequest } from './sign-request.js';
import { createHmac } from 'node:crypto';

describe('fake Slack server', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('records Web API calls made by the real WebClient, with token and parsed blocks', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl });
    const result = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });
    expect(result.ok).toBe(true);
    expect(result.ts).toMatch(/^\d+\.\d+$/);
    const [call] = fake.calls('chat.postMessage');
    expect(call?.token).toBe('xoxb-test');
    expect(call?.body).toMatchObject({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });
  });

  it('answers scripted errors once, then falls back to the default', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    fake.answerOnce('chat.postMessage', slackError('not_in_channel'));
    await expect(client.chat.postMessage({ channel: 'C1', text: 'a' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'b' })).resolves.toMatchObject({ ok: true });
  });

  it('sends 429 with Retry-After, which WebClient honours before retrying', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 1, factor: 1, minTimeout: 1, maxTimeout: 1 } });
    fake.answerOnce('chat.postMessage', rateLimited(0));
    await client.chat.postMessage({ channel: 'C1', text: 'a' });
    expect(fake.calls('chat.postMessage')).toHaveLength(2);
  });

  it('records response_url posts and resolves waitFor on arrival', async () => {
    const url = fake.responseUrl('cmd-1');
    const waiting = fake.waitFor((r) => r.kind === 'response' && r.method === 'cmd-1');
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x' }) });
    expect((await waiting).body).toEqual({ text: 'x' });
    await expect(fake.waitFor((r) => r.method === 'never', 50)).rejects.toThrow(/no matching request/);
  });
});

describe('signRequest', () => {
  it('signs v0:timestamp:body with HMAC-SHA256', () => {
    const headers = signRequest('secret', 'a=b', 1_700_000_000);
    const expected = createHmac('sha256', 'secret').update('v0:1700000000:a=b').digest('hex');
    expect(headers).toEqual({ 'x-slack-signature': `v0=${expected}`, 'x-slack-request-timestamp': '1700000000' });
  });
});
