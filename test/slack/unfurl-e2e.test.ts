/**
 * Link unfurls over signed HTTP against the real Bolt app, a real SQLite store and the fake
 * Slack: every arXiv and Hugging Face link form to a known paper gets a chat.unfurl with its
 * title, authors, abstract, code link and Upvote / Save; a seed paper is found by title through
 * the store's arXiv record; an unknown paper gets nothing and no error; a vote reaction on the
 * message counts; Upvote in the unfurl draws it again with the count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import type { Paper } from '../../src/core/paper.js';
import { allPapers, buildSearchIndex } from '../../src/core/search/search-index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, eventCallback, reactionEvent, seedIndex, startHarness, visibleText, type Harness } from './harness.js';

let h: Harness;
let store: Store;
let seed: Paper;
const INGESTED: Paper = {
  id: 'arxiv-2403.12345',
  title: 'Sparse <Diffusion> Transformers & Friends',
  abstract: `We scale diffusion transformers with sparse attention. ${'Long abstract text. '.repeat(60)}Code: https://github.com/lab/sparse-dit`,
  searchAliases: '',
  listedOn: null,
  sources: [],
  codeLinks: ['https://github.com/lab/sparse-dit'],
  otherLinks: [],
  sourceUpvotes: null,
  arxivId: '2403.12345',
  arxivVersion: 2,
  authors: ['Ada Lovelace', 'Alan Turing'],
  publishedAt: '2024-03-18T17:59:59Z',
  origins: ['arxiv'],
};

beforeAll(async () => {
  const seeds = allPapers(await seedIndex());
  seed = seeds[12]!;
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  // The store's arXiv record of a seed paper, under another id: found by its title.
  await store.upsertPapers([{ ...seed, id: 'stored-record', title: seed.title.toUpperCase(), arxivId: '2401.00001', origins: ['arxiv'] }]);
  h = await startHarness({ mode: 'http', store, searchIndex: buildSearchIndex([...seeds, INGESTED]) });
});
afterAll(async () => {
  await h.close();
  await store.close();
});

let events = 0;
function linkShared(urls: readonly string[], messageTs: string): Record<string, unknown> {
  events++;
  return eventCallback(`Ev-link-${events}`, {
    type: 'link_shared',
    channel: 'C0CHAN',
    user: 'U0USER',
    message_ts: messageTs,
    unfurl_id: `U-${events}`,
    source: 'conversations_history',
    links: urls.map((url) => ({ url, domain: new URL(url).hostname.replace(/^www\./, '') })),
    event_ts: messageTs,
  });
}
async function post(body: Record<string, unknown>): Promise<void> {
  expect((await postSigned(h.eventsUrl, SIGNING_SECRET, JSON.stringify(body), { contentType: 'application/json' })).status).toBe(200);
}

const FORMS = [
  'https://arxiv.org/abs/2403.12345',
  'https://arxiv.org/abs/2403.12345v2',
  'https://arxiv.org/pdf/2403.12345',
  'https://arxiv.org/pdf/2403.12345v2',
  'https://arxiv.org/pdf/2403.12345.pdf',
  'https://arxiv.org/pdf/2403.12345v1.pdf',
  'https://www.arxiv.org/abs/2403.12345',
  'https://huggingface.co/papers/2403.12345',
];

describe('paper link unfurls', () => {
  it.each(FORMS.map((url, i) => [url, i] as const))('%s unfurls with title, authors, abstract, code link and buttons', async (url, i) => {
    const ts = `1700001000.${String(i).padStart(6, '0')}`;
    await post(linkShared([url], ts));
    const call = await h.fake.waitFor((r) => r.method === 'chat.unfurl' && r.body['ts'] === ts);
    expect(call.body['channel']).toBe('C0CHAN');
    const unfurls = call.body['unfurls'] as Record<string, { blocks: unknown[] }>;
    expect(Object.keys(unfurls)).toEqual([url]);
    const { blocks } = unfurls[url]!;
    expect(findLimitViolations({ blocks }, { requireText: false })).toEqual([]);
    const text = visibleText(blocks);
    expect(text).toContain('Sparse &lt;Diffusion&gt; Transformers &amp; Friends');
    expect(text).toContain('Ada Lovelace, Alan Turing');
    expect(text).toContain('Published 2024-03-18');
    expect(text).toContain('We scale diffusion transformers with sparse attention.');
    expect(text).toContain('<https://github.com/lab/sparse-dit|Code>');
    // The abstract is trimmed to its limit: its tail (after 1,200 characters) is not sent.
    expect(text).not.toContain('Code: https://github.com/lab/sparse-dit');
    expect(text.length).toBeLessThan(1000);
    expect(buttonsIn(blocks).map((b) => [b.button.action_id, b.button.value])).toEqual([[ACTION_IDS.vote, INGESTED.id], [ACTION_IDS.save, INGESTED.id]]);
  });

  it('a seed paper (no arXiv id of its own) unfurls through the stored arXiv record of its title', async () => {
    await post(linkShared(['https://arxiv.org/abs/2401.00001v3'], '1700002000.000001'));
    const call = await h.fake.waitFor((r) => r.method === 'chat.unfurl' && r.body['ts'] === '1700002000.000001');
    const blocks = (call.body['unfurls'] as Record<string, { blocks: unknown[] }>)['https://arxiv.org/abs/2401.00001v3']!.blocks;
    expect(buttonsIn(blocks).map((b) => b.button.value)).toEqual([seed.id, seed.id]);
  });

  it('an unknown paper, or a link that is not a paper, gets no unfurl and no error', async () => {
    const before = h.fake.calls('chat.unfurl').length;
    await post(linkShared(['https://arxiv.org/abs/2501.99999', 'https://huggingface.co/papers/not-a-paper', 'https://arxiv.org/list/cs.LG/recent'], '1700003000.000001'));
    await expect.poll(() => h.logs.lines().some((l) => l['msg'] === 'no known paper linked')).toBe(true);
    expect(h.fake.calls('chat.unfurl')).toHaveLength(before);
    expect(h.logs.lines().filter((l) => Number(l['level']) >= 50)).toEqual([]);
  });

  it('a vote reaction on the message counts for the paper; Upvote in the unfurl draws it again with the count', async () => {
    const ts = '1700004000.000001';
    const url = 'https://arxiv.org/abs/2403.12345';
    await post(linkShared([url], ts));
    await h.fake.waitFor((r) => r.method === 'chat.unfurl' && r.body['ts'] === ts);
    await expect.poll(() => store.paperOfMessage('T0TEAM', 'C0CHAN', ts)).toBe(INGESTED.id);
    await post(reactionEvent('reaction_added', 'Ev-unfurl-react', { user: 'U0ALICE', reaction: '+1', ts }));
    await expect.poll(async () => (await store.voteCounts('T0TEAM', [INGESTED.id])).get(INGESTED.id)).toBe(1);

    const unfurl = h.fake.calls('chat.unfurl').find((r) => r.body['ts'] === ts)!;
    const target = buttonsIn((unfurl.body['unfurls'] as Record<string, { blocks: unknown[] }>)[url]!.blocks).find((b) => b.button.action_id === ACTION_IDS.vote)!;
    const payload = buttonClick(target, h.fake.responseUrl('unfurl-vote')) as Record<string, unknown>;
    payload['container'] = { type: 'message_attachment', message_ts: ts, attachment_id: 1, channel_id: 'C0CHAN', is_ephemeral: false, is_app_unfurl: true, app_unfurl_url: url };
    payload['message'] = { type: 'message', ts, text: url, user: 'U0USER' };
    h.fake.clear();
    expect((await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(payload))).status).toBe(200);
    const again = await h.fake.waitFor((r) => r.method === 'chat.unfurl');
    expect(again.body).toMatchObject({ channel: 'C0CHAN', ts });
    const label = buttonsIn((again.body['unfurls'] as Record<string, { blocks: unknown[] }>)[url]!.blocks).find((b) => b.button.action_id === ACTION_IDS.vote)!.button.text.text;
    expect(label).toBe(':arrow_up: Upvote · 2');
  });
});
