import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/core/blocks/action-ids.js';
import { decodePageRequest } from '../../../src/core/blocks/page-value.js';
import { NOTICES } from '../../../src/core/blocks/render-notice.js';
import { searchPage } from '../../../src/core/blocks/search-page.js';
import { voteLabel } from '../../../src/core/blocks/vote-button.js';
import { buildSearchIndex, type SearchIndex } from '../../../src/core/search/search-index.js';
import { SEARCH_PAGE_SIZE } from '../../../src/core/search/search-types.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let index: SearchIndex;
beforeAll(async () => {
  index = buildSearchIndex((await loadSeedCorpus()).papers);
});

type Blocks = { elements?: { action_id?: string; value?: string; text?: { text?: string } }[] }[];
const nextValue = (blocks: unknown): string | undefined =>
  (blocks as Blocks).flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.nextPage)?.value;

describe('searchPage', () => {
  it('pages a search by SEARCH_PAGE_SIZE, and its "Next" button asks for the page after', () => {
    const first = searchPage(index, { kind: 'search', query: 'diffusion', offset: 0 });
    expect(first.outcome.kind).toBe('results');
    if (first.outcome.kind !== 'results') return;
    expect(first.outcome.total).toBeGreaterThan(2 * SEARCH_PAGE_SIZE);
    expect(first.outcome.hits).toHaveLength(SEARCH_PAGE_SIZE);
    const next = decodePageRequest(nextValue(first.render().blocks));
    expect(next).toEqual({ kind: 'search', query: 'diffusion', offset: SEARCH_PAGE_SIZE });
    const second = searchPage(index, next!);
    expect(second.kind).toBe('page');
    if (second.kind !== 'page' || second.outcome.kind !== 'results') throw new Error('no second page');
    const firstIds = first.outcome.hits.map((h) => h.paper.id);
    expect(second.outcome.hits.some((h) => firstIds.includes(h.paper.id))).toBe(false);
    expect(second.render().text).toContain(`${SEARCH_PAGE_SIZE + 1}–${2 * SEARCH_PAGE_SIZE} of ${first.outcome.total}`);
  });

  it('renders the vote counts it is given on each paper\'s Upvote button', () => {
    const page = searchPage(index, { kind: 'search', query: 'diffusion', offset: 0 });
    if (page.outcome.kind !== 'results') throw new Error('no results');
    const first = page.outcome.hits[0]!.paper.id;
    const labels = (votes?: ReadonlyMap<string, number>): string[] =>
      (page.render(votes).blocks as Blocks).flatMap((b) => b.elements ?? []).filter((e) => e.action_id === ACTION_IDS.vote).map((e) => e.text?.text ?? '');
    expect(labels()).toHaveLength(SEARCH_PAGE_SIZE);
    expect(labels()[0]).toBe(voteLabel(0));
    expect(labels(new Map([[first, 3]]))[0]).toBe(voteLabel(3));
  });

  it('shows the notes under a search page', () => {
    const page = searchPage(index, { kind: 'search', query: 'diffusion', offset: 0, notes: ['the markup was left out'] });
    expect(page.render().text).toContain('the markup was left out');
  });

  it('answers "More like this" for a paper it holds, and says so for one it does not', () => {
    const paper = index.papers.at(0);
    const similar = searchPage(index, { kind: 'similar', paperId: paper.id, offset: 0 });
    expect(similar.kind).toBe('page');
    if (similar.kind !== 'page' || similar.outcome.kind !== 'results') throw new Error('no similar papers');
    expect(similar.outcome.hits.map((h) => h.paper.id)).not.toContain(paper.id);
    expect(similar.render().text).toContain('Papers like');
    expect(decodePageRequest(nextValue(similar.render().blocks))).toEqual({ kind: 'similar', paperId: paper.id, offset: SEARCH_PAGE_SIZE });
    expect(searchPage(index, { kind: 'similar', paperId: 'no-such-paper', offset: 0 })).toEqual({ kind: 'paper-not-found', message: NOTICES.paperNotFound() });
  });
});
