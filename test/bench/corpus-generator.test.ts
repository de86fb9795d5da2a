/**
 * The pure parts of the speed bench that could silently be wrong: the corpus generator is
 * deterministic and shaped like the seeds, the seed pages it writes parse back through the bot's
 * own parser, each typo query is exactly one edit away, and the percentile is the nearest rank.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, toSeedPages, wordCount, type GeneratedCorpus, type SeedText } from '../../bench/speed/corpus-generator.js';
import { applyEdit, generateQueries, osaDistance, type EditKind } from '../../bench/speed/queries.js';
import { createRng } from '../../bench/speed/random.js';
import { mean, percentile, summarize } from '../../bench/speed/stats.js';
import { buildCorpus } from '../../src/core/seeds/build-corpus.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';

let seeds: SeedText[];
let corpus: GeneratedCorpus;
const SIZE = 500;

beforeAll(async () => {
  seeds = (await loadSeedCorpus()).papers;
  corpus = generateCorpus(seeds, { size: SIZE, seed: 7, vocabularySize: 20_000 });
});

describe('corpus generator', () => {
  it('gives the same corpus for the same seed, and another for another seed', () => {
    const again = generateCorpus(seeds, { size: SIZE, seed: 7, vocabularySize: 20_000 });
    expect(again.papers).toEqual(corpus.papers);
    expect(again.vocabulary).toEqual(corpus.vocabulary);
    const other = generateCorpus(seeds, { size: SIZE, seed: 8, vocabularySize: 20_000 });
    expect(other.papers[0]).not.toEqual(corpus.papers[0]);
  });

  it('makes papers with unique titles and a vocabulary of distinct seed words then generated ones', () => {
    expect(corpus.papers).toHaveLength(SIZE);
    expect(new Set(corpus.papers.map((p) => p.title.toLowerCase())).size).toBe(SIZE);
    expect(corpus.vocabulary).toHaveLength(20_000);
    expect(new Set(corpus.vocabulary).size).toBe(20_000);
    expect(corpus.vocabulary.slice(0, 3)).toEqual(['the', 'of', 'and']);
    const generated = corpus.vocabulary.slice(corpus.seedWordCount);
    expect(generated.some((w) => w.includes('-'))).toBe(true);
    expect(generated.some((w) => /[^\u0000-\u007f]/.test(w))).toBe(true);
  });

  it('draws title and abstract lengths from the seed papers’ lengths (±10%)', () => {
    const titleMin = Math.min(...corpus.seedTitleWords);
    const titleMax = Math.max(...corpus.seedTitleWords);
    const abstractMin = Math.min(...corpus.seedAbstractWords);
    const abstractMax = Math.max(...corpus.seedAbstractWords);
    for (const p of corpus.papers) {
      // A colon joins a word, never adds one; a hyphenated compound counts as one word.
      expect(wordCount(p.title)).toBeGreaterThanOrEqual(Math.max(1, Math.floor(titleMin * 0.9)));
      expect(wordCount(p.title)).toBeLessThanOrEqual(Math.ceil(titleMax * 1.1));
      expect(wordCount(p.abstract)).toBeGreaterThanOrEqual(Math.floor(abstractMin * 0.9));
      expect(wordCount(p.abstract)).toBeLessThanOrEqual(Math.ceil(abstractMax * 1.1) + 4);
      expect(p.abstract.length).toBeGreaterThanOrEqual(120);
    }
    const seedMean = mean(corpus.seedAbstractWords);
    expect(mean(corpus.papers.map((p) => wordCount(p.abstract)))).toBeGreaterThan(seedMean * 0.85);
    expect(mean(corpus.papers.map((p) => wordCount(p.abstract)))).toBeLessThan(seedMean * 1.15);
  });

  it('writes seed pages the bot’s own parser reads back paper for paper, without problems', () => {
    const parsed = buildCorpus(toSeedPages(corpus.papers, 100));
    expect(parsed.problems).toEqual([]);
    expect(parsed.papers).toHaveLength(SIZE);
    expect(parsed.papers.map((p) => p.title)).toEqual(corpus.papers.map((p) => p.title));
  });
});

describe('queries', () => {
  it('are deterministic: 1–3 distinct words from the vocabulary, no stop words', () => {
    const a = generateQueries(corpus.vocabulary, 200, 3);
    expect(generateQueries(corpus.vocabulary, 200, 3)).toEqual(a);
    expect(a.exact).toHaveLength(200);
    expect(a.typo).toHaveLength(200);
    const known = new Set(corpus.vocabulary);
    for (const q of a.exact) {
      const words = q.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(1);
      expect(words.length).toBeLessThanOrEqual(3);
      expect(new Set(words).size).toBe(words.length);
      for (const w of words) expect(known.has(w)).toBe(true);
      expect(words).not.toContain('the');
    }
  });

  it('typo queries change exactly one word of 5+ letters by exactly one edit', () => {
    const { typo } = generateQueries(corpus.vocabulary, 200, 3);
    const kinds = new Set<string>();
    for (const t of typo) {
      const before = t.original.split(' ');
      const after = t.query.split(' ');
      expect(after).toHaveLength(before.length);
      const changed = before.map((w, i) => i).filter((i) => before[i] !== after[i]);
      expect(changed).toHaveLength(1);
      const i = changed[0]!;
      expect(before[i]!.length).toBeGreaterThanOrEqual(5);
      expect(osaDistance(before[i]!, after[i]!)).toBe(1);
      kinds.add(t.kind);
    }
    expect(kinds).toEqual(new Set(['deletion', 'insertion', 'substitution', 'transposition']));
  });

  it('applyEdit makes one edit of the asked kind', () => {
    const rng = createRng(1);
    for (const kind of ['deletion', 'insertion', 'substitution', 'transposition'] as EditKind[]) {
      for (const word of ['model', 'diffusion', 'aaaaa', 'transformer']) {
        const edited = applyEdit(word, kind, rng);
        expect(osaDistance(word, edited)).toBe(1);
        if (kind === 'deletion') expect(edited).toHaveLength(word.length - 1);
        if (kind === 'insertion') expect(edited).toHaveLength(word.length + 1);
        if (kind === 'substitution' || kind === 'transposition') expect(edited).toHaveLength(word.length);
      }
    }
  });

  it('osaDistance counts an adjacent swap as one edit', () => {
    expect(osaDistance('model', 'mdoel')).toBe(1);
    expect(osaDistance('model', 'model')).toBe(0);
    expect(osaDistance('model', 'modle')).toBe(1);
    expect(osaDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('percentile (nearest rank)', () => {
  it('picks the smallest value with at least p% of samples at or below it', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 75)).toBe(3);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow();
  });

  it('summarize gives count, p50, p99, mean and max', () => {
    expect(summarize([1, 2, 3, 4])).toEqual({ count: 4, p50: 2, p99: 4, mean: 2.5, max: 4 });
  });
});
