/**
 * Segments must search exactly as one index freshly built over the same papers in the same
 * order: the same papers, the same scores (to 1e-9), the same order, for random splits of the
 * seed corpus into a frozen index and batches added after it, with papers coming again as new
 * versions (same id, other text) both from the frozen index and from earlier batches; and the
 * merge of the segments must be that fresh index, array for array.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { docFreq } from '../../../src/core/search/index-shape.js';
import { firstStage, moreLikeThis, searchPapers, serializeIndex, buildSearchIndex, loadSearchIndex, type SearchIndex } from '../../../src/core/search/search-index.js';
import { addPapersSteps, addSegmentSteps, MAX_ADDED_SEGMENTS, mergeAllSteps, segmentedIndex, segmentPapersSteps, type SegmentedIndex, type Work } from '../../../src/core/search/segments.js';
import type { SearchOutcome } from '../../../src/core/search/search-types.js';
import { commonWords, tokenNumber } from '../../../src/core/search/phrase-positions.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../../src/core/search/search-settings.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let corpus: readonly Paper[];

beforeAll(async () => {
  corpus = (await loadSeedCorpus()).papers;
});

function run<T>(work: Work<T>): T {
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
  }
}

/** A small deterministic generator (mulberry32), so a failing split can be replayed by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A new version of `paper`: its abstract rotated (other phrases, other field lengths) with
 * another paper's words added, sometimes a new title word; and a word of its own that the new
 * version drops, so some terms are held only by deleted papers. Every other word of the old
 * version stays: a word seen only in a replaced version stays a typo-correction word (the one
 * documented difference from a fresh build, segments.ts), which these splits leave out.
 */
function newVersion(paper: Paper, other: Paper, rand: () => number, serial: number): Paper {
  const words = paper.abstract.replace(/ zorblax\d+$/, '').split(' ');
  const cut = Math.floor(rand() * words.length);
  const extra = other.abstract.split(' ').slice(0, 5 + Math.floor(rand() * 20));
  return {
    ...paper,
    abstract: [...words.slice(cut), ...words.slice(0, cut), ...extra, `zorblax${serial}`].join(' '),
    title: rand() < 0.3 ? `${paper.title} revisited` : paper.title,
    arxivVersion: 2,
  };
}

interface Split {
  readonly segmented: SegmentedIndex;
  /** What a fresh build is given: the papers in the segments' corpus order. */
  readonly papers: readonly Paper[];
}

/** The corpus as a frozen index of some papers and `batches` batches of the rest and of new versions. */
function split(seed: number, batches: number): Split {
  const rand = random(seed);
  const shuffled = [...corpus].sort(() => rand() - 0.5);
  const frozenCount = Math.floor(shuffled.length * (0.3 + 0.5 * rand()));
  let segmented = segmentedIndex(buildSearchIndex(shuffled.slice(0, frozenCount)));
  // What a fresh build gets: the frozen papers, then each new one in arrival order, a paper
  // that comes again moving to where it came again.
  const order = new Map<string, Paper>(shuffled.slice(0, frozenCount).map((p) => [p.id, p]));
  const rest = shuffled.slice(frozenCount);
  let serial = 0;
  for (let b = 0; b < batches; b++) {
    const batch: Paper[] = rest.slice(Math.floor((b * rest.length) / batches), Math.floor(((b + 1) * rest.length) / batches));
    // New versions of papers already indexed, frozen or added.
    const indexed = [...order.values()];
    for (let i = 0; i < 3; i++) batch.splice(Math.floor(rand() * batch.length), 0, newVersion(indexed[Math.floor(rand() * indexed.length)]!, shuffled[Math.floor(rand() * shuffled.length)]!, rand, serial++));
    // The same paper twice in one batch: the last copy counts.
    if (batch.length > 2) batch.push(newVersion(batch[0]!, batch[1]!, rand, serial++));
    segmented = run(addPapersSteps(segmented, batch));
    for (const paper of batch) {
      order.delete(paper.id);
      order.set(paper.id, paper);
    }
  }
  return { segmented, papers: [...order.values()] };
}

