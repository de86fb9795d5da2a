/**
 * Votes as users cast them, over signed HTTP against the real Bolt app, a real SQLite store and
 * the fake Slack: Upvote under ephemeral results redraws the page through response_url with the
 * new count, Upvote in a channel digest updates the message (chat.update), pressing again takes the
 * vote back, and one click delivered twice toggles once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { renderDigestMessage } from '../../src/core/blocks/digest-message.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import { renderSharedPaper } from '../../src/core/blocks/render-shared-paper.js';
import type { DigestItem } from '../../src/core/digest/select-digest.js';
import { allPapers } from '../../src/core/search/search-index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, seedIndex, sendCommand, startHarness, type Harness } from './harness.js';

let h: Harness;
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  h = await startHarness({ mode: 'http', store });
});
afterAll(async () => {
  await h.close();
  await store.close();
});

const voteButtons = (blocks: unknown) => buttonsIn(blocks).filter((b) => b.button.action_id === ACTION_IDS.vote);

let clicks = 0;
/** Clicks a button as `user`; `actionTs` repeats a delivery of the same click. */
async function click(target: ReturnType<typeof buttonsIn>[number], responseId: string, options: { user?: string; actionTs?: string; message?: Record<string, unknown> } = {}): Promise<void> {
  const payload = buttonClick(target, h.fake.responseUrl(responseId)) as Record<string, unknown>;
  const action = (payload['actions'] as Record<string, unknown>[])[0]!;
  action['action_ts'] = options.actionTs ?? `1700000100.${String(++clicks).padStart(6, '0')}`;
  if (options.user) payload['user'] = { id: options.user, username: options.user, name: options.user, team_id: 'T0TEAM' };
  if (options.message) {
    payload['container'] = { type: 'message', message_ts: options.message['ts'], channel_id: 'C0CHAN', is_ephemeral: false };
    payload['message'] = options.message;
  }
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(payload));
  expect(response.status).toBe(200);
}

describe('Upvote under search results', () => {
  it('toggles the vote and redraws the page in place with the count; again takes it back', async () => {
    const results = await sendCommand(h, 'diffusion', 'search');
    const buttons = voteButtons(results['blocks']);
    expect(buttons).toHaveLength(5);
    expect(buttons[0]!.button.text.text).toBe(':arrow_up: Upvote');

    await click(buttons[0]!, 'vote-1');
    const redrawn = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'vote-1')).body;
    expect(redrawn).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    const after = voteButtons(redrawn['blocks']);
    expect(after.map((b) => b.button.value)).toEqual(buttons.map((b) => b.button.value));
    expect(after[0]!.button.text.text).toBe(':arrow_up: Upvote · 1');
    expect(after[1]!.button.text.text).toBe(':arrow_up: Upvote');
    expect(findLimitViolations(redrawn as { text: string; blocks: unknown[] })).toEqual([]);

    await click(after[0]!, 'vote-2', { user: 'U0BOB' });
    const two = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'vote-2')).body;
    expect(voteButtons(two['blocks'])[0]!.button.text.text).toBe(':arrow_up: Upvote · 2');

    await click(after[0]!, 'vote-3');
    const back = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'vote-3')).body;
    expect(voteButtons(back['blocks'])[0]!.button.text.text).toBe(':arrow_up: Upvote · 1');

    // A fresh search shows the stored count too.
    const again = await sendCommand(h, 'diffusion', 'search-again');
    expect(voteButtons(again['blocks'])[0]!.button.text.text).toBe(':arrow_up: Upvote · 1');
  });

  it('one signed click delivered twice toggles once', async () => {
    const results = await sendCommand(h, 'quantization', 'search-q');
    const target = voteButtons(results['blocks'])[0]!;
    const payload = buttonClick(target, h.fake.responseUrl('dup-1'));
    const body = interactionBody(payload);
    const nowSeconds = Math.floor(Date.now() / 1000);
    expect((await postSigned(h.eventsUrl, SIGNING_SECRET, body, { nowSeconds })).status).toBe(200);
    await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'dup-1');
    expect((await postSigned(h.eventsUrl, SIGNING_SECRET, body, { nowSeconds })).status).toBe(200);
    await click(target, 'dup-3', { user: 'U0CAROL' });
    const third = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'dup-3')).body;
    // Had the second delivery toggled, U0USER's vote would be gone and the count 1.
    expect(voteButtons(third['blocks'])[0]!.button.text.text).toBe(':arrow_up: Upvote · 2');
    expect(h.fake.calls('dup-1', 'response')).toHaveLength(1);
  });
});

describe('Upvote in a channel message', () => {
  it('a digest paper: chat.update carries the same message with that paper\'s count changed', async () => {
    const papers = allPapers(await seedIndex()).slice(0, 3);
    const items: DigestItem[] = papers.map((paper, i) => ({
      paper,
      score: 1 - i / 10,
      relevance: 0,
      trending: { votes: 0, voteCount: 0, sourceUpvotes: 0, recency: 0, listedDaysAgo: null, total: 0 },
      matches: [],
      centrality: null,
      centralTo: null,
    }));
    const digest = renderDigestMessage({ selection: { topics: [], items }, digestDate: '2026-03-14', schedule: null });
    const message = { type: 'message', ts: '1700000300.000100', text: digest.text, blocks: digest.blocks };
    const target = voteButtons(digest.blocks)[1]!;
    h.fake.clear();
    await click(target, 'digest-vote', { message });
    const update = await h.fake.waitFor((r) => r.kind === 'api' && r.method === 'chat.update');
    expect(update.body).toMatchObject({ channel: 'C0CHAN', ts: '1700000300.000100', text: digest.text });
    const updated = voteButtons(update.body['blocks']);
    expect(updated.map((b) => b.button.text.text)).toEqual([':arrow_up: Upvote', ':arrow_up: Upvote · 1', ':arrow_up: Upvote']);
    // Everything but that label is as it was.
    expect(JSON.stringify(update.body['blocks']).replace(':arrow_up: Upvote · 1', ':arrow_up: Upvote')).toBe(JSON.stringify(digest.blocks));
    expect(h.fake.responses()).toEqual([]);

    await click(target, 'digest-unvote', { message: { ...message, blocks: update.body['blocks'] } });
    await h.fake.waitFor((r) => r.kind === 'api' && r.method === 'chat.update' && r !== update);
    const second = h.fake.calls('chat.update')[1]!;
    expect(voteButtons(second.body['blocks'])[1]!.button.text.text).toBe(':arrow_up: Upvote');
    expect(await store.voteCounts('T0TEAM', [papers[1]!.id])).toEqual(new Map());
  });

  it('a shared paper carries Upvote and Save, and its vote updates the post', async () => {
    const paper = allPapers(await seedIndex())[7]!;
    const shared = renderSharedPaper(paper, 'U0USER', 0);
    const target = voteButtons(shared.blocks)[0]!;
    expect(buttonsIn(shared.blocks).map((b) => b.button.action_id)).toEqual([ACTION_IDS.vote, ACTION_IDS.save]);
    h.fake.clear();
    await click(target, 'share-vote', { message: { type: 'message', ts: '1700000400.000100', text: shared.text, blocks: shared.blocks } });
    const update = await h.fake.waitFor((r) => r.kind === 'api' && r.method === 'chat.update');
    expect(voteButtons(update.body['blocks'])[0]!.button.text.text).toBe(':arrow_up: Upvote · 1');
  });
});
