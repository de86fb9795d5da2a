/**
 * "More like this" through a signed click on the real Bolt app: over the seed corpus plus a
 * second record of one paper (same normalised title, another id, as two arXiv records would be),
 * the answer never lists the paper or its duplicate, on any page, and each paper says which words
 * it shares with the one it is like.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import { decodePageRequest } from '../../src/core/blocks/page-value.js';
import type { Paper } from '../../src/core/paper.js';
import { allPapers, buildSearchIndex } from '../../src/core/search/search-index.js';
import { titleKey } from '../../src/core/text/normalize.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, seedIndex, startHarness, visibleText, type Harness } from './harness.js';

let h: Harness;
let paper: Paper;
let duplicate: Paper;
beforeAll(async () => {
  const seeds = allPapers(await seedIndex());
  paper = seeds.find((p) => /diffusion/i.test(p.title))!;
  duplicate = { ...paper, id: 'dup-of-paper', title: `${paper.title.toUpperCase()}.` };
  expect(titleKey(duplicate.title)).toBe(titleKey(paper.title));
  h = await startHarness({ mode: 'http', searchIndex: buildSearchIndex([...seeds, duplicate]) });
});
afterAll(async () => {
  await h.close();
});

const click = async (actionId: string, value: string, id: string): Promise<Record<string, unknown>> => {
  const target = { blockId: 'paper_actions_1_x', button: { type: 'button' as const, action_id: actionId, value, text: { type: 'plain_text' as const, text: 'More like this' } } };
  expect((await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(target, h.fake.responseUrl(id))))).status).toBe(200);
  return (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
};
const listed = (blocks: unknown): string[] => buttonsIn(blocks).filter((b) => b.button.action_id === ACTION_IDS.save).map((b) => b.button.value!);

describe('More like this', () => {
  it('never lists the paper or its duplicate, on the first page or the next, and gives each a reason', async () => {
    for (const [source, id] of [[paper, 'mlt-paper'], [duplicate, 'mlt-dup']] as const) {
      const reply = await click(ACTION_IDS.moreLikeThis, source.id, id);
      expect(findLimitViolations(reply as { text: string; blocks: unknown[] })).toEqual([]);
      const ids = listed(reply['blocks']);
      expect(ids).toHaveLength(5);
      expect(ids).not.toContain(paper.id);
      expect(ids).not.toContain(duplicate.id);
      // Each paper's section carries its one-line reason: the words it shares.
      const sections = (reply['blocks'] as Record<string, unknown>[]).filter((b) => String(b['block_id'] ?? '').startsWith('paper_') && b['type'] === 'section');
      expect(sections).toHaveLength(5);
      for (const section of sections) expect(visibleText([section])).toMatch(/_Shares:_ [a-z0-9-]+(, [a-z0-9-]+){0,2}/);

      const next = buttonsIn(reply['blocks']).find((b) => b.button.action_id === ACTION_IDS.nextPage)!;
      expect(decodePageRequest(next.button.value)).toEqual({ kind: 'similar', paperId: source.id, offset: 5 });
      const page2 = await click(ACTION_IDS.nextPage, next.button.value!, `${id}-next`);
      const more = listed(page2['blocks']);
      expect(more).toHaveLength(5);
      expect(more.filter((p) => ids.includes(p) || p === paper.id || p === duplicate.id)).toEqual([]);
    }
  });
});
