/**
 * The second stage of ranking: a linear model over general lexical features re-orders the best
 * `depth` papers of the first stage (the impact ranker's BM25 with coordination).
 *
 * Why: one BM25 formula with one length normalisation is a compromise between queries whose
 * words sit in the title and queries whose words are spread over a long abstract. The features
 * below let a model weigh several views of the same match (per-field BM25, BM25 over title and
 * abstract as one field at three length normalisations, how much of the query a paper covers,
 * IDF-weighted, and in its title), and the weights are learned by coordinate ascent on nDCG@10
 * (bench/quality/train-rerank.ts, on SciFact train only; the figures are in BENCHMARKS.md). The
 * features describe any query and any paper; nothing in them names a data set.
 *
 * Cost: per query term and field, one galloping pass over its postings for the candidates in
 * short id order (~depth x log(postings / depth) steps), and a term's collection frequency summed
 * once per index. No paper text is read. Measured at 100,000 papers: see BENCHMARKS.md.
 */
import type { FrozenPostings } from './frozen-postings.js';
import type { Ranking, WeightedTerm } from './impact-ranker.js';

/** The model's inputs, in the order of `RerankSettings.weights`. */
export const RERANK_FEATURES = [
  /** The first-stage score over the best first-stage score of the query. */
  'firstStage',
  /** BM25 (k 1.2, b 0.75) of the title alone, over the query's IDF mass. */
  'titleBm25',
  /** BM25 (k 1.2, b 0.75) of the abstract alone, over the query's IDF mass. */
  'abstractBm25',
  /** BM25 with every field taken as one text, at three length normalisations. */
  'allBm25',
  'allBm25Flat',
  'allBm25Steep',
  /** Share of the query's distinct terms the paper holds (term weights count, not IDF). */
  'coverage',
  /** Share of the query's IDF mass the paper holds. */
  'idfCoverage',
  /** Share of the query's IDF mass the title holds. */
  'titleIdfCoverage',
  /** 1 when every query term is in the paper. */
  'allTerms',
  /** 1 when the query's rarest term is in the paper. */
  'rarestTerm',
  /** log(1 + length in terms) of the abstract, and of the title. */
  'abstractLength',
  'titleLength',
  /**
   * Query likelihood with Dirichlet smoothing over every field as one text, at mu = the average
   * paper length and at 4x that, per unit of query weight: unlike BM25 it charges a paper for
   * each query term it lacks, in proportion to how rare the term is.
   */
  'allDirichlet',
  'allDirichletSmooth',
  /** BM25 (k 1.2, b 0.75) over every field, terms weighted by IDF squared: rare words count more. */
  'allBm25RareTerms',
  /** The largest one-term share of allBm25: one strong match against several weak ones. */
  'bestTerm',
  /** BM25 (k 1.2, b 0.3) of the abstract alone: a long abstract penalised less. */
  'abstractBm25Flat',
] as const;

export type RerankFeature = (typeof RERANK_FEATURES)[number];

export interface RerankSettings {
  /** How many of the first stage's best papers are re-ordered; 0 turns re-ranking off. */
  readonly depth: number;
  /** One weight per feature of RERANK_FEATURES, in that order. */
  readonly weights: readonly number[];
}

/** The one-field BM25 views: [k, b] each. */
const ALL_FIELDS_BM25: readonly (readonly [number, number])[] = [
  [1.2, 0.75],
  [0.9, 0.4],
  [1.5, 0.9],
];
const FIELD_BM25: readonly [number, number] = [1.2, 0.75];

/**
 * What the re-ranker reads of an index: its frozen postings (frozenRerankSource), or an index of
 * several segments' view of them with collection-wide figures (segments.ts), which reads each
 * segment's postings where they lie rather than copying a query's runs into one.
 */
export interface RerankSource {
  readonly fields: readonly string[];
  readonly documentCount: number;
  readonly avgFieldLengths: ArrayLike<number>;
  /** Field f's length in paper `shortId`. */
  fieldLength(f: number, shortId: number): number;
  /** The papers holding `term` and its occurrences in all of them, or null when none does. */
  termStats(term: string): { readonly df: number; readonly cf: number } | null;
  /** How often `term` occurs in field f of each paper of `sorted` (short ids, ascending), into out[stride * order[i] + slot]. */
  termFrequencies(term: string, f: number, sorted: Int32Array, order: Int32Array, out: Float64Array, stride: number, slot: number): void;
}

