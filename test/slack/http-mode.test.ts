/**
 * End to end as Slack does it: the real Bolt app in HTTP mode on 127.0.0.1, requests signed with
 * the v0 scheme, and a fake Slack that records what the app sends back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import type { SubcommandHandler } from '../../src/slack/subcommands/subcommand.js';
import { decodeSlackEntities } from '../../src/core/search/slack-command-text.js';
import { serverError, slackError } from '../support/fake-slack.js';
import { interactionBody, postSigned, slashCommandBody } from '../support/sign-request.js';
import {
  BOT_TOKEN,
  SIGNING_SECRET,
  appHomeOpened,
  buttonClick,
  buttonsIn,
  slashCommand,
  startHarness,
  visibleText,
  type Harness,
} from './harness.js';

const DIFFUSION_QUANTIZATION_PAPERS = [
  'EfficientDM: Efficient Quantization-Aware Fine-Tuning of Low-Bit Diffusion Models',
  'Low-Bitwidth Floating Point Quantization for Efficient High-Quality Diffusion Models',
  'Efficient Quantization Strategies for Latent Diffusion Models',
  'Effective Quantization for Diffusion Models on CPUs',
  'Post-training Quantization on Diffusion Models',
  'Improved Vector Quantized Diffusion Models',
];

const subscribed: string[] = [];
const subcommands: Record<string, SubcommandHandler> = {
  // Stands in for an issue-4 handler: proves extra subcommands plug in and get the parsed args.
  subscribe: async ({ args, command, respond, now }) => {
    subscribed.push(`${command.channel_id}:${args}:${now.toISOString()}`);
    await respond({ response_type: 'ephemeral', text: `Subscribed to ${args}` });
  },
  explode: async () => {
    throw new Error('handler blew up');
  },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http', subcommands });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.fake.clear();
});

async function command(text: string, id: string): Promise<Record<string, unknown>> {
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id))));
  expect(response.status).toBe(200);
  // ack() with nothing: Slack shows no extra message, the reply comes through response_url.
  expect(response.text).toBe('');
  const reply = await h.fake.waitFor((r) => r.kind === 'response' && r.method === id);
  return reply.body;
}

async function click(blocks: unknown, actionId: string, index: number, id: string): Promise<void> {
  const target = buttonsIn(blocks).filter((b) => b.button.action_id === actionId)[index];
  expect(target, `button ${actionId}[${index}]`).toBeDefined();
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(target!, h.fake.responseUrl(id))));
  expect(response.status).toBe(200);
}

describe('/papers over HTTP', () => {
  it('answers `/papers diffusion quantization` with the top papers, ephemeral, within limits', async () => {
    const reply = await command('diffusion quantization', 'search');
    expect(reply['response_type']).toBe('ephemeral');
    const shown = visibleText(reply['blocks']);
    const found = DIFFUSION_QUANTIZATION_PAPERS.filter((title) => shown.includes(title));
    expect(found.length, shown).toBeGreaterThanOrEqual(3);
    const paperSections = (reply['blocks'] as { block_id?: string }[]).filter((b) => b.block_id?.startsWith('paper_1_'));
    expect(paperSections).toHaveLength(1);
    expect(shown).toMatch(/\*[Dd]iffusion\*|\*[Qq]uantization\*/);
    expect(findLimitViolations(reply as { text: string; blocks: unknown[] })).toEqual([]);
    expect(buttonsIn(reply['blocks']).map((b) => b.button.action_id)).toEqual(
      expect.arrayContaining([ACTION_IDS.nextPage, ACTION_IDS.share, ACTION_IDS.moreLikeThis]),
    );
  });

  it('"Next 5" replaces the message with the next page', async () => {
    const first = await command('diffusion quantization', 'page1');
    await click(first['blocks'], ACTION_IDS.nextPage, 0, 'page2');
    const second = (await h.fake.waitFor((r) => r.method === 'page2')).body;
    expect(second['replace_original']).toBe(true);
    expect(visibleText(second['blocks'])).toMatch(/\(6–10 of \d+\)/);
    const ids = (blocks: unknown) => buttonsIn(blocks).filter((b) => b.button.action_id === ACTION_IDS.share).map((b) => b.button.value);
    expect(ids(second['blocks'])).toHaveLength(5);
    expect(ids(second['blocks']).filter((id) => ids(first['blocks']).includes(id))).toEqual([]);
  });

  it('"Share to channel" posts the paper visibly, credited to the user', async () => {
    const results = await command('diffusion quantization', 'share-search');
    const shareButton = buttonsIn(results['blocks']).find((b) => b.button.action_id === ACTION_IDS.share)!;
    await click(results['blocks'], ACTION_IDS.share, 0, 'share');
    const post = await h.fake.waitFor((r) => r.method === 'chat.postMessage');
    expect(post.token).toBe(BOT_TOKEN);
    expect(post.body['channel']).toBe('C0CHAN');
    expect(String(post.body['text'])).toContain('<@U0USER>');
    expect(visibleText(post.body['blocks'])).toContain('Shared by <@U0USER>');
    const sharedTitle = (post.body['blocks'] as { type: string; text: { text: string } }[])[0]!.text.text;
    expect(visibleText(results['blocks'])).toContain(sharedTitle.replace(/…$/, ''));
    expect(shareButton.button.value).toBeTruthy();
    const confirmation = await h.fake.waitFor((r) => r.method === 'share');
    expect(confirmation.body['text']).toContain('<#C0CHAN>');
  });

  it('a channel the bot is not in gets a friendly "invite me" message, nothing else', async () => {
    const results = await command('diffusion quantization', 'share2-search');
    h.fake.answerOnce('chat.postMessage', slackError('not_in_channel'));
    await click(results['blocks'], ACTION_IDS.share, 1, 'share2');
    const reply = await h.fake.waitFor((r) => r.method === 'share2');
    expect(String(reply.body['text'])).toContain('/invite @paperboy');
    expect(h.fake.calls('chat.postMessage')).toHaveLength(1);
  });

  it('Slack failing with a 500 is logged and the user is told, not left in silence', async () => {
    const results = await command('diffusion quantization', 'share500-search');
    h.fake.answerOnce('chat.postMessage', serverError(500));
    await click(results['blocks'], ACTION_IDS.share, 0, 'share500');
    const reply = await h.fake.waitFor((r) => r.method === 'share500');
    expect(String(reply.body['text'])).toMatch(/Something went wrong/);
    expect(h.logs.lines().some((l) => l['msg'] === 'listener failed' && l['actionId'] === ACTION_IDS.share)).toBe(true);
  });

  it('"More like this" sends papers similar to the chosen one', async () => {
    const results = await command('diffusion quantization', 'mlt-search');
    await click(results['blocks'], ACTION_IDS.moreLikeThis, 0, 'mlt');
    const reply = (await h.fake.waitFor((r) => r.method === 'mlt')).body;
    expect(reply['replace_original']).toBe(false);
    const heading = (reply['blocks'] as { text?: { text: string } }[])[0]?.text?.text ?? '';
    expect(heading).toMatch(/^Papers like \*.+\* \(1–5 of \d+\)$/);
    expect(visibleText(reply['blocks'])).not.toMatch(/Papers for papers like/);
    expect(String(reply['text'])).toMatch(/^Papers like "/);
    expect(buttonsIn(reply['blocks']).filter((b) => b.button.action_id === ACTION_IDS.share).length).toBeGreaterThan(0);
    expect(findLimitViolations(reply as { text: string; blocks: unknown[] })).toEqual([]);
  });

  it('`/papers` and `/papers help` show usage for every subcommand', async () => {
    for (const [text, id] of [['', 'help-empty'], ['help', 'help-word'], ['  HELP  ', 'help-upper']] as const) {
      const reply = await command(text, id);
      const shown = decodeSlackEntities(visibleText(reply['blocks']));
      for (const usage of ['/papers <query>', '/papers subscribe <topics>', '/papers unsubscribe [topic]', '/papers subscriptions', '/papers digest now']) {
        expect(shown).toContain(usage);
      }
    }
  });

  it('a query with nothing to search for says what it was: no words, only exclusions, or only common words', async () => {
    const cases: [string, RegExp][] = [
      ['-', /no words in it \(only punctuation, symbols or emoji\)/],
      ['---', /no words in it/],
      ['🚀🔥', /no words in it/],
      ['-diffusion -video', /only excludes words \(-diffusion -video\)/],
      ['the of and', /only very common words/],
    ];
    for (const [text, expected] of cases) {
      const reply = await command(text, `nothing-${cases.findIndex(([t]) => t === text)}`);
      const shown = visibleText(reply['blocks']);
      expect(shown, text).toMatch(expected);
      expect(String(reply['text']), text).toMatch(expected);
      if (!/common words/.test(expected.source)) expect(shown, text).not.toContain('very common words');
      expect(decodeSlackEntities(shown), text).toContain('/papers <query>');
      expect(findLimitViolations(reply as { text: string; blocks: unknown[] })).toEqual([]);
    }
  });

  it('an all-stop-word query gets help, not an error', async () => {
    const reply = await command('the of and', 'stop-words');
    expect(decodeSlackEntities(visibleText(reply['blocks']))).toContain('/papers <query>');
  });

  it('a query with no match says so', async () => {
    const reply = await command('zzxqv qqzzx', 'no-match');
    expect(String(reply['text'])).toMatch(/No papers match/);
  });

  it('extra subcommands plug in through deps.subcommands and get the rest of the text', async () => {
    const reply = await command('subscribe diffusion, quantization', 'subscribe');
    expect(reply['text']).toBe('Subscribed to diffusion, quantization');
    expect(subscribed).toContain('C0CHAN:diffusion, quantization:2026-03-14T09:00:00.000Z');
  });

  it('a subcommand that is not installed says so instead of searching for its name', async () => {
    const reply = await command('digest now', 'digest');
    expect(String(reply['text'])).toContain('`/papers digest` is not available');
  });

  it('a failing handler is logged once and the user is told, by the one global error handler', async () => {
    const reply = await command('explode', 'explode');
    expect(String(reply['text'])).toMatch(/Something went wrong/);
    const failures = h.logs.lines().filter((l) => JSON.stringify(l).includes('handler blew up'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ msg: 'listener failed', command: '/papers', userId: 'U0USER' });
  });
});