/** What a search gives, as a comparable value (scores rounded to 1e-9 apart, checked below). */
function outcomeOf(outcome: SearchOutcome): { kind: string; total?: number; hits?: { id: string; score: number; matched: readonly string[] }[]; suggestion?: string | null; unmatched?: readonly string[] } {
  if (outcome.kind === 'results') {
    return { kind: outcome.kind, total: outcome.total, hits: outcome.hits.map((h) => ({ id: h.paper.id, score: h.score, matched: h.matchedTerms })), ...(outcome.unmatchedPhrases ? { unmatched: outcome.unmatchedPhrases } : {}) };
  }
  if (outcome.kind === 'no-results') return { kind: outcome.kind, suggestion: outcome.suggestion };
  return { kind: outcome.kind };
}

function expectSameOutcome(actual: SearchOutcome, expected: SearchOutcome, what: string): void {
  const a = outcomeOf(actual);
  const e = outcomeOf(expected);
  expect({ ...a, hits: a.hits?.map((h) => ({ ...h, score: 0 })) }, what).toEqual({ ...e, hits: e.hits?.map((h) => ({ ...h, score: 0 })) });
  a.hits?.forEach((h, i) => expect(Math.abs(h.score - e.hits![i]!.score), `${what}: score of ${h.id}`).toBeLessThanOrEqual(1e-9));
}

/** Queries over the corpus's own words: single words, pairs, phrases, exclusions, typos, unknown words. */
function queries(papers: readonly Paper[], seed: number): string[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const words = (p: Paper): string[] => `${p.title} ${p.abstract}`.split(/[^A-Za-z0-9-]+/).filter((w) => w.length > 2);
  const out = ['zorblax0', 'zorblax1', 'zorblax2 model', 'model', 'learning', 'diffusion model', 'language models reasoning', '"large language model"', 'transformer -vision', 'zzqxv', 'neural', 'graph neural network'];
  for (let i = 0; i < 40; i++) {
    const p = pick(papers);
    const w = words(p);
    if (w.length < 4) continue;
    const at = Math.floor(rand() * (w.length - 3));
    out.push(w[at]!, `${w[at]} ${w[at + 1]} ${w[at + 2]}`, `"${w[at]} ${w[at + 1]}"`, `${w[at]} -${pick(w)}`);
    const long = w.find((x) => x.length >= 7);
    if (long) out.push(long.slice(0, 3) + long.slice(4));
  }
  return out;
}

function expectSameSearch(view: SearchIndex, fresh: SearchIndex, papers: readonly Paper[], seed: number): void {
  expect(view.papers.length).toBe(fresh.papers.length);
  expect(view.papers.ids).toEqual(fresh.papers.ids);
  for (const q of queries(papers, seed)) {
    expectSameOutcome(searchPapers(view, q, { limit: 20 }), searchPapers(fresh, q, { limit: 20 }), q);
    expectSameOutcome(searchPapers(view, q, { limit: 10, offset: 95 }), searchPapers(fresh, q, { limit: 10, offset: 95 }), `${q} (page 20)`);
    const a = firstStage(view, q, 1000).candidates;
    const e = firstStage(fresh, q, 1000).candidates;
    expect(a.map((c) => [c.id, c.shortId]), q).toEqual(e.map((c) => [c.id, c.shortId]));
    a.forEach((c, i) => expect(Math.abs(c.score - e[i]!.score)).toBeLessThanOrEqual(1e-9));
  }
  for (const term of ['model', 'learn', 'diffus', 'graph', 'zzqxv']) expect(docFreq(view, term), term).toBe(docFreq(fresh, term));
  const rand = random(seed + 1);
  for (let i = 0; i < 10; i++) {
    const id = papers[Math.floor(rand() * papers.length)]!.id;
    expectSameOutcome(moreLikeThis(view, id, { limit: 10 }), moreLikeThis(fresh, id, { limit: 10 }), `more like ${id}`);
    expect(view.papers.get(id)).toEqual(fresh.papers.get(id));
  }
}

