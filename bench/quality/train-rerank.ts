/**
 * Learns the second stage's weights (src/core/search/rerank.ts) on the SciFact TRAIN split only
 * (the test split is never read here): `npx tsx bench/quality/train-rerank.ts [--data DIR]
 * [--depths 20,50,100] [--folds 5] [--title T] [--b B] [--method ca|ranknet|ranknet+ca] [--l2 X]`.
 *
 * The model is linear, trained by coordinate ascent on nDCG@10 (Metzler & Croft 2007, as
 * RankLib's CoordinateAscent: each weight in turn is moved by growing steps either way, the best
 * move kept, the weights scaled to unit L1 norm after each pass, until a pass gains < 1e-4).
 * nDCG@10 here uses trec_eval 9.0.4+'s discount and the qrels' ideal (trec-metrics.ts).
 * Hyperparameters (the depth re-ranked) are picked by k-fold cross-validation within train: the
 * model is trained on k-1 folds and scored on the held-out one. The chosen depth is then trained
 * on all of train and its weights printed for DEFAULT_SEARCH_SETTINGS.rerank.
 */
import { firstStage } from '../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../../src/core/search/search-settings.js';
import { candidateFeatures, frozenRerankSource, RERANK_FEATURES } from '../../src/core/search/rerank.js';
import { buildPaperboyIndex, DEFAULT_DATA_DIR, flag, loadScifact } from './scifact.js';

interface Query {
  readonly id: string;
  /** Candidates x features, row-major. */
  readonly x: Float64Array;
  readonly gains: Float64Array;
  readonly idcg: number;
}

const NF = RERANK_FEATURES.length;
const CUTOFF = 10;

function idealDcg(judged: ReadonlyMap<string, number>): number {
  const gains = [...judged.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, CUTOFF);
  return gains.reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
}

/** nDCG@10 of one query under scores s (ties: first-stage order, as rerank.ts breaks them). */
function ndcg(q: Query, s: Float64Array, n: number): number {
  if (q.idcg === 0) return 0;
  const top: number[] = [];
  for (let i = 0; i < n; i++) {
    if (top.length === CUTOFF && s[i]! <= s[top[CUTOFF - 1]!]!) continue;
    let j = top.length < CUTOFF ? top.length : CUTOFF - 1;
    top[j] = i;
    while (j > 0 && s[top[j - 1]!]! < s[i]!) {
      top[j] = top[j - 1]!;
      top[j - 1] = i;
      j--;
    }
  }
  let dcg = 0;
  top.forEach((i, r) => {
    dcg += q.gains[i]! / Math.log2(r + 2);
  });
  return dcg / q.idcg;
}

/** Mean nDCG@10 over `queries`, each re-ranked to `depth` by `w`. */
function meanNdcg(queries: readonly Query[], w: Float64Array, depth: number): number {
  let sum = 0;
  const s = new Float64Array(depth);
  for (const q of queries) {
    const n = Math.min(depth, q.gains.length);
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let f = 0; f < NF; f++) v += w[f]! * q.x[i * NF + f]!;
      s[i] = v;
    }
    sum += ndcg(q, s, n);
  }
  return queries.length ? sum / queries.length : 0;
}

function normalise(w: Float64Array): void {
  const l1 = w.reduce((a, b) => a + Math.abs(b), 0);
  if (l1 > 0) for (let f = 0; f < NF; f++) w[f]! /= l1;
}

/** Coordinate ascent from `init`, or from the first stage alone (weight 1 on firstStage). */
function coordinateAscent(queries: readonly Query[], depth: number, log = false, init?: Float64Array): { w: Float64Array; train: number } {
  const w = new Float64Array(NF);
  if (init) w.set(init);
  else w[0] = 1;
  let best = meanNdcg(queries, w, depth);
  for (let pass = 0; pass < 20; pass++) {
    const start = best;
    for (let f = 0; f < NF; f++) {
      const original = w[f]!;
      let bestValue = original;
      for (const dir of [1, -1]) {
        for (let step = 0.002; step < 4; step *= 2) {
          w[f] = original + dir * step;
          const score = meanNdcg(queries, w, depth);
          if (score > best + 1e-9) {
            best = score;
            bestValue = w[f]!;
          }
        }
      }
      w[f] = bestValue;
    }
    normalise(w);
    best = meanNdcg(queries, w, depth);
    if (log) console.log(`  pass ${pass + 1}: ${best.toFixed(4)}`);
    if (best - start < 1e-4) break;
  }
  return { w, train: best };
}

/**
 * A linear RankNet (pairwise logistic loss on relevant-over-non-relevant candidate pairs, L2
 * penalty `l2`), by full-batch gradient descent on standardised features; the weights are mapped
 * back to the raw features (a per-feature scale; the offset does not change an order). Then
 * coordinate ascent may refine them on nDCG@10 itself.
 */
