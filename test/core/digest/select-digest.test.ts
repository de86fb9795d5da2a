import { describe, expect, it } from 'vitest';
import { selectDigest, type SelectDigestInput } from '../../../src/core/digest/select-digest.js';
import type { Paper } from '../../../src/core/paper.js';
import type { SearchHit } from '../../../src/core/search/search-types.js';

const NOW = new Date('2026-03-20T09:00:00Z');

function paper(id: string, text: string, extra: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `${id}: ${text}`,
    abstract: text,
    searchAliases: '',
    listedOn: { month: 3, day: 18 },
    sources: [],
    codeLinks: [],
    otherLinks: [],
    sourceUpvotes: null,
    ...extra,
  };
}

/** A tiny reference search: score = occurrences of the topic's words in the abstract. */
function searchOver(papers: readonly Paper[]) {
  return (topic: string, limit: number): SearchHit[] => {
    const words = topic.split(/\s+/);
    return papers
      .map((p) => {
        const tokens = p.abstract.toLowerCase().split(/\W+/);
        const matchedTerms = words.filter((w) => tokens.includes(w));
        const score = tokens.filter((t) => words.includes(t)).length;
        return { paper: p, score, matchedTerms };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id))
      .slice(0, limit);
  };
}

const CORPUS = [
  paper('d1', 'diffusion diffusion diffusion models for images'),
  paper('d2', 'diffusion diffusion transformers'),
  paper('d3', 'diffusion policies for robots', { listedOn: { month: 3, day: 12 } }),
  paper('d4', 'diffusion diffusion distillation'),
  paper('q1', 'quantization of language models', { listedOn: { month: 3, day: 12 } }),
  paper('q2', 'quantization quantization aware training', { listedOn: null }),
  paper('x1', 'reinforcement learning from feedback'),
  paper('x2', 'graph neural networks', { listedOn: null }),
];

const input = (overrides: Partial<SelectDigestInput> = {}): SelectDigestInput => ({
  topics: ['diffusion', 'quantization'],
  papers: CORPUS,
  searchTopic: searchOver(CORPUS),
  delivered: new Set(),
  votes: [],
  now: NOW,
  maxPapers: 5,
  ...overrides,
});

const ids = (selection: ReturnType<typeof selectDigest>): string[] => selection?.items.map((item) => item.paper.id) ?? [];

describe('selectDigest with topics', () => {
  it('returns only papers matching a topic, and says which topic and terms', () => {
    const selection = selectDigest(input());
    expect(ids(selection)).toHaveLength(5);
    for (const item of selection?.items ?? []) {
      expect(item.paper.id).toMatch(/^[dq]/);
      expect(item.matches[0]?.topic).toBe(item.paper.id.startsWith('d') ? 'diffusion' : 'quantization');
      expect(item.matches[0]?.matchedTerms).toEqual([item.matches[0]?.topic]);
    }
  });
  it('gives every topic a slot even when another topic outscores it', () => {
    const selection = selectDigest(input({ maxPapers: 2 }));
    expect(ids(selection).sort()).toEqual(['d1', 'q2']);
  });
  it('never repeats a delivered paper, and returns null when nothing new is left', () => {
    const delivered = new Set(['d1', 'd2', 'q2']);
    const selection = selectDigest(input({ delivered }));
    expect(ids(selection).some((id) => delivered.has(id))).toBe(false);
    expect(ids(selection).sort()).toEqual(['d3', 'd4', 'q1']);
    expect(selectDigest(input({ delivered: new Set(CORPUS.map((p) => p.id)) }))).toBeNull();
    expect(selectDigest(input({ topics: ['holography'] }))).toBeNull();
  });
  it('lets fresh workspace votes lift a paper above a better match', () => {
    const before = ids(selectDigest(input({ topics: ['diffusion'] })));
    expect(before[0]).toBe('d1');
    const votes = [{ paperId: 'd3', votedAt: [NOW, NOW, NOW] }];
    expect(ids(selectDigest(input({ topics: ['diffusion'], votes })))[0]).toBe('d3');
    // The same votes two months old have decayed to nothing.
    const old = [{ paperId: 'd3', votedAt: Array(3).fill(new Date('2026-01-15T00:00:00Z')) as Date[] }];
    expect(ids(selectDigest(input({ topics: ['diffusion'], votes: old })))[0]).toBe('d1');
  });
  it('respects maxPapers and is deterministic, tie-breaking by id', () => {
    const tied = [paper('b', 'diffusion'), paper('a', 'diffusion'), paper('c', 'diffusion')];
    const selection = selectDigest(input({ topics: ['diffusion'], papers: tied, searchTopic: searchOver(tied), maxPapers: 2 }));
    expect(ids(selection)).toEqual(['a', 'b']);
    expect(selectDigest(input({ maxPapers: 1 }))?.items).toHaveLength(1);
  });
  it('ranks a paper on several of the topics above one on a single topic', () => {
    const papers = [paper('z-both', 'diffusion quantization'), paper('one', 'diffusion'), paper('other', 'quantization')];
    const selection = selectDigest(input({ papers, searchTopic: searchOver(papers) }));
    expect(ids(selection)[0]).toBe('z-both'); // not first by id: by the bonus
    expect(selection?.items[0]?.matches.map((m) => m.topic)).toEqual(['diffusion', 'quantization']);
  });
  it('drops weak hits far below the topic best', () => {
    const papers = [paper('strong', Array(10).fill('diffusion').join(' ')), paper('weak', 'diffusion once')];
    expect(ids(selectDigest(input({ topics: ['diffusion'], papers, searchTopic: searchOver(papers) })))).toEqual(['strong']);
  });
});

describe('selectDigest without topics (overall trending)', () => {
  it('ranks the whole corpus by trending: votes, then recency', () => {
    const votes = [{ paperId: 'x2', votedAt: [NOW] }];
    const selection = selectDigest(input({ topics: [], votes, maxPapers: 3 }));
    expect(ids(selection)[0]).toBe('x2');
    expect(selection?.items[0]?.matches).toEqual([]);
    // Then the Mar 18 papers, by id.
    expect(ids(selection).slice(1)).toEqual(['d1', 'd2']);
  });
  it('skips delivered papers and is null when all are delivered', () => {
    expect(ids(selectDigest(input({ topics: [], delivered: new Set(['d1']), maxPapers: 1 })))).toEqual(['d2']);
    expect(selectDigest(input({ topics: [], delivered: new Set(CORPUS.map((p) => p.id)) }))).toBeNull();
  });
});