describe('a segmented index', () => {
  // Split 5 adds 2 x MAX_ADDED_SEGMENTS + 3 batches: the added segments are replaced twice, new versions of their papers among the batches.
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`searches exactly as a fresh build over the same papers (split ${seed})`, () => {
      const { segmented, papers } = split(seed, seed === 5 ? 2 * MAX_ADDED_SEGMENTS + 3 : 1 + seed * 2);
      expect(segmented.segments.length).toBeGreaterThan(1);
      expect(segmented.segments.some((s) => s.deletedCount > 0)).toBe(true);
      const fresh = buildSearchIndex(papers);
      expectSameSearch(segmented.index, fresh, papers, seed);

      // Merged, it is the fresh build: every array equal but for the order of the term table.
      const merged = run(mergeAllSteps(segmented));
      expect(merged.segments.length).toBe(1);
      const m = merged.index;
      expectSameSearch(m, fresh, papers, seed + 10);
      expect(m.postings.avgFieldLengths).toEqual(fresh.postings.avgFieldLengths);
      expect(m.postings.fieldLengths).toEqual(fresh.postings.fieldLengths);
      expect([...m.postings.terms].sort()).toEqual([...fresh.postings.terms].sort());
      const F = 3;
      for (const term of fresh.postings.terms) {
        const a = m.postings.termNumbers.get(term)!;
        const e = fresh.postings.termNumbers.get(term)!;
        for (let f = 0; f < F; f++) {
          const runOf = (p: SearchIndex['postings'], t: number): [number[], number[]] => [
            Array.from(p.docs.subarray(p.offsets[t * F + f]!, p.offsets[t * F + f + 1]!)),
            Array.from(p.freqs.subarray(p.offsets[t * F + f]!, p.offsets[t * F + f + 1]!)),
          ];
          expect(runOf(m.postings, a), term).toEqual(runOf(fresh.postings, e));
        }
      }
      // Its phrase positions are a fresh build's with the same common words (whose pairs are
      // indexed): the first segment's, carried through every segment and the merge.
      expect(commonWords(m.phrases)).toEqual(commonWords(segmented.segments[0]!.index.phrases).filter((w) => tokenNumber(m.phrases, w) >= 0));
      expect(m.phrases.tokens.some((t) => t.includes(' '))).toBe(true);
      const sameCommon = buildSearchIndex(papers, DEFAULT_SEARCH_SETTINGS, { phraseCommon: commonWords(m.phrases) }).phrases;
      expect(m.phrases.tokens).toEqual(sameCommon.tokens);
      expect(Buffer.from(m.phrases.bytes).equals(Buffer.from(sameCommon.bytes))).toBe(true);
      expect(m.phrases.docCounts).toEqual(sameCommon.docCounts);
      expect(m.phrases.starts).toEqual(sameCommon.starts);
      expect(m.phrases.common).toEqual(sameCommon.common);
      // Every word of the fresh build is a typo-correction word of the merge (plus, at most,
      // words only a replaced version had, of terms some paper still holds).
      const words = new Map([...m.words].map(([word, t]) => [word, m.postings.terms[t]!]));
      for (const [word, t] of fresh.words) expect(words.get(word), word).toBe(fresh.postings.terms[t]);
      for (const [, term] of words) expect(fresh.postings.termNumbers.get(term)).not.toBeUndefined();
      // And its snapshot loads as the same index.
      const loaded = loadSearchIndex(serializeIndex(m));
      expectSameSearch(loaded, fresh, papers, seed + 20);
    });
  }

  it('keeps few segments: once there are MAX_ADDED_SEGMENTS added, the next is built over their papers too and replaces them', () => {
    let segmented = segmentedIndex(buildSearchIndex(corpus.slice(0, 100)));
    for (let b = 0; b < MAX_ADDED_SEGMENTS; b++) segmented = run(addPapersSteps(segmented, corpus.slice(100 + b * 10, 110 + b * 10)));
    expect(segmented.segments.length).toBe(MAX_ADDED_SEGMENTS + 1);
    for (let b = MAX_ADDED_SEGMENTS; b < MAX_ADDED_SEGMENTS + 3; b++) segmented = run(addPapersSteps(segmented, corpus.slice(100 + b * 10, 110 + b * 10)));
    // The first, the one that replaced the eight, and two more.
    expect(segmented.segments.length).toBe(4);
    expect(segmented.segments[1]!.index.papers.length).toBe((MAX_ADDED_SEGMENTS + 1) * 10);
    expect(segmented.addedPapers).toBe((MAX_ADDED_SEGMENTS + 3) * 10);
    const papers = corpus.slice(0, 100 + (MAX_ADDED_SEGMENTS + 3) * 10);
    expectSameSearch(segmented.index, buildSearchIndex(papers), papers, 7);
  });

  it('merges segments built with other common words into exact phrase matches: only pairs every segment indexed are kept', () => {
    // The first segment's common words from 150 papers, the others' from their own 20 (as a
    // segment built without segmentBuildOptions would be).
    let segmented = segmentedIndex(buildSearchIndex(corpus.slice(0, 150)));
    for (let b = 0; b < 3; b++) {
      const batch = corpus.slice(150 + b * 20, 170 + b * 20);
      segmented = run(addSegmentSteps(segmented, batch, buildSearchIndex(batch)));
    }
    const own = segmented.segments.map((s) => commonWords(s.index.phrases).join());
    expect(new Set(own).size).toBeGreaterThan(1);
    const papers = corpus.slice(0, 210);
    const merged = run(mergeAllSteps(segmented)).index;
    const fresh = buildSearchIndex(papers);
    const common = new Set(commonWords(merged.phrases));
    for (const s of segmented.segments) for (const w of common) expect(commonWords(s.index.phrases).includes(w) || tokenNumber(s.index.phrases, w) < 0, w).toBe(true);
    for (const t of merged.phrases.tokens.filter((t) => t.includes(' '))) expect(t.split(' ').every((w) => common.has(w)), t).toBe(true);
    const phrases = ['"diffusion model"', '"we propose a"', '"state of the art"', '"of the model"', '"large language models"', '"in this paper we"', '"the proposed method"'];
    for (const q of [...phrases, ...queries(papers, 7).filter((q) => q.includes('"'))]) {
      expectSameOutcome(searchPapers(merged, q, { limit: 50 }), searchPapers(fresh, q, { limit: 50 }), q);
      expectSameOutcome(searchPapers(segmented.index, q, { limit: 50 }), searchPapers(fresh, q, { limit: 50 }), q);
    }
  });

  it('refuses a segment that does not hold what segmentPapersSteps gave', () => {
    let segmented = segmentedIndex(buildSearchIndex(corpus.slice(0, 100)));
    for (let b = 0; b < MAX_ADDED_SEGMENTS; b++) segmented = run(addPapersSteps(segmented, corpus.slice(100 + b * 10, 110 + b * 10)));
    const fresh = corpus.slice(200, 210);
    // Only the fresh papers, when the next segment must replace the added ones.
    expect(() => run(addSegmentSteps(segmented, fresh, buildSearchIndex(fresh)))).toThrow(/replacing the added ones/);
    const whole = run(segmentPapersSteps(segmented, fresh));
    expect(whole.length).toBe(MAX_ADDED_SEGMENTS * 10 + 10);
    expect(run(addSegmentSteps(segmented, fresh, buildSearchIndex(whole))).segments.length).toBe(2);
    // Before that point, a segment of other papers.
    const few = segmentedIndex(buildSearchIndex(corpus.slice(0, 100)));
    expect(() => run(addSegmentSteps(few, fresh, buildSearchIndex(corpus.slice(210, 220))))).toThrow(/must hold the fresh papers/);
  });

  it('leaves out a paper equal to the version indexed, and changes nothing when all are', () => {
    const base = segmentedIndex(buildSearchIndex(corpus.slice(0, 50)));
    // Key order differs (a JSONB column reorders keys): still the same paper.
    const same = corpus.slice(0, 5).map((p) => Object.fromEntries(Object.entries(p).reverse()) as unknown as Paper);
    expect(run(addPapersSteps(base, same))).toBe(base);
    const added = run(addPapersSteps(base, [...same, corpus[60]!]));
    expect(added.addedPapers).toBe(1);
    expect(added.segments.every((s) => s.deletedCount === 0)).toBe(true);
  });
});