/**
 * How often the papers sorted[from..to) occur in one run of postings, docs[start..end): the
 * paper of sorted[i] is local id (inverse ? inverse[sorted[i] - base] : sorted[i] - base), and
 * its count goes to out[stride * order[i] + slot]. One forward pass, galloping from the last
 * position found: the candidates are few and the postings of a common term long, so each lookup
 * costs a few steps near the previous one instead of a binary search over the whole run.
 */
export function runFrequencies(
  run: { readonly docs: Int32Array; readonly freqs: ArrayLike<number>; readonly start: number; readonly end: number; readonly base: number; readonly inverse: Int32Array | null },
  sorted: Int32Array,
  from: number,
  to: number,
  order: Int32Array,
  out: Float64Array,
  stride: number,
  slot: number,
): void {
  const { docs, freqs, end, base, inverse } = run;
  let lo = run.start;
  for (let i = from; i < to && lo < end; i++) {
    const shortId = inverse ? inverse[sorted[i]! - base]! : sorted[i]! - base;
    let step = 1;
    while (lo + step < end && docs[lo + step]! < shortId) step *= 2;
    let hi = Math.min(lo + step, end - 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid]! < shortId) lo = mid + 1;
      else hi = mid;
    }
    if (docs[lo] === shortId) out[stride * order[i]! + slot] = freqs[lo]!;
  }
}

// Per frozen postings, each term's occurrences in all fields, summed when a query first needs it:
// a common term's postings run to tens of thousands of entries at 100,000 papers, too many to sum
// on every query. One double per term (~1 MB at 100,000 papers); NaN until computed.
const collectionFrequencies = new WeakMap<FrozenPostings, Float64Array>();

/** Term number t's occurrences in every field of every paper of the postings. */
export function collectionFrequency(frozen: FrozenPostings, t: number): number {
  let cfs = collectionFrequencies.get(frozen);
  if (!cfs) collectionFrequencies.set(frozen, (cfs = new Float64Array(frozen.terms.length).fill(NaN)));
  let cf = cfs[t]!;
  if (Number.isNaN(cf)) {
    const F = frozen.fields.length;
    cf = 0;
    for (let i = frozen.offsets[t * F]!; i < frozen.offsets[t * F + F]!; i++) cf += frozen.freqs[i]!;
    cfs[t] = cf;
  }
  return cf;
}

const frozenSources = new WeakMap<FrozenPostings, RerankSource>();

/** The re-ranker's view of one frozen index's postings. */
export function frozenRerankSource(frozen: FrozenPostings): RerankSource {
  let source = frozenSources.get(frozen);
  if (source) return source;
  const F = frozen.fields.length;
  source = {
    fields: frozen.fields,
    documentCount: frozen.documentCount,
    avgFieldLengths: frozen.avgFieldLengths,
    fieldLength: (f, shortId) => frozen.fieldLengths[f * frozen.documentCount + shortId]!,
    termStats: (term) => {
      const t = frozen.termNumbers.get(term);
      return t === undefined ? null : { df: frozen.docFreqs[t]!, cf: collectionFrequency(frozen, t) };
    },
    termFrequencies: (term, f, sorted, order, out, stride, slot) => {
      const t = frozen.termNumbers.get(term);
      if (t === undefined) return;
      const run = { docs: frozen.docs, freqs: frozen.freqs, start: frozen.offsets[t * F + f]!, end: frozen.offsets[t * F + f + 1]!, base: 0, inverse: null };
      runFrequencies(run, sorted, 0, sorted.length, order, out, stride, slot);
    },
  };
  frozenSources.set(frozen, source);
  return source;
}

const bm25 = (tf: number, length: number, avgLength: number, k: number, b: number): number =>
  tf === 0 ? 0 : (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / (avgLength || 1)));

