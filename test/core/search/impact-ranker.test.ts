/**
 * The impact ranker against the reference it replaces: MiniSearch.search over an engine indexing
 * the same papers with the same analyzer (the engine the frozen postings are copied from), with
 * the same boosts, BM25 parameters and term weights, and the coordination factor applied to its
 * results. Same papers, same scores (up to rounding), same order (ties aside).
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import type { Query, SearchResult } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { ImpactRanker, topPositions, type RankerSettings, type WeightedTerm } from '../../../src/core/search/impact-ranker.js';
import { buildSearchIndex, engineOptions, getPaper, type SearchIndex } from '../../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../../src/core/search/search-settings.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let index: SearchIndex;
/** The reference: MiniSearch itself, indexing the corpus exactly as buildSearchIndex does. */
let engine: MiniSearch<Paper>;
const settings: RankerSettings = {
  fieldBoosts: { title: 1.7, abstract: 1, searchAliases: 0.5 },
  bm25: { k: 1.3, b: 0.6, d: 0.25 },
  coordination: 0.5,
};

beforeAll(async () => {
  const { papers } = await loadSeedCorpus();
  index = buildSearchIndex(papers, DEFAULT_SEARCH_SETTINGS);
  engine = new MiniSearch<Paper>(engineOptions(DEFAULT_SEARCH_SETTINGS));
  engine.addAll(papers);
});

/** What MiniSearch itself says for the query, coordination applied as the ranker does. */
function reference(engine: MiniSearch<Paper>, terms: readonly WeightedTerm[], excluded: readonly string[], skipId?: string): { id: string; score: number }[] {
  const weight = new Map(terms.map((t) => [t.term, t.weight]));
  const positive: Query = { combineWith: 'OR', queries: terms.map((t) => t.term) };
  const query: Query = excluded.length > 0 ? { combineWith: 'AND_NOT', queries: [positive, ...excluded] } : positive;
  const results: SearchResult[] = engine.search(query, {
    boost: settings.fieldBoosts,
    bm25: settings.bm25,
    boostTerm: (term) => weight.get(term) ?? 1,
    ...(skipId ? { filter: (r: SearchResult) => r.id !== skipId } : {}),
  });
  return results
    .map((r) => ({ id: String(r.id), score: r.score * Math.pow(r.queryTerms.length, settings.coordination - 1) }))
    .sort((a, b) => b.score - a.score);
}

