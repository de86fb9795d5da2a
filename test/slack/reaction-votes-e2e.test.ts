/**
 * Reactions as votes, over signed HTTP against the bot as main.ts creates it (createPaperboy,
 * configured by loadConfig) with a real SQLite store: a paper shared to the channel, then a vote
 * reaction on that post counts as the reacting user's vote, removing it takes the vote back, an
 * event delivered twice counts once, and other reactions or other messages count nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { ok } from '../support/fake-slack.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, reactionEvent, sendCommand, startPaperboy, type Harness } from './harness.js';

let h: Harness;
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  h = await startPaperboy({ PAPERBOY_VOTE_REACTIONS: '+1,fire,rocket' }, { store });
});
afterAll(async () => {
  await h.close();
  await store.close();
});

/**
 * `signedAt` (Unix seconds) sets the request's timestamp. Slack signs each retry anew, later than
 * the first delivery: the test signs the first one in the past so that the two signatures differ
 * whatever second the retry is sent in (the same signature twice is a replay, dropped before any
 * listener runs).
 */
async function send(event: Record<string, unknown>, options: { retry?: number; signedAt?: number } = {}): Promise<void> {
  const { retry, signedAt } = options;
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, JSON.stringify(event), {
    contentType: 'application/json',
    ...(signedAt !== undefined ? { nowSeconds: signedAt } : {}),
    ...(retry ? { headers: { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } } : {}),
  });
  expect(response.status).toBe(200);
}

const handled = (eventId: string) => () => h.logs.lines().some((line) => line['eventId'] === eventId && /reaction vote|duplicate event ignored/.test(String(line['msg'])));

describe('vote reactions on a shared paper', () => {
  const ts = '1700000999.000001';
  let paperId = '';
  const count = async (): Promise<number> => (await store.voteCounts('T0TEAM', [paperId])).get(paperId) ?? 0;

  beforeAll(async () => {
    const results = await sendCommand(h, 'diffusion', 'search');
    const share = buttonsIn(results['blocks']).find((b) => b.button.action_id === ACTION_IDS.share)!;
    paperId = share.button.value!;
    h.fake.answerOnce('chat.postMessage', ok({ channel: 'C0CHAN', ts }));
    await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(share, h.fake.responseUrl('share'))));
    await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'share');
  });

  it('a configured reaction counts as that user\'s vote; removing it takes the vote back', async () => {
    await send(reactionEvent('reaction_added', 'Ev-add-1', { user: 'U0ALICE', reaction: 'fire', ts }));
    await expect.poll(count).toBe(1);
    await send(reactionEvent('reaction_added', 'Ev-add-2', { user: 'U0BOB', reaction: 'rocket', ts }));
    await expect.poll(count).toBe(2);
    await send(reactionEvent('reaction_removed', 'Ev-rm-1', { user: 'U0ALICE', reaction: 'fire', ts }));
    await expect.poll(count).toBe(1);
    expect(await store.userVotes('T0TEAM', 'U0BOB')).toEqual([paperId]);
  });

  it('the same event delivered twice (a Slack retry) counts once', async () => {
    const firstDelivery = Math.floor(Date.now() / 1000) - 60;
    await send(reactionEvent('reaction_added', 'Ev-dup', { user: 'U0CAROL', reaction: '+1', ts }), { signedAt: firstDelivery });
    await expect.poll(count).toBe(2);
    await send(reactionEvent('reaction_removed', 'Ev-carol-rm', { user: 'U0CAROL', reaction: '+1', ts }));
    await expect.poll(count).toBe(1);
    // The retry of the first delivery arrives after the removal: it must not add the vote again.
    await send(reactionEvent('reaction_added', 'Ev-dup', { user: 'U0CAROL', reaction: '+1', ts }), { retry: 1 });
    await expect.poll(() => h.logs.lines().some((l) => l['eventId'] === 'Ev-dup' && l['msg'] === 'duplicate event ignored')).toBe(true);
    expect(await count()).toBe(1);
  });

  it('other reactions, and reactions on messages paperboy did not post about a paper, count nothing', async () => {
    await send(reactionEvent('reaction_added', 'Ev-eyes', { user: 'U0DAN', reaction: 'eyes', ts }));
    await send(reactionEvent('reaction_added', 'Ev-elsewhere', { user: 'U0DAN', reaction: 'fire', ts: '1600000000.000001' }));
    await send(reactionEvent('reaction_added', 'Ev-last', { user: 'U0ERIN', reaction: 'fire', ts }));
    await expect.poll(count).toBe(2);
    await expect.poll(handled('Ev-last')).toBe(true);
    expect(await store.userVotes('T0TEAM', 'U0DAN')).toEqual([]);
  });
});