/**
 * The feature vectors of `candidates` (short ids with first-stage scores, best first) for the
 * query `terms`, one Float64Array of RERANK_FEATURES.length values per candidate.
 */
export function candidateFeatures(source: RerankSource, terms: readonly WeightedTerm[], candidates: readonly { shortId: number; score: number }[]): Float64Array[] {
  const n = source.documentCount;
  const F = source.fields.length;
  const title = source.fields.indexOf('title');
  const abstract = source.fields.indexOf('abstract');
  // Distinct known terms, the heaviest weight kept (a typo correction may repeat a typed term).
  const byTerm = new Map<string, { df: number; cf: number; weight: number }>();
  for (const { term, weight } of terms) {
    if (weight <= 0) continue;
    const known = byTerm.get(term);
    if (known) known.weight = Math.max(known.weight, weight);
    else {
      const stats = source.termStats(term);
      if (stats) byTerm.set(term, { ...stats, weight });
    }
  }
  let avgAll = 0;
  for (let f = 0; f < F; f++) avgAll += source.avgFieldLengths[f]!;
  const collectionLength = avgAll * n || 1;
  const qTerms = [...byTerm].map(([term, { df, cf, weight }]) => {
    // The term's share of the collection's text, for query likelihood.
    return { term, weight, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)), p: Math.max(cf, 1) / collectionLength };
  });
  const idf2Mass = qTerms.reduce((sum, q) => sum + q.weight * q.idf * q.idf, 0) || 1;
  const idfMass = qTerms.reduce((sum, q) => sum + q.weight * q.idf, 0) || 1;
  const weightMass = qTerms.reduce((sum, q) => sum + q.weight, 0) || 1;
  const rarest = qTerms.reduce((best, q) => (best === null || q.idf > best.idf ? q : best), null as (typeof qTerms)[number] | null);
  const mus = [avgAll, 4 * avgAll];
  const top = candidates.length > 0 ? candidates[0]!.score : 0;
  // Term frequencies of every candidate, term and field, looked up term by term in short id order.
  const byId = Int32Array.from(candidates.keys()).sort((i, j) => candidates[i]!.shortId - candidates[j]!.shortId);
  const sortedIds = Int32Array.from(byId, (i) => candidates[i]!.shortId);
  const stride = qTerms.length * F;
  const tfTable = new Float64Array(candidates.length * stride);
  qTerms.forEach((q, qi) => {
    for (let f = 0; f < F; f++) source.termFrequencies(q.term, f, sortedIds, byId, tfTable, stride, qi * F + f);
  });
  const tfs = new Float64Array(F);
  const allBm = new Float64Array(ALL_FIELDS_BM25.length);
  const lm = new Float64Array(mus.length);
  // One buffer for every vector (views into it): a hundred small typed arrays per query were a
  // hundred off-heap allocations for the garbage collector to track.
  const all = new Float64Array(candidates.length * RERANK_FEATURES.length);
  return candidates.map(({ shortId, score }, c) => {
    const x = all.subarray(c * RERANK_FEATURES.length, (c + 1) * RERANK_FEATURES.length);
    const titleLength = title >= 0 ? source.fieldLength(title, shortId) : 0;
    const abstractLength = abstract >= 0 ? source.fieldLength(abstract, shortId) : 0;
    let allLength = 0;
    for (let f = 0; f < F; f++) allLength += source.fieldLength(f, shortId);
    let titleBm = 0;
    let abstractBm = 0;
    allBm.fill(0);
    let covered = 0;
    let idfCovered = 0;
    let titleIdf = 0;
    let matched = 0;
    let rarestIn = 0;
    lm.fill(0);
    let rareBm = 0;
    let bestTerm = 0;
    let abstractFlat = 0;
    for (let qi = 0; qi < qTerms.length; qi++) {
      const q = qTerms[qi]!;
      let tfAll = 0;
      for (let f = 0; f < F; f++) tfAll += tfs[f] = tfTable[c * stride + qi * F + f]!;
      for (let i = 0; i < mus.length; i++) lm[i]! += q.weight * Math.log((tfAll + mus[i]! * q.p) / (allLength + mus[i]!));
      if (tfAll === 0) continue;
      const wi = q.weight * q.idf;
      matched++;
      covered += q.weight;
      idfCovered += wi;
      if (q === rarest) rarestIn = 1;
      if (title >= 0) {
        titleBm += wi * bm25(tfs[title]!, titleLength, source.avgFieldLengths[title]!, FIELD_BM25[0], FIELD_BM25[1]);
        if (tfs[title]! > 0) titleIdf += wi;
      }
      if (abstract >= 0) {
        abstractBm += wi * bm25(tfs[abstract]!, abstractLength, source.avgFieldLengths[abstract]!, FIELD_BM25[0], FIELD_BM25[1]);
        abstractFlat += wi * bm25(tfs[abstract]!, abstractLength, source.avgFieldLengths[abstract]!, FIELD_BM25[0], 0.3);
      }
      for (let i = 0; i < ALL_FIELDS_BM25.length; i++) allBm[i]! += wi * bm25(tfAll, allLength, avgAll, ALL_FIELDS_BM25[i]![0], ALL_FIELDS_BM25[i]![1]);
      const one = bm25(tfAll, allLength, avgAll, ALL_FIELDS_BM25[0]![0], ALL_FIELDS_BM25[0]![1]);
      rareBm += q.weight * q.idf * q.idf * one;
      bestTerm = Math.max(bestTerm, wi * one);
    }
    x[0] = top > 0 ? score / top : 0;
    x[1] = titleBm / idfMass;
    x[2] = abstractBm / idfMass;
    x[3] = allBm[0]! / idfMass;
    x[4] = allBm[1]! / idfMass;
    x[5] = allBm[2]! / idfMass;
    x[6] = covered / weightMass;
    x[7] = idfCovered / idfMass;
    x[8] = titleIdf / idfMass;
    x[9] = matched === qTerms.length ? 1 : 0;
    x[10] = rarestIn;
    x[11] = Math.log1p(abstractLength);
    x[12] = Math.log1p(titleLength);
    x[13] = lm[0]! / weightMass;
    x[14] = lm[1]! / weightMass;
    x[15] = rareBm / idf2Mass;
    x[16] = bestTerm / idfMass;
    x[17] = abstractFlat / idfMass;
    return x;
  });
}

