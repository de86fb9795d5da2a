/**
 * End to end as Slack does it: a real Bolt app in HTTP mode on 127.0.0.1, signed
 * `/papers subscribe diffusion, quantization` then `/papers digest now`; the digest must reach the
 * fake Slack's chat.postMessage for that channel and be recorded, and a second `/papers digest now`
 * the same day must not post again.
 *
 * Real: the bot as main.ts creates it (createPaperboy, via the shared harness), over the seed
 * corpus and search index: the subcommand handlers, compose-digest, the renderer, the schedule
 * math and the delivery use case the scheduler runs (claim, compose, post, record). The store is
 * the in-memory Store from test/support (it passes the SQLite and Postgres adapters' contract).
 */
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import type { Paper } from '../../src/core/paper.js';
import { getPaper, type SearchIndex } from '../../src/core/search/search-index.js';
import { createMemoryStore } from '../support/memory-store.js';
import { postSigned, slashCommandBody } from '../support/sign-request.js';
import { BOT_TOKEN, FIXED_NOW, SIGNING_SECRET, seedIndex, slashCommand, startPaperboy, type Harness } from './harness.js';

const TEAM = 'T0TEAM';
const CHANNEL = 'C0CHAN';

let h: Harness;
let index: SearchIndex;
const store = createMemoryStore();
const NOW = FIXED_NOW; // the harness clock: Saturday 2026-03-14 09:00 UTC, 10:00 in Berlin

beforeAll(async () => {
  index = await seedIndex();
  h = await startPaperboy({ DIGEST_DEFAULT_TIMEZONE: 'Europe/Berlin', DIGEST_MAX_PAPERS: '5' }, { store, searchIndex: index, claimant: 'e2e' });
});

afterAll(async () => {
  await h.close();
});

async function slash(text: string, id: string): Promise<Record<string, unknown>> {
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id))));
  expect(response.status).toBe(200);
  return (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
}

type Json = Record<string, any>;

describe('/papers subscribe then /papers digest now', () => {
  it('subscribes the channel after checking the bot can post there', async () => {
    const reply = await slash('subscribe diffusion, quantization', 'subscribe');
    expect(reply['response_type']).toBe('in_channel');
    expect(String(reply['text'])).toContain('papers on *diffusion*, *quantization*');
    expect(h.fake.calls('conversations.info').map((r) => r.body['channel'])).toEqual([CHANNEL]);
    expect(await store.getSubscription(TEAM, CHANNEL)).toMatchObject({ topics: ['diffusion', 'quantization'], time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' });
  });

  it('posts the digest to the channel: dated header, matching papers, upvote buttons, fallback text', async () => {
    const reply = await slash('digest now', 'now1');
    const posts = h.fake.calls('chat.postMessage');
    expect(posts).toHaveLength(1);
    const post = posts[0] as { token: string | null; body: Json };
    expect(post.token).toBe(BOT_TOKEN);
    expect(post.body['channel']).toBe(CHANNEL);
    const blocks = post.body['blocks'] as Json[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Trending papers · Sat 14 Mar' } });
    expect(String(post.body['text'])).toMatch(/^Trending papers · Sat 14 Mar \(diffusion, quantization\):\n1\. /);
    expect(findLimitViolations({ text: String(post.body['text']), blocks })).toEqual([]);

    const allButtons = blocks.filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as Json[]);
    const buttons = allButtons.filter((b) => b['action_id'] === ACTION_IDS.vote);
    expect(buttons).toHaveLength(5);
    // Each paper also carries a Save button for the same paper.
    expect(allButtons.filter((b) => b['action_id'] !== ACTION_IDS.vote).map((b) => b['value'])).toEqual(buttons.map((b) => b['value']));
    for (const button of buttons) {
      const paper = getPaper(index, String(button['value'])) as Paper;
      expect(`${paper.title} ${paper.abstract}`.toLowerCase()).toMatch(/diffusion|quantiz/);
    }

    // Each paper says why it is here, and both topics are represented.
    const whys = blocks.filter((b) => b['type'] === 'section').map((b) => String(b['text'].text).split('\n').find((l) => l.startsWith('_Why:_')) ?? '');
    expect(whys.every((why) => /Matches \*(diffusion|quantization)\*/.test(why))).toBe(true);
    expect(whys.some((why) => why.includes('*diffusion*'))).toBe(true);
    expect(whys.some((why) => why.includes('*quantization*'))).toBe(true);

    const record = await store.getDigest({ teamId: TEAM, channelId: CHANNEL, digestDate: '2026-03-14', topicsKey: 'diffusion\nquantization' });
    expect(record).toMatchObject({ status: 'posted', postedAt: NOW, paperIds: buttons.map((b) => b['value']) });
    expect(record?.messageTs).toMatch(/^\d+\.\d+$/);
    expect(await store.deliveredPaperIds(TEAM, CHANNEL)).toEqual(new Set(buttons.map((b) => b['value'])));
    expect(String(reply['text'])).toContain(`slack.com/archives/${CHANNEL}/p${String(record?.messageTs).replace('.', '')}`);
  });

  it('a second digest now the same day does not post again, and links to the first', async () => {
    const reply = await slash('digest now', 'now2');
    expect(h.fake.calls('chat.postMessage')).toHaveLength(1);
    expect(String(reply['text'])).toContain('already posted');
    const status = await slash('subscriptions', 'status');
    expect(String(status['text'])).toMatch(/Last digest: .*5 papers/);
  });
});
