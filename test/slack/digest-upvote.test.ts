/**
 * The digest's Upvote button through the bot as main.ts creates it (createPaperboy) over HTTP: a
 * signed block_actions request in, the vote stored, the voter's ephemeral answer at the fake
 * response_url.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIGEST_ACTION_IDS } from '../../src/core/blocks/digest-action-ids.js';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndex } from '../../src/core/search/search-index.js';
import type { Store } from '../../src/store/store.js';
import { createMemoryStore } from '../support/memory-store.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { SIGNING_SECRET, startPaperboy, type Harness } from './harness.js';

const NOW = new Date('2026-11-23T08:00:00Z');
// One paper in the index: the title carries markup the reply must escape.
const PAPER: Paper = { id: 'p-diff', title: 'Fast <Diffusion> & *Friends*', abstract: 'Diffusion models, fast.', searchAliases: '', listedOn: null, sources: [], codeLinks: [], otherLinks: [], sourceUpvotes: null };

let h: Harness;
let url: string;
const votes: { teamId: string; paperId: string; userId: string; at: Date }[] = [];

beforeAll(async () => {
  const memory = createMemoryStore();
  // The votes the store counted, in order, as the store itself answered (true: a new vote).
  const store: Store = {
    ...memory,
    addVote: async (teamId, paperId, userId, at) => {
      const isNew = await memory.addVote(teamId, paperId, userId, at);
      if (isNew) votes.push({ teamId, paperId, userId, at });
      return isNew;
    },
  };
  h = await startPaperboy({}, { store, clock: () => NOW, searchIndex: buildSearchIndex([PAPER]) });
  url = h.eventsUrl;
});
afterAll(async () => {
  await h.close();
});

const click = (value: string, user: string, responseId: string) => ({
  type: 'block_actions',
  user: { id: user, username: user, name: user, team_id: 'T0TEAM' },
  api_app_id: 'A0APP',
  token: 'x',
  container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0CHAN', is_ephemeral: false },
  trigger_id: '1.2.3',
  team: { id: 'T0TEAM', domain: 'lab' },
  channel: { id: 'C0CHAN', name: 'ml-papers' },
  response_url: h.fake.responseUrl(responseId),
  actions: [{ type: 'button', action_id: DIGEST_ACTION_IDS.upvote, block_id: 'digest_actions_1_p-diff', value, action_ts: '1700000001.0002' }],
});

async function clickAndWait(value: string, user: string, responseId: string) {
  const result = await postSigned(url, SIGNING_SECRET, interactionBody(click(value, user, responseId)));
  expect(result.status).toBe(200);
  return h.fake.waitFor((r) => r.kind === 'response' && r.method === responseId);
}

it('stores one vote per person and answers only the voter', async () => {
  const first = await clickAndWait(PAPER.id, 'U1', 'first');
  expect(first.body['response_type']).toBe('ephemeral');
  expect(first.body['replace_original']).toBe(false);
  // The title's own asterisks come back as they are (no look-alikes), so it is not wrapped in bold markers.
  expect(String(first.body['text'])).toContain('Upvoted Fast &lt;Diffusion&gt; &amp; *Friends*.');

  const again = await clickAndWait(PAPER.id, 'U1', 'again');
  expect(String(again.body['text'])).toContain('already upvoted');
  await clickAndWait(PAPER.id, 'U2', 'other');

  expect(votes).toEqual([
    { teamId: 'T0TEAM', paperId: PAPER.id, userId: 'U1', at: NOW },
    { teamId: 'T0TEAM', paperId: PAPER.id, userId: 'U2', at: NOW },
  ]);
});

it('counts nothing for a paper no longer in the corpus', async () => {
  const before = votes.length;
  const reply = await clickAndWait('gone', 'U3', 'gone');
  expect(String(reply.body['text'])).toContain('no longer in the corpus');
  expect(votes).toHaveLength(before);
});
