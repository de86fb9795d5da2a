/**
 * `/papers <arXiv id or link>` through signed slash commands and clicks on the real Bolt app:
 * over the seed corpus with one paper carrying an arXiv id (as an ingested record merged into its
 * seed listing does), every way of naming it shows that paper first and papers like it after,
 * whatever version is named; an id paperboy does not know is said so, with the link's label
 * offered as a search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import { decodePageRequest } from '../../src/core/blocks/page-value.js';
import type { Paper } from '../../src/core/paper.js';
import { allPapers, buildSearchIndex } from '../../src/core/search/search-index.js';
import { createMemoryStore } from '../support/memory-store.js';
import { findUnsafeStrings } from '../support/slack-safety.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, seedIndex, sendCommand, startHarness, type Harness } from './harness.js';

let h: Harness;
let paper: Paper;
beforeAll(async () => {
  const seeds = allPapers(await seedIndex());
  const seed = seeds.find((p) => /diffusion/i.test(p.title))!;
  paper = { ...seed, arxivId: '2403.12345', arxivVersion: 2 };
  h = await startHarness({ mode: 'http', searchIndex: buildSearchIndex(seeds.map((p) => (p.id === seed.id ? paper : p))) });
});
afterAll(() => h.close());

type Reply = Record<string, unknown>;
/** Paper ids in the order shown (each paper's Save button carries its id). */
const shown = (reply: Reply): string[] => buttonsIn(reply['blocks']).filter((b) => b.button.action_id === ACTION_IDS.save).map((b) => b.button.value!);
const expectSafe = (reply: Reply): void => {
  expect(findUnsafeStrings(reply, { users: ['U0USER'] })).toEqual([]);
  expect(findLimitViolations(reply as { text: string; blocks: unknown[] })).toEqual([]);
};
const click = async (reply: Reply, actionId: string, id: string): Promise<Reply> => {
  const button = buttonsIn(reply['blocks']).find((b) => b.button.action_id === actionId)!;
  expect((await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(button, h.fake.responseUrl(id))))).status).toBe(200);
  return (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
};

describe('/papers <arXiv id or link>', () => {
  it.each([
    ['a bare id', '2403.12345'],
    ['an id with its version and prefix', 'arXiv:2403.12345v1'],
    ['a pasted abs link with another version', 'https://arxiv.org/abs/2403.12345v2'],
    ['a Slack-formatted link with a label', '<https://arxiv.org/abs/2403.12345v3|A paper about diffusion>'],
    ['a Slack-formatted link without one', '<https://arxiv.org/abs/2403.12345>'],
    ['a Hugging Face paper link', '<https://huggingface.co/papers/2403.12345|huggingface.co/papers/2403.12345>'],
    ['a PDF link', 'https://arxiv.org/pdf/2403.12345v2.pdf'],
  ])('%s shows the paper first, then papers like it', async (_, text) => {
    const reply = await sendCommand(h, text, `lookup-${text}`);
    expectSafe(reply);
    expect(String(reply['text'])).toContain('arXiv 2403.12345: the paper, then papers like it.');
    const ids = shown(reply);
    expect(ids[0]).toBe(paper.id);
    expect(ids).toHaveLength(6);
    expect(ids.slice(1)).not.toContain(paper.id);
    // "Next" pages on through the papers like it.
    const next = buttonsIn(reply['blocks']).find((b) => b.button.action_id === ACTION_IDS.nextPage)!;
    expect(decodePageRequest(next.button.value)).toEqual({ kind: 'similar', paperId: paper.id, offset: 5 });
    // An Upvote redraws this very message: it carries the query, not the papers-like page.
    const vote = buttonsIn(reply['blocks']).find((b) => b.button.action_id === ACTION_IDS.vote)!;
    expect(vote.button.value).toContain('2403.12345');
  });

  it('says which other words were not searched', async () => {
    const reply = await sendCommand(h, '2403.12345 quantization', 'lookup-words');
    expect(shown(reply)[0]).toBe(paper.id);
    expect(String(JSON.stringify(reply['blocks']))).toContain('Not searched: the other words (quantization)');
  });

  it('an unknown id is said so, and the link label is offered as a search that works', async () => {
    const reply = await sendCommand(h, '<https://arxiv.org/abs/2499.99999v2|Diffusion distillation>', 'unknown');
    expectSafe(reply);
    expect(String(reply['text'])).toContain('paperboy does not know arXiv 2499.99999: it is not among the papers it has read.');
    expect(shown(reply)).toEqual([]);
    const offered = buttonsIn(reply['blocks']).find((b) => b.button.action_id === ACTION_IDS.nextPage)!;
    expect(offered.button.text.text).toBe('Search "Diffusion distillation"');
    const results = await click(reply, ACTION_IDS.nextPage, 'unknown-search');
    expect(String(results['text'])).toContain('Papers for "Diffusion distillation"');
    expect(shown(results).length).toBeGreaterThan(0);
  });

  it('an unknown id with no other words says to search the title', async () => {
    const reply = await sendCommand(h, 'https://huggingface.co/papers/2499.99999', 'unknown-bare');
    expect(String(reply['text'])).toContain('paperboy does not know arXiv 2499.99999');
    expect(String(reply['text'])).toContain('Search its title instead.');
  });
});

describe('/papers <arXiv id> for a seed listing the index holds without its id', () => {
  it('finds the seed paper through the store\'s ingested record of that id, as an unfurl does', async () => {
    const seeds = allPapers(await seedIndex());
    const seed = seeds.find((p) => /quantiz/i.test(p.title))!;
    const store = createMemoryStore();
    await store.upsertPapers([{ ...seed, id: 'ingested-record', arxivId: '2405.54321', origins: ['arxiv'] }]);
    const withStore = await startHarness({ mode: 'http', store });
    try {
      const reply = await sendCommand(withStore, 'https://arxiv.org/abs/2405.54321v4', 'stored');
      expect(String(reply['text'])).toContain('arXiv 2405.54321: the paper, then papers like it.');
      expect(shown(reply)[0]).toBe(seed.id);
    } finally {
      await withStore.close();
    }
  });
});
