/**
 * Overall trending on the real seed corpus, where no paper has votes or source upvotes and 175 of
 * 402 have no listing date: the digest must still be what a reader would call trending (the most
 * recent listing date first, then what the corpus is most about, or what the workspace upvoted),
 * never the order of paper ids.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { whyItMatched } from '../../../src/core/blocks/digest-message.js';
import { corpusCentrality } from '../../../src/core/digest/centrality.js';
import { selectDigest, type DigestItem } from '../../../src/core/digest/select-digest.js';
import type { Paper } from '../../../src/core/paper.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

const NOW = new Date('2026-12-01T08:00:00Z');
let papers: readonly Paper[];
beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
});

const overall = (options: { delivered?: Set<string>; votes?: { paperId: string; votedAt: Date[] }[]; max?: number } = {}): DigestItem[] =>
  selectDigest({
    topics: [],
    papers,
    searchTopic: () => [],
    delivered: options.delivered ?? new Set(),
    votes: options.votes ?? [],
    now: NOW,
    maxPapers: options.max ?? 10,
  })?.items.slice() ?? [];

const ids = (items: readonly DigestItem[]) => items.map((item) => item.paper.id);
const isIdOrder = (list: readonly string[]) => list.every((id, i) => i === 0 || (list[i - 1] as string) < id);

describe('overall trending on the seed corpus (no votes, no upvotes)', () => {
  it('the seed corpus is the case the issue describes', () => {
    expect(papers).toHaveLength(402);
    expect(papers.filter((p) => p.listedOn === null)).toHaveLength(175);
    expect(papers.every((p) => !p.sourceUpvotes)).toBe(true);
  });

  it('takes the most recent listing date first, then the papers most central to the corpus, not id order', () => {
    const items = overall();
    expect(items).toHaveLength(10);
    const days = (p: Paper) => (p.listedOn ? p.listedOn.month * 100 + p.listedOn.day : -1);
    const latest = Math.max(...papers.map(days));
    expect(items.every((item) => days(item.paper) === latest)).toBe(true);
    expect(isIdOrder(ids(items))).toBe(false);
    const centrality = items.map((item) => item.centrality ?? -1);
    expect(centrality).toEqual([...centrality].sort((a, b) => b - a));
    // The ten are among the most central of that day's papers: none below that day's median.
    const sameDay = corpusCentrality(papers);
    const dayScores = papers.filter((p) => days(p) === latest).map((p) => sameDay.get(p.id) ?? 0).sort((a, b) => a - b);
    const median = dayScores[Math.floor(dayScores.length / 2)] as number;
    expect(centrality.every((c) => c >= median)).toBe(true);
    expect(items.every((item) => item.centralTo === 'corpus')).toBe(true);
    // The digest says what ordered them.
    expect(whyItMatched(items[0] as DigestItem)).toMatch(/^Listed \w+ \d+ · close to the corpus' main topics$/);
  });

  it('a fresh listing is ordered by its date, and the digest does not claim centrality decided it', () => {
    const latest = papers.filter((p) => p.listedOn !== null).sort((a, b) => (b.listedOn!.month * 100 + b.listedOn!.day) - (a.listedOn!.month * 100 + a.listedOn!.day))[0] as Paper;
    const onTheDay = new Date(Date.UTC(2026, latest.listedOn!.month - 1, latest.listedOn!.day, 12));
    const item = selectDigest({ topics: [], papers, searchTopic: () => [], delivered: new Set(), votes: [], now: onTheDay, maxPapers: 1 })?.items[0] as DigestItem;
    expect(item.trending.recency).toBe(1);
    expect(whyItMatched(item)).not.toContain('central');
  });

  it('papers with no listing date come after dated ones, also by centrality, not by id', () => {
    const dated = new Set(papers.filter((p) => p.listedOn !== null).map((p) => p.id));
    const items = overall({ delivered: dated });
    expect(items.every((item) => item.paper.listedOn === null)).toBe(true);
    expect(isIdOrder(ids(items))).toBe(false);
    const centrality = items.map((item) => item.centrality ?? -1);
    expect(centrality).toEqual([...centrality].sort((a, b) => b - a));
    // What the corpus is about (quantization, diffusion, low-rank compression...) leads.
    expect(items.slice(0, 5).every((item) => /quantiz|diffusion|low-rank|pruning|compress|llm|language model/i.test(`${item.paper.title} ${item.paper.abstract}`))).toBe(true);
  });

  it('like the workspace past upvotes: an old upvote on a paper pulls papers like it forward', () => {
    const liked = papers.find((p) => /diffusion/i.test(p.title) && p.listedOn === null) as Paper;
    const longAgo = new Date('2025-06-01T00:00:00Z'); // decayed to nothing: the score cannot tell papers apart
    const dated = new Set(papers.filter((p) => p.listedOn !== null).map((p) => p.id));
    const items = overall({ delivered: new Set([...dated, liked.id]), votes: [{ paperId: liked.id, votedAt: [longAgo] }] });
    expect(items.every((item) => item.centralTo === 'upvoted')).toBe(true);
    expect(items.slice(0, 5).filter((item) => /diffusion/i.test(`${item.paper.title} ${item.paper.abstract}`)).length).toBeGreaterThanOrEqual(4);
  });
});
