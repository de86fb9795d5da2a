/**
 * "For you" on the real seed corpus: a reader who saved three diffusion papers is offered
 * diffusion papers before unrelated ones, never a saved paper, a duplicate of one or an excluded
 * one; and trending follows the digest's score.
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { recommendForYou } from '../../../src/core/recommend/for-you.js';
import { trendingPapers } from '../../../src/core/recommend/trending-papers.js';
import { allPapers } from '../../../src/core/search/search-index.js';
import { seedIndex } from '../../slack/harness.js';

const aboutDiffusion = (paper: Paper): boolean => /diffusion/i.test(`${paper.title} ${paper.abstract}`);

describe('recommendForYou', () => {
  it('ranks diffusion papers above unrelated ones for a reader who saved three diffusion papers', async () => {
    const papers = allPapers(await seedIndex());
    const saved = papers.filter((p) => /diffusion/i.test(p.title)).slice(0, 3);
    expect(saved).toHaveLength(3);
    const recs = recommendForYou(papers, new Set(saved.map((p) => p.id)), new Set(), 20);
    expect(recs).toHaveLength(20);
    // The top five are all about diffusion, and diffusion papers fill most of the top twenty.
    expect(recs.slice(0, 5).every((r) => aboutDiffusion(r.paper))).toBe(true);
    expect(recs.filter((r) => aboutDiffusion(r.paper)).length).toBeGreaterThanOrEqual(15);
    // An unrelated paper (no diffusion anywhere) scores below every one of the top five.
    const unrelated = papers.filter((p) => !aboutDiffusion(p));
    const all = recommendForYou(papers, new Set(saved.map((p) => p.id)), new Set(), papers.length);
    const score = new Map(all.map((r) => [r.paper.id, r.score]));
    const bestUnrelated = Math.max(...unrelated.map((p) => score.get(p.id) ?? 0));
    expect(recs[4]!.score).toBeGreaterThan(bestUnrelated);
    expect(recs[0]!.because.some((word) => /diffusion/.test(word))).toBe(true);
    expect(recs.some((r) => saved.includes(r.paper))).toBe(false);
  });

  it('never offers a liked paper, its duplicate (same normalised title) or an excluded paper', () => {
    const base = { searchAliases: '', listedOn: null, sources: [], codeLinks: [], otherLinks: [], sourceUpvotes: null };
    const papers: Paper[] = [
      { ...base, id: 'a', title: 'Denoising Diffusion Models', abstract: 'diffusion denoising score matching images' },
      { ...base, id: 'a-dup', title: 'Denoising diffusion models.', abstract: 'diffusion denoising score images' },
      { ...base, id: 'b', title: 'Score-based diffusion', abstract: 'score matching diffusion sampling' },
      { ...base, id: 'c', title: 'Latent diffusion for video', abstract: 'diffusion video latent' },
      { ...base, id: 'd', title: 'Graph neural networks', abstract: 'message passing graphs molecules' },
    ];
    const ids = recommendForYou(papers, new Set(['a']), new Set(['c']), 5).map((r) => r.paper.id);
    expect(ids).toEqual(['b']);
    expect(recommendForYou(papers, new Set(), new Set(), 5)).toEqual([]);
  });
});

describe('trendingPapers', () => {
  it('orders by the trending score: fresh workspace votes first, then listing recency', () => {
    const base = { abstract: '', searchAliases: '', sources: [], codeLinks: [], otherLinks: [], sourceUpvotes: null };
    const now = new Date('2026-03-14T09:00:00Z');
    const papers: Paper[] = [
      { ...base, id: 'old', title: 'Old', listedOn: { month: 1, day: 2 } },
      { ...base, id: 'new', title: 'New', listedOn: { month: 3, day: 14 } },
      { ...base, id: 'voted', title: 'Voted', listedOn: { month: 1, day: 2 } },
      { ...base, id: 'none', title: 'No date', listedOn: null },
    ];
    const votes = new Map([['voted', [now, now]]]);
    expect(trendingPapers(papers, votes, now, 10).map((t) => t.paper.id)).toEqual(['voted', 'new', 'old']);
    expect(trendingPapers(papers, votes, now, 10, new Set(['voted'])).map((t) => t.paper.id)).toEqual(['new', 'old']);
  });
});
