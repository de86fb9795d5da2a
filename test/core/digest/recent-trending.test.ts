/**
 * Trending over a living corpus, on fixed clocks: ingested papers are dated by publication (with
 * the year) or by the day Hugging Face listed them; the overall digest ranks the papers of the
 * last DIGEST_TRENDING_DAYS first, by Hugging Face upvotes, this workspace's votes (decaying)
 * and recency, then older ones; never a paper the channel already received.
 */
import { describe, expect, it } from 'vitest';
import { selectDigest, type SelectDigestInput } from '../../../src/core/digest/select-digest.js';
import { paperAgeDays, trendingScore } from '../../../src/core/digest/trending.js';
import type { Paper } from '../../../src/core/paper.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY);

function paper(id: string, extra: Partial<Paper> = {}): Paper {
  return { id, title: id, abstract: `${id} abstract`, searchAliases: '', listedOn: null, sources: [], codeLinks: [], otherLinks: [], sourceUpvotes: null, ...extra };
}
const published = (id: string, days: number, upvotes: number | null = null, extra: Partial<Paper> = {}): Paper =>
  paper(id, { arxivId: `2611.${String(10000 + id.length)}`, publishedAt: daysAgo(days).toISOString(), sourceUpvotes: upvotes, ...extra });

const select = (papers: Paper[], extra: Partial<SelectDigestInput> = {}) =>
  selectDigest({ topics: [], papers, searchTopic: () => [], delivered: new Set(), votes: [], now: NOW, maxPapers: 5, ...extra });
const ids = (selection: ReturnType<typeof selectDigest>): string[] => selection?.items.map((item) => item.paper.id) ?? [];

describe('paperAgeDays', () => {
  it('runs from the later of publication and Hugging Face listing, in whole UTC days; seeds by their listing day', () => {
    expect(paperAgeDays({ listedOn: null, publishedAt: '2026-11-30T23:59:00Z' }, NOW)).toBe(1);
    expect(paperAgeDays({ listedOn: null, publishedAt: '2026-10-01T00:00:00Z', listedAt: '2026-11-29T13:00:00Z' }, NOW)).toBe(2);
    expect(paperAgeDays({ listedOn: { month: 11, day: 24 } }, NOW)).toBe(7);
    // A date from the future (clock skew) is today, never negative; an unreadable one is ignored.
    expect(paperAgeDays({ listedOn: null, publishedAt: '2026-12-03T00:00:00Z' }, NOW)).toBe(0);
    expect(paperAgeDays({ listedOn: { month: 11, day: 30 }, publishedAt: 'garbage' }, NOW)).toBe(1);
    expect(paperAgeDays({ listedOn: null }, NOW)).toBeNull();
  });

  it('gives recency from the publication year, not an inferred one', () => {
    // Listed "Dec 1" but published a year ago: a year old, not today's.
    const old = trendingScore({ listedOn: { month: 12, day: 1 }, publishedAt: '2025-12-01T00:00:00Z', sourceUpvotes: null }, [], NOW);
    expect(old.listedDaysAgo).toBe(365);
    expect(old.recency).toBeLessThan(0.001);
  });
});

describe('overall trending over recent papers', () => {
  it('ranks the window by Hugging Face upvotes, votes and recency; older papers only after it', () => {
    const papers = [
      published('old-famous', 30, 900),
      published('fresh-quiet', 0),
      published('week-popular', 6, 80),
      published('yesterday-some', 1, 10),
      published('just-outside', 8, 5),
    ];
    expect(ids(select(papers, { maxPapers: 5 }))).toEqual(['week-popular', 'yesterday-some', 'fresh-quiet', 'old-famous', 'just-outside']);
    // A wider window lets the famous paper of last month compete on its upvotes.
    expect(ids(select(papers, { maxPapers: 2, recentDays: 30 }))).toEqual(['old-famous', 'week-popular']);
  });

  it("the workspace's votes lift a paper in the window, and decay: last week's votes count less than today's", () => {
    const papers = [published('a', 2, 20), published('b', 2, 20), published('c', 2, 20)];
    const votes = [
      { paperId: 'b', votedAt: [daysAgo(6), daysAgo(6), daysAgo(6)] },
      { paperId: 'c', votedAt: [NOW, NOW] },
    ];
    expect(ids(select(papers, { votes }))).toEqual(['c', 'b', 'a']);
    // An older paper the workspace upvoted this week counts as recent: the team is reading it now.
    const withOld = [...papers, published('classic', 200, 3)];
    expect(ids(select(withOld, { votes: [{ paperId: 'classic', votedAt: [NOW, NOW, NOW, NOW] }], maxPapers: 2 }))).toEqual(['classic', 'a']);
    // ...but a vote from before the window does not.
    expect(ids(select(withOld, { votes: [{ paperId: 'classic', votedAt: [daysAgo(20)] }], maxPapers: 3 }))).toEqual(['a', 'b', 'c']);
  });

  it('never a paper the channel already received; the older papers fill in once the window is used up', () => {
    const papers = [published('new-1', 1, 5), published('new-2', 2, 5), published('old-1', 40, 50)];
    expect(ids(select(papers, { delivered: new Set(['new-1']) }))).toEqual(['new-2', 'old-1']);
    expect(ids(select(papers, { delivered: new Set(['new-1', 'new-2']) }))).toEqual(['old-1']);
    expect(select(papers, { delivered: new Set(['new-1', 'new-2', 'old-1']) })).toBeNull();
  });

  it('the same inputs on the same clock give the same digest; a later clock moves the window', () => {
    const papers = [published('p1', 3, 5), published('p2', 9, 50)];
    expect(ids(select(papers))).toEqual(ids(select(papers)));
    expect(ids(select(papers))).toEqual(['p1', 'p2']);
    // Two days earlier, both were in the window and the upvotes decide.
    expect(ids(select(papers, { now: daysAgo(2) }))).toEqual(['p2', 'p1']);
  });
});