function rankNet(queries: readonly Query[], depth: number, l2: number): Float64Array {
  const mean = new Float64Array(NF);
  const sd = new Float64Array(NF);
  let count = 0;
  for (const q of queries) {
    const n = Math.min(depth, q.gains.length);
    for (let i = 0; i < n; i++) for (let f = 0; f < NF; f++) mean[f]! += q.x[i * NF + f]!;
    count += n;
  }
  for (let f = 0; f < NF; f++) mean[f]! /= count || 1;
  for (const q of queries) {
    const n = Math.min(depth, q.gains.length);
    for (let i = 0; i < n; i++) for (let f = 0; f < NF; f++) sd[f]! += (q.x[i * NF + f]! - mean[f]!) ** 2;
  }
  for (let f = 0; f < NF; f++) sd[f] = Math.sqrt(sd[f]! / (count || 1)) || 1;
  const pairs: { q: Query; i: number; j: number }[] = [];
  for (const q of queries) {
    const n = Math.min(depth, q.gains.length);
    for (let i = 0; i < n; i++) if (q.gains[i]! > 0) for (let j = 0; j < n; j++) if (q.gains[j]! < q.gains[i]!) pairs.push({ q, i, j });
  }
  const w = new Float64Array(NF);
  const grad = new Float64Array(NF);
  const diff = new Float64Array(NF);
  for (let iter = 0; iter < 300; iter++) {
    grad.fill(0);
    for (const { q, i, j } of pairs) {
      let s = 0;
      for (let f = 0; f < NF; f++) {
        diff[f] = (q.x[i * NF + f]! - q.x[j * NF + f]!) / sd[f]!;
        s += w[f]! * diff[f]!;
      }
      const g = -1 / (1 + Math.exp(s));
      for (let f = 0; f < NF; f++) grad[f]! += g * diff[f]!;
    }
    for (let f = 0; f < NF; f++) w[f]! -= 0.5 * (grad[f]! / (pairs.length || 1) + l2 * w[f]!);
  }
  const raw = Float64Array.from(w, (v, f) => v / sd[f]!);
  normalise(raw);
  return raw;
}

function main(): void {
  const argv = process.argv.slice(2);
  const data = loadScifact(flag(argv, 'data') ?? DEFAULT_DATA_DIR);
  const depths = (flag(argv, 'depths') ?? '20,50,100').split(',').map(Number);
  const k = Number(flag(argv, 'folds') ?? 5);
  // The first stage's knobs may be varied too (`--title 0.75 --b 0.55`), to pick them by the
  // cross-validated figure of the whole pipeline rather than by the first stage alone.
  const D = DEFAULT_SEARCH_SETTINGS;
  const title = Number(flag(argv, 'title') ?? D.boost.title);
  const b = Number(flag(argv, 'b') ?? D.bm25.b);
  const settings: SearchSettings = { ...D, boost: { ...D.boost, title }, bm25: { ...D.bm25, b }, rerank: { ...D.rerank, depth: 0 } };
  console.log(`first stage: title ${title}, bm25 ${JSON.stringify(settings.bm25)}, coordination ${settings.coordination}`);
  const index = buildPaperboyIndex(data, settings);
  const maxDepth = Math.max(...depths);
  // --method ca (coordinate ascent from the first stage), ranknet (pairwise logistic, --l2), or
  // ranknet+ca (coordinate ascent from the RankNet weights).
  const method = flag(argv, 'method') ?? 'ca';
  const l2 = Number(flag(argv, 'l2') ?? 0.001);
  const fit = (qs: readonly Query[], depth: number, log = false): Float64Array => {
    if (method === 'ca') return coordinateAscent(qs, depth, log).w;
    const net = rankNet(qs, depth, l2);
    if (method === 'ranknet') return net;
    if (method === 'ranknet+ca') return coordinateAscent(qs, depth, log, net).w;
    throw new Error(`no method ${method}: ca, ranknet or ranknet+ca`);
  };
  console.log(`method ${method}${method === 'ca' ? '' : `, l2 ${l2}`}`);
  const queries: Query[] = [];
  for (const [qid, judged] of data.qrels.train) {
    const { terms, candidates } = firstStage(index, data.queries.get(qid) ?? '', maxDepth);
    const rows = candidateFeatures(frozenRerankSource(index.postings), terms, candidates);
    const x = new Float64Array(rows.length * NF);
    rows.forEach((row, i) => x.set(row, i * NF));
    queries.push({ id: qid, x, gains: Float64Array.from(candidates, (c) => Math.max(0, judged.get(c.id) ?? 0)), idcg: idealDcg(judged) });
  }
  const first = new Float64Array(NF);
  first[0] = 1;
  console.log(`train: ${queries.length} queries, first stage alone nDCG@10 ${meanNdcg(queries, first, maxDepth).toFixed(4)}`);

  // Folds by position in the qrels, every k-th query, so each fold spans the id range.
  const folds = Array.from({ length: k }, (_, f) => queries.filter((_, i) => i % k === f));
  let chosen = { depth: depths[0]!, cv: -1 };
  for (const depth of depths) {
    const held: number[] = [];
    for (let f = 0; f < k; f++) {
      const rest = folds.filter((_, g) => g !== f).flat();
      held.push(meanNdcg(folds[f]!, fit(rest, depth), depth));
    }
    const cv = held.reduce((a, b) => a + b, 0) / k;
    const base = folds.map((fold) => meanNdcg(fold, first, depth)).reduce((a, b) => a + b, 0) / k;
    console.log(`depth ${depth}: ${k}-fold CV nDCG@10 ${cv.toFixed(4)} (first stage ${base.toFixed(4)}; folds ${held.map((h) => h.toFixed(4)).join(' ')})`);
    if (cv > chosen.cv) chosen = { depth, cv };
  }
  console.log(`chosen depth ${chosen.depth}; training on all of train`);
  const w = fit(queries, chosen.depth, true);
  const train = meanNdcg(queries, w, chosen.depth);
  console.log(`train nDCG@10 ${train.toFixed(4)}`);
  RERANK_FEATURES.forEach((name, f) => console.log(`  ${name.padEnd(18)} ${w[f]!.toFixed(4)}`));
  console.log(`rerank: { depth: ${chosen.depth}, weights: [${Array.from(w, (v) => Number(v.toFixed(4))).join(', ')}] }`);
}

main();
