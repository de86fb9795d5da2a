/**
 * The scoring settings on the seed corpus: the coordination factor, and the second stage
 * (rerank.ts), which only re-orders the first stage's best papers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { buildSearchIndex, firstStage, searchPapers, type SearchIndex } from '../../../src/core/search/search-index.js';
import { candidateFeatures, frozenRerankSource, RERANK_FEATURES } from '../../../src/core/search/rerank.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../../../src/core/search/search-settings.js';
import type { SearchOutcome } from '../../../src/core/search/search-types.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let papers: readonly Paper[];
let index: SearchIndex;
let plain: SearchIndex;

const withRerank = (rerank: SearchSettings['rerank']): SearchSettings => ({ ...DEFAULT_SEARCH_SETTINGS, rerank });
const OFF = { ...DEFAULT_SEARCH_SETTINGS.rerank, depth: 0 };

beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
  index = buildSearchIndex(papers, DEFAULT_SEARCH_SETTINGS);
  plain = buildSearchIndex(papers, withRerank(OFF));
});

function results(outcome: SearchOutcome) {
  if (outcome.kind !== 'results') throw new Error(`expected results, got ${outcome.kind}`);
  return outcome;
}

describe('coordination', () => {
  it('1 keeps MiniSearch ranking; 0 ranks by the plain BM25 sum, so a paper matching one rare word can lead', () => {
    const at = (coordination: number): SearchIndex => ({ ...plain, settings: { ...plain.settings, coordination } });
    const q = 'diffusion quantization';
    const one = results(searchPapers(at(1), q, { limit: 1000 }));
    const zero = results(searchPapers(at(0), q, { limit: 1000 }));
    expect(zero.total).toBe(one.total);
    // Same papers, and a paper's score changes by exactly the factor (matched terms)^(c - 1).
    const byId = new Map(one.hits.map((h) => [h.paper.id, h]));
    for (const hit of zero.hits) {
      const ref = byId.get(hit.paper.id)!;
      expect(hit.score).toBeCloseTo(ref.score / ref.matchedTerms.length, 9);
    }
  });
});

const QUERIES = ['diffusion quantization', 'linear mode connectivity', 'reinforcement learning from human feedback', '"diffusion model" sampling', 'difusion', 'video -image'];

describe('the second stage (re-ranking the first stage best papers)', () => {
  it('only re-orders the best `depth` papers: same matches, total, matched terms; the rest in first-stage order', () => {
    const depth = DEFAULT_SEARCH_SETTINGS.rerank.depth;
    for (const q of QUERIES) {
      const reranked = results(searchPapers(index, q, { limit: 100_000 }));
      const first = results(searchPapers(plain, q, { limit: 100_000 }));
      expect(reranked.total).toBe(first.total);
      const ids = (o: typeof first, from: number, to?: number) => o.hits.slice(from, to).map((h) => h.paper.id);
      expect([...ids(reranked, 0, depth)].sort()).toEqual([...ids(first, 0, depth)].sort());
      expect(ids(reranked, depth)).toEqual(ids(first, depth));
      const terms = new Map(first.hits.map((h) => [h.paper.id, h.matchedTerms]));
      for (const hit of reranked.hits) expect(hit.matchedTerms).toEqual(terms.get(hit.paper.id));
      const scores = reranked.hits.map((h) => h.score);
      for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);
    }
  });

  it('changes the order for some queries (the shipped weights are not the first stage alone)', () => {
    const moved = QUERIES.filter((q) => {
      const a = results(searchPapers(index, q, { limit: 20 })).hits.map((h) => h.paper.id);
      const b = results(searchPapers(plain, q, { limit: 20 })).hits.map((h) => h.paper.id);
      return a.join() !== b.join();
    });
    expect(moved.length).toBeGreaterThan(0);
  });

  it('pages agree with one long window, across the re-ranked boundary too', () => {
    const depth = DEFAULT_SEARCH_SETTINGS.rerank.depth;
    const q = 'diffusion';
    const all = results(searchPapers(index, q, { limit: depth + 20 })).hits.map((h) => h.paper.id);
    const paged: string[] = [];
    for (let offset = 0; offset < depth + 20; offset += 7) paged.push(...results(searchPapers(index, q, { offset, limit: 7 })).hits.map((h) => h.paper.id));
    expect(paged.slice(0, all.length)).toEqual(all);
  });

  it('depth 0 ranks exactly as the first stage', () => {
    const off = { ...index, settings: withRerank(OFF) };
    for (const q of QUERIES) expect(searchPapers(off, q, { limit: 20 })).toEqual(searchPapers(plain, q, { limit: 20 }));
  });
});

describe('re-ranking features', () => {
  const paper = (id: string, title: string, abstract: string): Paper => ({ ...papers[0]!, id, title, abstract, searchAliases: '' });
  const tiny = (): Paper[] => [
    paper('a', 'Sparse attention', 'We study video diffusion with sparse attention and diffusion sampling.'),
    paper('b', 'Video diffusion', 'A model.'),
    paper('c', 'Unrelated title', 'Nothing about the query at all, graphs and trees.'),
  ];

  it('a model weighing only title coverage puts the paper with the query words in its title first', () => {
    const weights = RERANK_FEATURES.map((name) => (name === 'titleIdfCoverage' ? 1 : 0));
    const settings = withRerank({ depth: 10, weights });
    const small = buildSearchIndex(tiny(), settings);
    expect(results(searchPapers(small, 'video diffusion', { limit: 5 })).hits[0]!.paper.id).toBe('b');
    const favourAbstract = buildSearchIndex(tiny(), withRerank({ depth: 10, weights: RERANK_FEATURES.map((name) => (name === 'abstractBm25' ? 1 : 0)) }));
    expect(results(searchPapers(favourAbstract, 'video diffusion', { limit: 5 })).hits[0]!.paper.id).toBe('a');
  });

  it('coverage, title coverage and allTerms are what they say, by hand', () => {
    const small = buildSearchIndex(tiny(), withRerank(OFF));
    const { terms, candidates } = firstStage(small, 'video attention', 10);
    const rows = new Map(candidateFeatures(frozenRerankSource(small.postings), terms, candidates).map((x, i) => [candidates[i]!.id, x]));
    const f = (id: string, name: (typeof RERANK_FEATURES)[number]) => rows.get(id)![RERANK_FEATURES.indexOf(name)]!;
    expect(f('a', 'coverage')).toBe(1);
    expect(f('a', 'allTerms')).toBe(1);
    expect(f('b', 'coverage')).toBe(0.5);
    expect(f('b', 'allTerms')).toBe(0);
    // IDF ln(1 + (N - df + 0.5) / (df + 0.5)) over N = 3: "video" (df 2) ln 1.6 = 0.4700, "attention"
    // (df 1) ln(8/3) = 0.9808. b's title holds "video", a's title "attention".
    expect(f('b', 'titleIdfCoverage')).toBeCloseTo(Math.log(1.6) / (Math.log(1.6) + Math.log(8 / 3)), 12);
    expect(f('b', 'titleIdfCoverage')).toBeCloseTo(0.32395, 5);
    expect(f('a', 'titleIdfCoverage')).toBeCloseTo(0.67605, 5);
    expect(f(candidates[0]!.id, 'firstStage')).toBe(1);
    expect(rows.has('c')).toBe(false);
  });
});
