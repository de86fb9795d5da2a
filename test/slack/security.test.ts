/**
 * Hostile requests against the real Bolt app in HTTP mode: forged, tampered, stale and
 * future-dated signatures on every surface are rejected with nothing done; a replayed signed
 * command, action or event (same bytes, same signature, inside the 5-minute window) takes effect
 * once, also when the replay goes to another replica on the same store; and nothing logged while
 * all of this runs contains a token or the signing secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { createLogger } from '../../src/logger.js';
import { createMemoryStore } from '../support/memory-store.js';
import { logSink } from '../support/log-sink.js';
import { serverError, slackError } from '../support/fake-slack.js';
import { interactionBody, postSigned, signRequest, slashCommandBody } from '../support/sign-request.js';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, appHomeOpened, buttonClick, buttonsIn, slashCommand, startHarness, type Harness } from './harness.js';

const store = createMemoryStore();
let a: Harness;
let b: Harness;
beforeAll(async () => {
  // Two replicas of the bot on one store, as behind a load balancer.
  [a, b] = await Promise.all([startHarness({ mode: 'http', store }), startHarness({ mode: 'http', store })]);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** POSTs exactly these bytes with exactly these signature headers (a replay). */
async function send(h: Harness, body: string, headers: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Promise<number> {
  const response = await fetch(h.eventsUrl, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  await response.text();
  return response.status;
}

/** A genuine request whose reply must arrive; anything sent before it has been handled by then. */
async function barrier(h: Harness, id: string): Promise<void> {
  expect((await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand('diffusion', h.fake.responseUrl(id))))).status).toBe(200);
  await h.fake.waitFor((r) => r.kind === 'response' && r.method === id);
  await h.requests.drained(2000);
}

async function searchReply(h: Harness, id: string): Promise<Record<string, unknown>> {
  await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand('diffusion quantization', h.fake.responseUrl(id))));
  return (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
}

describe('signatures', () => {
  it('forged, tampered, stale (> 5 min) and future-dated requests get 401 on every surface, and do nothing', async () => {
    const reply = await searchReply(a, 'sig-setup');
    const save = buttonsIn(reply['blocks']).find((x) => x.button.action_id === ACTION_IDS.save)!;
    a.fake.clear();
    const bodies: [string, string, string][] = [
      ['command', slashCommandBody(slashCommand('saved', a.fake.responseUrl('sig-cmd'))), 'application/x-www-form-urlencoded'],
      ['action', interactionBody(buttonClick(save, a.fake.responseUrl('sig-act'))), 'application/x-www-form-urlencoded'],
      ['event', JSON.stringify(appHomeOpened('EvSig')), 'application/json'],
    ];
    const checked: string[] = [];
    for (const [surface, body, type] of bodies) {
      const variants: [string, Record<string, string>][] = [
        ['forged (another secret)', { ...signRequest('not-the-signing-secret', body) }],
        ['tampered (signed for other bytes)', { ...signRequest(SIGNING_SECRET, `${body}&x=1`) }],
        ['stale (6 min old)', { ...signRequest(SIGNING_SECRET, body, nowSeconds() - 6 * 60) }],
        ['future (6 min ahead)', { ...signRequest(SIGNING_SECRET, body, nowSeconds() + 6 * 60) }],
      ];
      for (const [name, headers] of variants) {
        expect(await send(a, body, headers, type), `${surface} ${name}`).toBe(401);
        checked.push(`${surface}/${name}`);
      }
    }
    await barrier(a, 'sig-barrier');
    console.log(`signature checks: ${checked.length} rejected with 401 (${checked.join(', ')})`);
    expect(a.fake.requests.map((r) => `${r.kind}:${r.method}`)).toEqual(['response:sig-barrier']);
    expect(await store.listSaves('T0TEAM', 'U0USER')).toEqual([]);
  });
});

