/**
 * The warm-up searches: made of a paper's own words, of every kind (words, a typo, a phrase, an
 * exclusion), run over the index and a throw-away view with a segment and a deletion, a step
 * each, and leaving the index exactly as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { buildSearchIndex, searchPapers, serializeIndex, type SearchIndex } from '../../../src/core/search/search-index.js';
import { parseQuery } from '../../../src/core/search/parse-query.js';
import { segmentedIndex, addPapersSteps } from '../../../src/core/search/segments.js';
import { warmUpQueries, warmUpSteps } from '../../../src/core/search/warm-up.js';
import { runSteps } from '../../../src/core/search/work-steps.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let corpus: readonly Paper[];
let index: SearchIndex;
beforeAll(async () => {
  corpus = (await loadSeedCorpus()).papers;
  index = buildSearchIndex(corpus);
});

describe('warm-up queries', () => {
  it('are made of the paper\'s longest words, one of every kind', () => {
    const queries = warmUpQueries({ title: 'Sparse attention', abstract: 'We study quantization of transformers for retrieval, and distillation.' });
    expect(queries).toEqual(['distillation quantization', 'transofrmers attention', '"distillation quantization"', 'transformers -attention', 'distilaltion']);
    const kinds = queries.map((q) => parseQuery(q));
    expect(kinds[2]!.phrases).toEqual(['distillation quantization']);
    expect(kinds[3]!.excluded.length).toBe(1);
  });

  it('are none for a paper of too few plain words', () => {
    expect(warmUpQueries({ title: 'GPT-4', abstract: 'A model.' })).toEqual([]);
  });

  it('find the paper they are made of, the typo corrected', () => {
    const paper = corpus.find((p) => warmUpQueries(p).length > 0)!;
    const [words, typo] = warmUpQueries(paper);
    for (const query of [words!, typo!]) {
      const outcome = searchPapers(index, query, { limit: 50 });
      expect(outcome.kind).toBe('results');
      if (outcome.kind === 'results') expect(outcome.hits.map((h) => h.paper.id)).toContain(paper.id);
    }
  });
});

describe('warmUpSteps', () => {
  it('runs its searches a step each and leaves the index as it was', () => {
    const before = serializeIndex(index);
    const answers = ['diffusion', 'transformr', '"language model"'].map((q) => searchPapers(index, q));
    const steps = warmUpSteps(index);
    let yielded = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yielded++;
    expect(r.value).toBeGreaterThan(50);
    expect(yielded).toBeGreaterThanOrEqual(r.value);
    const after = serializeIndex(index);
    expect(after.json).toBe(before.json);
    expect(after.papers).toBe(before.papers);
    expect(index.papers.length).toBe(corpus.length);
    expect(index.papers.get(`${corpus[0]!.id}#warm-up`)).toBeUndefined();
    expect(['diffusion', 'transformr', '"language model"'].map((q) => searchPapers(index, q))).toEqual(answers);
  });

  it('leaves an index of segments, or of fewer than two papers, alone', () => {
    const segmented = runSteps(addPapersSteps(segmentedIndex(buildSearchIndex(corpus.slice(0, 20))), corpus.slice(20, 25))).index;
    expect(runSteps(warmUpSteps(segmented))).toBe(0);
    expect(runSteps(warmUpSteps(buildSearchIndex(corpus.slice(0, 1))))).toBe(0);
  });
});