/** The model's score of one feature vector. */
export function modelScore(weights: readonly number[], x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (weights[i] ?? 0) * x[i]!;
  return s;
}

/**
 * `first` with its best `settings.depth` papers re-ordered by the model. Those papers' scores
 * become the model's, shifted to lie above every paper left in first-stage order (so scores
 * still fall as ranks rise); the papers matched, the total and the matched terms are unchanged.
 */
export function rerank(source: RerankSource, position: (id: string) => number | undefined, terms: readonly WeightedTerm[], first: Ranking, settings: RerankSettings): Ranking {
  const depth = Math.max(0, Math.floor(settings.depth));
  if (depth === 0 || first.total < 2 || terms.length === 0) return first;
  // One more than re-ordered: the best paper left in first-stage order bounds the new scores.
  const top = first.window(0, depth + 1);
  const below = top.length > depth ? top.pop()!.score : 0;
  const candidates = top.map((r) => ({ id: r.id, shortId: position(r.id)!, score: r.score }));
  const features = candidateFeatures(source, terms, candidates);
  const model = features.map((x) => modelScore(settings.weights, x));
  const order = candidates.map((_, i) => i).sort((a, b) => model[b]! - model[a]! || a - b);
  const floor = Math.min(...model);
  const head = order.map((i) => ({ id: candidates[i]!.id, score: below + 1 + (model[i]! - floor) }));
  return {
    total: first.total,
    window: (offset, count) => {
      const end = Math.min(first.total, offset + count);
      const out = head.slice(offset, Math.min(end, head.length));
      const from = Math.max(offset, head.length);
      if (end > from) out.push(...first.window(from, end - from));
      return out;
    },
    ids: () => first.ids(),
    matchedTerms: (id) => first.matchedTerms(id),
    filter: (keep) => rerank(source, position, terms, first.filter(keep), settings),
  };
}