describe('replays inside the 5-minute window take effect once', () => {
  it('a slash command replayed (also concurrently, also to the other replica) is answered once', async () => {
    const body = slashCommandBody(slashCommand('diffusion', a.fake.responseUrl('replay-cmd')));
    const headers = { ...signRequest(SIGNING_SECRET, body) };
    const statuses = await Promise.all([send(a, body, headers), send(a, body, headers), send(b, body, headers)]);
    expect(statuses).toEqual([200, 200, 200]);
    await send(b, body, headers);
    await barrier(a, 'replay-cmd-barrier-a');
    await barrier(b, 'replay-cmd-barrier-b');
    const replies = [...a.fake.responses(), ...b.fake.responses()].filter((r) => r.method === 'replay-cmd');
    console.log(`replayed command: sent 4 times, answered ${replies.length} time(s)`);
    expect(replies).toHaveLength(1);
  });

  it('the same command typed again (a new signed request) is answered again', async () => {
    const fields = slashCommand('diffusion', a.fake.responseUrl('again'));
    const body = slashCommandBody(fields);
    expect(await send(a, body, { ...signRequest(SIGNING_SECRET, body, nowSeconds() - 1) })).toBe(200);
    expect(await send(a, body, { ...signRequest(SIGNING_SECRET, body, nowSeconds()) })).toBe(200);
    await barrier(a, 'again-barrier');
    expect(a.fake.responses().filter((r) => r.method === 'again')).toHaveLength(2);
  });

  it('a Save click replayed saves once and replies once', async () => {
    const reply = await searchReply(a, 'replay-act-setup');
    const save = buttonsIn(reply['blocks']).find((x) => x.button.action_id === ACTION_IDS.save)!;
    const body = interactionBody(buttonClick(save, a.fake.responseUrl('replay-act')));
    const headers = { ...signRequest(SIGNING_SECRET, body) };
    await Promise.all([send(a, body, headers), send(a, body, headers), send(b, body, headers)]);
    await barrier(a, 'replay-act-barrier-a');
    await barrier(b, 'replay-act-barrier-b');
    const replies = [...a.fake.responses(), ...b.fake.responses()].filter((r) => r.method === 'replay-act');
    const saves = await store.listSaves('T0TEAM', 'U0USER');
    console.log(`replayed Save click: sent 3 times, ${replies.length} reply, ${saves.length} saved paper`);
    expect(replies).toHaveLength(1);
    expect(saves).toEqual([save.button.value]);
  });

  it('an event replayed publishes once (and Slack’s own retries, newly signed, are deduplicated by event id)', async () => {
    const body = JSON.stringify(appHomeOpened('EvReplay', 'U0REPLAY'));
    const headers = { ...signRequest(SIGNING_SECRET, body) };
    await Promise.all([send(a, body, headers, 'application/json'), send(b, body, headers, 'application/json')]);
    await postSigned(b.eventsUrl, SIGNING_SECRET, body, { contentType: 'application/json', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }, nowSeconds: nowSeconds() + 1 });
    await barrier(a, 'replay-ev-barrier-a');
    await barrier(b, 'replay-ev-barrier-b');
    const publishes = [...a.fake.calls('views.publish'), ...b.fake.calls('views.publish')].filter((r) => r.body['user_id'] === 'U0REPLAY');
    expect(publishes).toHaveLength(1);
  });

  it('replays are logged as such and counted, without the request body', () => {
    const lines = [...a.logs.lines(), ...b.logs.lines()].filter((l) => l['msg'] === 'replayed request ignored (this signed request was already handled)');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(lines)).not.toMatch(/response_url|trigger_id/);
  });
});

describe('secrets in logs', () => {
  it('nothing logged by either replica during all of the above, plus Slack failures, contains a token or the secret', async () => {
    // Failure paths, where request options and errors get logged.
    a.fake.answerOnce('chat.postMessage', serverError(500));
    a.fake.answerOnce('views.publish', slackError('invalid_auth'));
    const reply = await searchReply(a, 'fail-setup');
    const share = buttonsIn(reply['blocks']).find((x) => x.button.action_id === ACTION_IDS.share)!;
    await postSigned(a.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(share, a.fake.responseUrl('fail-share'))));
    await a.fake.waitFor((r) => r.kind === 'response' && r.method === 'fail-share');
    await postSigned(a.eventsUrl, SIGNING_SECRET, JSON.stringify(appHomeOpened('EvFail', 'U0FAIL')), { contentType: 'application/json' });
    await barrier(a, 'fail-barrier');
    const everything = a.logs.raw() + b.logs.raw();
    const lines = everything.split('\n').filter(Boolean).length;
    console.log(`secrets check: ${lines} log lines, ${everything.length} characters searched for 3 secrets`);
    expect(lines).toBeGreaterThan(30);
    for (const secret of [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/xox[bpa]-|xapp-/);
  });

  it('the scrubber catches secrets where no redact path looks: inside messages and error text', () => {
    const { stream, sink } = logSink();
    const logger = createLogger({ level: 'debug', pretty: false, destination: stream, secrets: [BOT_TOKEN, SIGNING_SECRET, 'db-password-123'] });
    logger.error({ err: new Error(`request with ${BOT_TOKEN} failed`) }, `auth header Bearer ${BOT_TOKEN}`);
    logger.warn({ detail: { nested: { deeper: { value: `secret=${SIGNING_SECRET}` } } } }, 'x');
    logger.info(`postgres://paperboy:db-password-123@db/paperboy and a user token xoxp-1234-5678-abcd`);
    const raw = sink.raw();
    expect(raw).not.toContain(BOT_TOKEN);
    expect(raw).not.toContain(SIGNING_SECRET);
    expect(raw).not.toContain('db-password-123');
    expect(raw).not.toContain('xoxp-1234');
    expect(raw.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(5);
  });
});
