/**
 * Saved-paper renderings: newest first as given, Remove buttons carrying paper ids, the overflow
 * and missing-paper notes, and every Slack limit with a huge list of nasty papers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/core/blocks/action-ids.js';
import { findLimitViolations, SLACK_LIMITS } from '../../../src/core/blocks/limits.js';
import { renderHome } from '../../../src/core/blocks/render-home.js';
import { parseSavedPageValue, renderSavedList, SAVE_REPLIES, SAVED_PAGE_SIZE, savedPageOfBlock, savedPageStart } from '../../../src/core/blocks/render-saved.js';
import type { Paper } from '../../../src/core/paper.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';
import { nastyPapers } from './nasty-papers.js';

type Json = Record<string, any>;
let papers: Paper[];
beforeAll(async () => {
  papers = [...(await loadSeedCorpus()).papers];
});

const removeButtons = (blocks: readonly unknown[]): Json[] =>
  (blocks as Json[]).flatMap((b) => [b['accessory'], ...((b['elements'] as Json[] | undefined) ?? [])]).filter((a): a is Json => (a as Json | undefined)?.['action_id'] === ACTION_IDS.unsave);

describe('renderSavedList', () => {
  it('lists the papers in the order given, each with a Remove button, and fallback text', () => {
    const saved = papers.slice(0, 3);
    const message = renderSavedList(saved);
    expect(findLimitViolations(message)).toEqual([]);
    expect(removeButtons(message.blocks).map((b) => b['value'])).toEqual(saved.map((p) => p.id));
    expect(JSON.stringify(message.blocks)).toContain('3 saved papers, newest first');
    expect(message.text.split('\n').slice(1)).toEqual(saved.map((p, i) => `${i + 1}. ${p.title.slice(0, 120).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`));
  });

  it('shows one page of SAVED_PAGE_SIZE, says which and how many left the corpus', () => {
    const message = renderSavedList(papers.slice(0, 300), 2);
    expect(findLimitViolations(message)).toEqual([]);
    expect(removeButtons(message.blocks)).toHaveLength(SAVED_PAGE_SIZE);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(`Showing 1–${SAVED_PAGE_SIZE} of 300.`);
    expect(text).not.toContain('not shown');
    expect(text).toContain('2 saved papers are no longer in the corpus.');
  });

  it('says how to save when nothing is saved, counting saves that left the corpus', () => {
    expect(renderSavedList([]).text).toMatch(/no saved papers\. Press \*Save\*/);
    expect(renderSavedList([], 1).text).toContain('1 saved paper is no longer in the corpus');
  });

  it('stays within every limit for nasty papers, escaping their markup', () => {
    const nasty = Array.from({ length: 40 }, (_, i) => nastyPapers().map((p) => ({ ...p, id: `${p.id}-${i}` }))).flat();
    const message = renderSavedList(nasty, 3);
    expect(findLimitViolations(message)).toEqual([]);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    for (const reply of [SAVE_REPLIES.saved(nasty[1]!.title), SAVE_REPLIES.alreadySaved(nasty[0]!.title)]) {
      expect(findLimitViolations(reply)).toEqual([]);
      expect(reply.text).not.toContain('<!channel>');
    }
  });
});

describe('renderHome with saved papers', () => {
  it('adds the reading list, within the Home tab limit', () => {
    const home = renderHome({ saved: { papers: papers.slice(0, 250), missing: 0 } });
    expect(findLimitViolations(home, { maxBlocks: SLACK_LIMITS.blocksPerHomeView, requireText: false })).toEqual([]);
    expect(JSON.stringify(home.blocks)).toContain('Your reading list');
    expect(removeButtons(home.blocks).length).toBeGreaterThan(0);
  });

  it('hints how to save when nothing is saved, and has no saved section without a store', () => {
    expect(JSON.stringify(renderHome({ saved: { papers: [], missing: 0 } }).blocks)).toContain('Nothing saved yet');
    expect(JSON.stringify(renderHome().blocks)).not.toContain('Your reading list');
  });
});

describe('saved list pages', () => {
  it('a page offset is clamped to the list, so a removal that empties the last page shows the one before', () => {
    expect(savedPageStart(60, 40)).toBe(40);
    expect(savedPageStart(40, 40)).toBe(20);
    expect(savedPageStart(0, 40)).toBe(0);
    expect(savedPageStart(60, 33)).toBe(20);
    expect(savedPageStart(60, -5)).toBe(0);
  });
  it('a Remove button block id gives its page; page values are plain offsets', () => {
    expect(savedPageOfBlock('saved_41_abc')).toBe(40);
    expect(savedPageOfBlock('saved_20_abc')).toBe(0);
    expect(savedPageOfBlock('paper_3_x')).toBe(0);
    expect(parseSavedPageValue('20')).toBe(20);
    expect(parseSavedPageValue('x')).toBeNull();
    expect(parseSavedPageValue(undefined)).toBeNull();
  });
  it('every page of 300 stays within limits, in a message and on the Home tab', () => {
    for (let offset = 0; offset < 300; offset += SAVED_PAGE_SIZE) {
      const message = renderSavedList(papers.slice(0, 300), 2, offset);
      expect(findLimitViolations(message)).toEqual([]);
      expect(removeButtons(message.blocks)).toHaveLength(SAVED_PAGE_SIZE);
      const home = renderHome({ saved: { papers: papers.slice(0, 300), missing: 2, read: 4 } }, offset);
      expect(findLimitViolations(home, { maxBlocks: SLACK_LIMITS.blocksPerHomeView, requireText: false })).toEqual([]);
      expect(removeButtons(home.blocks)).toHaveLength(SAVED_PAGE_SIZE);
    }
  });
});
