import { describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../../src/core/blocks/limits.js';
import type { Paper } from '../../../src/core/paper.js';
import type { SearchOptions, SearchOutcome } from '../../../src/core/search/search-types.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';
import { localDateOf } from '../../../src/core/digest/schedule.js';
import { composeDigest, type DigestTarget } from '../../../src/digest/compose-digest.js';

/** A plain reference search over title+abstract words, so this test needs no search module. */
function referenceSearch(papers: readonly Paper[]) {
  return (query: string, options: SearchOptions): SearchOutcome => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const parsed = { terms: words, phrases: [], excluded: [], isEmpty: words.length === 0 };
    const hits = papers
      .map((paper) => {
        const tokens = `${paper.title} ${paper.abstract}`.toLowerCase().split(/[^a-z0-9]+/);
        const matchedTerms = words.filter((w) => tokens.some((t) => t.startsWith(w)));
        return { paper, score: tokens.filter((t) => words.some((w) => t.startsWith(w))).length, matchedTerms };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
    if (hits.length === 0) return { kind: 'no-results', query: parsed, suggestion: null };
    const offset = options.offset ?? 0;
    return { kind: 'results', query: parsed, hits: hits.slice(offset, offset + (options.limit ?? 5)), total: hits.length };
  };
}

const corpus = await loadSeedCorpus();
const deps = { papers: () => corpus.papers, search: referenceSearch(corpus.papers), maxPapers: 5 };
const SUB = { topics: ['diffusion', 'quantization'], time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' as const };

/** As deliverDigest calls it: the channel's local date computed once, by the caller. */
const plan = (target: DigestTarget, delivered: ReadonlySet<string>, votes: { paperId: string; votedAt: Date[] }[], now: Date) =>
  composeDigest(deps, { target, digestDate: localDateOf(now, target.timezone), delivered, votes, now });

describe('composeDigest (the step deliverDigest calls)', () => {
  const compose = plan;

  it('composes a postable message whose buttons are the paper ids it reports', () => {
    const digest = compose(SUB, new Set(), [], new Date('2026-03-20T08:00:00Z'));
    expect(digest).not.toBeNull();
    expect(digest?.paperIds).toHaveLength(5);
    expect(findLimitViolations({ text: digest?.text ?? '', blocks: digest?.blocks ?? [] })).toEqual([]);
    const values = (digest?.blocks as Record<string, any>[]).filter((b) => b['type'] === 'actions').map((b) => b['elements'][0].value);
    expect(values).toEqual(digest?.paperIds);
    for (const id of digest?.paperIds ?? []) {
      const paper = corpus.papers.find((p) => p.id === id) as Paper;
      expect(`${paper.title} ${paper.abstract}`.toLowerCase()).toMatch(/diffusion|quantiz/);
    }
  });

  it('dates the header in the channel zone', () => {
    // 23:30 UTC on Monday is already Tuesday in Berlin.
    const digest = compose(SUB, new Set(), [], new Date('2026-11-23T23:30:00Z'));
    expect(JSON.stringify(digest?.blocks[0])).toContain('Trending papers · Tue 24 Nov');
  });

  it('never repeats a delivered paper, and returns null once everything matching was delivered', () => {
    const now = new Date('2026-03-20T08:00:00Z');
    const delivered = new Set<string>();
    for (let day = 0; day < 200; day++) {
      const digest = compose(SUB, delivered, [], now);
      if (digest === null) break;
      for (const id of digest.paperIds) {
        expect(delivered.has(id)).toBe(false);
        delivered.add(id);
      }
    }
    expect(compose(SUB, delivered, [], now)).toBeNull();
    expect(delivered.size).toBeGreaterThan(10);
  });

  it('plans an overall-trending digest from the whole corpus when there are no topics', () => {
    const overall = plan({ ...SUB, topics: [] }, new Set(), [{ paperId: corpus.papers[300]?.id ?? '', votedAt: [new Date('2026-03-20T07:00:00Z')] }], new Date('2026-03-20T08:00:00Z'));
    expect(overall?.digestDate).toBe('2026-03-20');
    expect(overall?.paperIds[0]).toBe(corpus.papers[300]?.id);
    expect(overall?.selection.topics).toEqual([]);
  });
});
