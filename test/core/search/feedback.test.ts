/**
 * Pseudo-relevance feedback and the scoring settings on the seed corpus: feedback only
 * reorders what the typed query matched, is deterministic and bounded, never brings excluded
 * words back, and switches off cleanly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { buildSearchIndex, feedbackTerms, searchPapers, type SearchIndex } from '../../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../../../src/core/search/search-settings.js';
import type { SearchOutcome } from '../../../src/core/search/search-types.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let papers: readonly Paper[];
let index: SearchIndex;
let plain: SearchIndex;

const withFeedback = (feedback: SearchSettings['feedback']): SearchSettings => ({ ...DEFAULT_SEARCH_SETTINGS, feedback });
const OFF = { docs: 0, terms: 0, weight: 0 };
const ON = { docs: 5, terms: 10, weight: 0.4 };

beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
  index = buildSearchIndex(papers, withFeedback(ON));
  plain = buildSearchIndex(papers, withFeedback(OFF));
});

function results(outcome: SearchOutcome) {
  if (outcome.kind !== 'results') throw new Error(`expected results, got ${outcome.kind}`);
  return outcome;
}

const QUERIES = ['diffusion quantization', 'linear mode connectivity', 'reinforcement learning from human feedback', '"diffusion model" sampling', 'difusion'];

describe('pseudo-relevance feedback', () => {
  it('adds at most feedback.terms terms, none typed and none excluded, best first', () => {
    const terms = feedbackTerms(index, 'diffusion quantization -image');
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.length).toBeLessThanOrEqual(ON.terms);
    const names = terms.map((t) => t.term);
    expect(names).not.toContain('diffus');
    expect(names).not.toContain('quantiz');
    expect(names).not.toContain('imag');
    for (let i = 1; i < terms.length; i++) expect(terms[i]!.weight).toBeLessThanOrEqual(terms[i - 1]!.weight);
  });

  it('is deterministic', () => {
    for (const q of QUERIES) {
      expect(feedbackTerms(index, q)).toEqual(feedbackTerms(index, q));
      expect(searchPapers(index, q, { limit: 20 })).toEqual(searchPapers(index, q, { limit: 20 }));
    }
  });

  it('only reorders: the same papers match, total unchanged, matched terms are still the typed ones', () => {
    for (const q of QUERIES) {
      const withFb = results(searchPapers(index, q, { limit: 1000 }));
      const without = results(searchPapers(plain, q, { limit: 1000 }));
      expect(withFb.total).toBe(without.total);
      expect(withFb.hits.map((h) => h.paper.id).sort()).toEqual(without.hits.map((h) => h.paper.id).sort());
      const typed = new Map(without.hits.map((h) => [h.paper.id, h.matchedTerms]));
      for (const hit of withFb.hits) expect(hit.matchedTerms).toEqual(typed.get(hit.paper.id));
      const scores = withFb.hits.map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('keeps excluded words out of every result', () => {
    const outcome = results(searchPapers(index, 'diffusion -image', { limit: 1000 }));
    for (const hit of outcome.hits) expect(`${hit.paper.title} ${hit.paper.abstract}`.toLowerCase()).not.toMatch(/\bimag(e|es|ing)\b/);
  });

  it('is off with docs, terms or weight at 0: rankings equal the plain first pass', () => {
    for (const off of [OFF, { ...ON, docs: 0 }, { ...ON, terms: 0 }, { ...ON, weight: 0 }]) {
      const other = { ...index, settings: withFeedback(off) };
      expect(feedbackTerms(other, 'diffusion quantization')).toEqual([]);
      for (const q of QUERIES) expect(searchPapers(other, q, { limit: 20 })).toEqual(searchPapers(plain, q, { limit: 20 }));
    }
  });

  it('needs at least two first-pass matches to say anything', () => {
    expect(feedbackTerms(index, 'xqzvbw')).toEqual([]);
    expect(feedbackTerms(index, '')).toEqual([]);
  });
});

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
