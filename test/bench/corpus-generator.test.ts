/**
 * The pure parts of the speed bench that could silently be wrong: the corpus generator is
 * deterministic and shaped like the seeds, the seed pages it writes parse back through the bot's
 * own parser, each typo query is exactly one edit away, and the percentile is the nearest rank.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, HEAPS, toSeedPages, wordCount, type GeneratedCorpus, type SeedText } from '../../bench/speed/corpus-generator.js';
import { applyEdit, generateBenchQueries, generateQueries, osaDistance, type EditKind } from '../../bench/speed/queries.js';
import { createRng } from '../../bench/speed/random.js';
import { mean, percentile, summarize } from '../../bench/speed/stats.js';
import { fitPowerLaw, textStats, words } from '../../bench/speed/text-stats.js';
import { buildCorpus } from '../../src/core/seeds/build-corpus.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';

let seeds: SeedText[];
let corpus: GeneratedCorpus;
const SIZE = 500;

beforeAll(async () => {
  seeds = (await loadSeedCorpus()).papers;
  corpus = generateCorpus(seeds, { size: SIZE, seed: 7 });
});

describe('corpus generator', () => {
  it('gives the same corpus for the same seed, and another for another seed', () => {
    const again = generateCorpus(seeds, { size: SIZE, seed: 7 });
    expect(again.papers).toEqual(corpus.papers);
    expect(again.vocabulary).toEqual(corpus.vocabulary);
    const other = generateCorpus(seeds, { size: SIZE, seed: 8 });
    expect(other.papers[0]).not.toEqual(corpus.papers[0]);
  });

  it('makes papers with unique titles and a vocabulary of distinct seed words then generated ones', () => {
    expect(corpus.papers).toHaveLength(SIZE);
    expect(new Set(corpus.papers.map((p) => p.title.toLowerCase())).size).toBe(SIZE);
    expect(new Set(corpus.vocabulary).size).toBe(corpus.vocabulary.length);
    expect(corpus.vocabulary.slice(0, 2)).toEqual(['the', 'of']);
    const seedWords = new Set(seeds.flatMap((p) => words(`${p.title} ${p.abstract}`)));
    const generated = corpus.vocabulary.filter((w) => !seedWords.has(w));
    expect(generated.length).toBeGreaterThan(1000);
    expect(generated.some((w) => w.includes('-'))).toBe(true);
    expect(generated.some((w) => /[^\u0000-\u007f]/.test(w))).toBe(true);
  });

  it("grows its vocabulary by Heaps' law with many words seen once, and its text repeats real phrases", () => {
    const stats = textStats(corpus.papers.map((p) => `${p.title} ${p.abstract}`));
    // Heaps' law with SciFact's K and beta, over the seed tokens and these, within 25%.
    const seedTokens = seeds.reduce((sum, p) => sum + words(`${p.title} ${p.abstract}`).length, 0);
    const expected = HEAPS.k * (seedTokens + stats.tokens) ** HEAPS.beta - HEAPS.k * seedTokens ** HEAPS.beta;
    const seedWords = new Set(seeds.flatMap((p) => words(`${p.title} ${p.abstract}`)));
    const fresh = corpus.vocabulary.filter((w) => !seedWords.has(w)).length;
    expect(fresh).toBeGreaterThan(expected * 0.75);
    expect(fresh).toBeLessThan(expected * 1.25);
    expect(stats.hapaxShare).toBeGreaterThan(0.3);
    // Bigrams of the seeds recur: "of the" and the seeds' own phrases.
    expect(stats.repeatedBigramShare).toBeGreaterThan(0.3);
    const text = corpus.papers.map((p) => p.abstract.toLowerCase()).join(' ');
    expect(text).toContain('of the');
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

describe('bench text statistics and query sets', () => {
  it("fitPowerLaw recovers Heaps' K and beta from exact points", () => {
    const fit = fitPowerLaw([10, 100, 1000, 10_000].map((n) => [n, 3 * n ** 0.5] as const));
    expect(fit.k).toBeCloseTo(3, 6);
    expect(fit.beta).toBeCloseTo(0.5, 6);
  });

  it('phrase queries are runs of the papers’ own text, the measured sets distinct and apart from warm-up and soak', () => {
    const abstracts = corpus.papers.map((p) => p.abstract);
    const q = generateBenchQueries(corpus.vocabulary, abstracts, 50, 300, 3);
    const text = abstracts.map((a) => a.toLowerCase().replace(/[^\p{L}\p{N}\s-]+/gu, ' ').replace(/\s+/g, ' ')).join(' | ');
    for (const phrase of q.measured.phrase) {
      const quoted = /"([^"]+)"/.exec(phrase)![1]!;
      expect(text).toContain(quoted);
    }
    const measured = Object.values(q.measured).flat();
    expect(new Set(measured).size).toBe(measured.length);
    for (const other of [...q.warmup, ...q.soak]) expect(measured).not.toContain(other);
    expect(q.soak).toHaveLength(300);
    expect(q.measured.exclusion.every((e) => / -\S+$/.test(e))).toBe(true);
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