describe('request verification', () => {
  it('rejects a bad signature and a stale timestamp with 401, and nothing reaches Slack', async () => {
    const body = slashCommandBody(slashCommand('diffusion', h.fake.responseUrl('forged')));
    const forged = await postSigned(h.eventsUrl, 'wrong-secret', body);
    expect(forged.status).toBe(401);
    const stale = await postSigned(h.eventsUrl, SIGNING_SECRET, body, { nowSeconds: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(h.eventsUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(unsigned.status).toBe(401);
    // Barrier: a genuine request afterwards is answered; by then anything the rejected ones
    // triggered would have arrived first.
    await command('diffusion', 'barrier');
    expect(h.fake.requests.map((r) => `${r.kind}:${r.method}`)).toEqual(['response:barrier']);
  });
});

describe('App Home', () => {
  it('publishes the usage view once per event, even when Slack retries it', async () => {
    // A retry is signed anew, later than the first delivery; signing first deliveries a minute in
    // the past keeps the two signatures distinct (the same signature twice is a replay, dropped
    // before the listener's event-id check this test is about).
    const send = (eventId: string, retry?: number, user?: string) =>
      postSigned(h.eventsUrl, SIGNING_SECRET, JSON.stringify(appHomeOpened(eventId, user)), {
        contentType: 'application/json',
        headers: retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {},
        ...(retry ? {} : { nowSeconds: Math.floor(Date.now() / 1000) - 60 }),
      });
    expect((await send('Ev1')).status).toBe(200);
    const publish = await h.fake.waitFor((r) => r.method === 'views.publish');
    expect(publish.body['user_id']).toBe('U0USER');
    const view = publish.body['view'] as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(decodeSlackEntities(visibleText(view.blocks))).toContain('/papers subscribe <topics>');
    expect((await send('Ev1', 1)).status).toBe(200);
    // Barrier: a new event (another user) is published; the retry sent before it must not be.
    expect((await send('Ev2', undefined, 'U0OTHER')).status).toBe(200);
    await h.fake.waitFor((r) => r.method === 'views.publish' && r.body['user_id'] === 'U0OTHER');
    expect(h.fake.calls('views.publish').filter((r) => r.body['user_id'] === 'U0USER')).toHaveLength(1);
    await expect.poll(() => h.logs.lines().some((l) => l['eventId'] === 'Ev1' && l['msg'] === 'duplicate event ignored')).toBe(true);
  });
});

describe('logs', () => {
  it('never contain the tokens or the signing secret', () => {
    const raw = h.logs.raw();
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toContain(BOT_TOKEN);
    expect(raw).not.toContain(SIGNING_SECRET);
  });
});