function expectSameRanking(actual: { id: string; score: number }[], expected: { id: string; score: number }[]): void {
  expect(actual.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
  const expectedScore = new Map(expected.map((r) => [r.id, r.score]));
  for (const r of actual) expect(Math.abs(r.score - expectedScore.get(r.id)!)).toBeLessThanOrEqual(1e-9 * r.score);
  // Order: non-increasing scores, so it differs from the reference only among (near-)ties.
  for (let i = 1; i < actual.length; i++) expect(actual[i]!.score).toBeLessThanOrEqual(actual[i - 1]!.score * (1 + 1e-12));
}

const QUERIES: { terms: WeightedTerm[]; excluded?: string[] }[] = [
  { terms: [{ term: 'diffus', weight: 1 }, { term: 'quantiz', weight: 1 }] },
  { terms: [{ term: 'linear', weight: 1 }, { term: 'mode', weight: 1 }, { term: 'connect', weight: 1 }] },
  { terms: [{ term: 'diffus', weight: 1 }], excluded: ['video'] },
  { terms: [{ term: 'schrodinger', weight: 1 }, { term: 'bridg', weight: 0.25 }] },
  { terms: [{ term: 'model', weight: 1 }, { term: 'languag', weight: 0.5 }, { term: 'larg', weight: 2 }], excluded: ['vision', 'imag'] },
  { terms: [{ term: 'nosuchterm', weight: 1 }] },
];

describe('ImpactRanker', () => {
  it.each(QUERIES.map((q, i) => [i, q] as const))('query %i ranks as MiniSearch.search does', (_i, q) => {
    const ranker = new ImpactRanker(index.postings, settings, index.papers.position);
    const ranked = ranker.rank(q.terms, q.excluded ?? []);
    const expected = reference(engine, q.terms, q.excluded ?? []);
    expect(ranked.total).toBe(expected.length);
    expectSameRanking(ranked.window(0, ranked.total), expected);
    // A window is the same slice of the whole ranking.
    expect(ranked.window(3, 4)).toEqual(ranked.window(0, ranked.total).slice(3, 7));
  });

  it('gives one ranker the same answers on every reuse, whatever ran before (its scratch space is left clean)', () => {
    const reused = new ImpactRanker(index.postings, settings, index.papers.position);
    for (let round = 0; round < 2; round++) {
      for (const q of QUERIES) {
        const a = reused.rank(q.terms, q.excluded ?? [], { required: q.terms.length > 1 ? [0] : [] });
        const b = new ImpactRanker(index.postings, settings, index.papers.position).rank(q.terms, q.excluded ?? [], { required: q.terms.length > 1 ? [0] : [] });
        expect(a.window(0, a.total)).toEqual(b.window(0, b.total));
      }
    }
  });

  it('ranks the same when a ranking is asked for from inside another (the shared scratch is not taken twice), and after one that threw', () => {
    const ranker = new ImpactRanker(index.postings, settings, index.papers.position);
    const other = new ImpactRanker(index.postings, settings, index.papers.position);
    const outer = QUERIES[4]!;
    const inner = QUERIES[0]!;
    const plainOuter = ranker.rank(outer.terms, outer.excluded ?? []);
    const plainInner = other.rank(inner.terms);
    const innerSeen: { id: string; score: number }[][] = [];
    const nested = ranker.rank(outer.terms, outer.excluded ?? [], {
      keep: () => {
        if (innerSeen.length < 3) {
          const r = other.rank(inner.terms);
          innerSeen.push(r.window(0, r.total));
        }
        return true;
      },
    });
    expect(nested.window(0, nested.total)).toEqual(plainOuter.window(0, plainOuter.total));
    expect(innerSeen).toHaveLength(3);
    for (const seen of innerSeen) expect(seen).toEqual(plainInner.window(0, plainInner.total));
    expect(() =>
      ranker.rank(outer.terms, [], {
        keep: () => {
          throw new Error('keep failed');
        },
      }),
    ).toThrow('keep failed');
    const after = ranker.rank(inner.terms);
    expect(after.window(0, after.total)).toEqual(plainInner.window(0, plainInner.total));
  });

  it('counts a repeated term once in the coordination factor but adds its score each time, as MiniSearch does', () => {
    const ranker = new ImpactRanker(index.postings, settings, index.papers.position);
    const terms = [{ term: 'diffus', weight: 1 }, { term: 'quantiz', weight: 1 }, { term: 'diffus', weight: 0.5 }];
    const ranked = ranker.rank(terms);
    const expected = reference(engine, [{ term: 'diffus', weight: 1.5 }, { term: 'quantiz', weight: 1 }], []);
    expect(ranked.total).toBe(expected.length);
    expectSameRanking(ranked.window(0, ranked.total), expected);
  });

  it('leaves out the skipped paper and papers failing keep; names the terms each paper holds', () => {
    const ranker = new ImpactRanker(index.postings, settings, index.papers.position);
    const terms = QUERIES[0]!.terms;
    const all = ranker.rank(terms);
    const first = all.window(0, 1)[0]!;
    expect(ranker.rank(terms, [], { skipId: first.id }).ids()).not.toContain(first.id);
    expectSameRanking(ranker.rank(terms, [], { skipId: first.id }).window(0, 1000), reference(engine, terms, [], first.id));
    const kept = new Set(all.ids().slice(0, 5));
    expect(new Set(ranker.rank(terms, [], { keep: (id) => kept.has(id) }).ids())).toEqual(kept);
    for (const hit of all.window(0, 20)) {
      const paper = getPaper(index, hit.id)!;
      const text = `${paper.title} ${paper.abstract}`.toLowerCase();
      for (const term of all.matchedTerms(hit.id)) expect(text).toContain(term.slice(0, 5));
    }
  });

  it('required terms: only papers holding all of them', () => {
    const ranker = new ImpactRanker(index.postings, settings, index.papers.position);
    const terms = QUERIES[1]!.terms;
    const any = ranker.rank(terms);
    const all = ranker.rank(terms, [], { required: [0, 1, 2] });
    expect(all.total).toBeGreaterThan(0);
    expect(all.total).toBeLessThan(any.total);
    for (const id of all.ids()) expect(any.matchedTerms(id)).toEqual(['linear', 'mode', 'connect']);
    const holdingAll = any.ids().filter((id) => any.matchedTerms(id).length === 3);
    expect(all.ids().sort()).toEqual(holdingAll.sort());
  });
});

describe('topPositions', () => {
  it('equals sorting everything (score desc, then id asc) and taking k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10_000 })), { maxLength: 300 }),
        fc.integer({ min: 0, max: 320 }),
        (entries, k) => {
          // Few distinct scores, so ties are common; ids unique as short ids are.
          const unique = [...new Map(entries.map(([s, id]) => [id, s])).entries()];
          const ids = Int32Array.from(unique.map(([id]) => id));
          const scores = Float64Array.from(unique.map(([, s]) => s / 7));
          const expected = unique
            .map((_, i) => i)
            .sort((a, b) => scores[b]! - scores[a]! || ids[a]! - ids[b]!)
            .slice(0, k);
          expect(Array.from(topPositions(ids, scores, k))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
