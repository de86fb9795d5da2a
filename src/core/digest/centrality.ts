/**
 * How central a paper is to a set of papers: the cosine between its TF-IDF vector (title and
 * abstract, through the search analyzer) and the set's normalised centroid. The overall-trending
 * digest uses it to order papers that trending cannot tell apart (same listing date, no votes,
 * no upvotes): what most of the corpus is about comes first, never the order of ids.
 *
 * The reference set is the whole corpus, or the papers this workspace upvoted when there are
 * any, so a channel's past reactions pull papers like them forward. Pure; one pass over the text.
 */
import type { Paper } from '../paper.js';
import { analyze } from '../search/analyzer.js';

/** A paper's TF-IDF vector, unit length: analysed term -> weight. */
export type Vector = Map<string, number>;

function termCounts(paper: Paper): Map<string, number> {
  const counts = new Map<string, number>();
  // The title says what a paper is about more densely than the abstract: it counts twice.
  for (const term of [...analyze(paper.title), ...analyze(paper.title), ...analyze(paper.abstract)]) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

export function normalise(vector: Vector): Vector {
  let norm = 0;
  for (const value of vector.values()) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  for (const [term, value] of vector) vector.set(term, value / norm);
  return vector;
}

function tfidfVectors(papers: readonly Paper[]): Vector[] {
  const counts = papers.map(termCounts);
  const df = new Map<string, number>();
  for (const paperCounts of counts) for (const term of paperCounts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return counts.map((paperCounts) => {
    const vector: Vector = new Map();
    for (const [term, tf] of paperCounts) {
      // A term in every paper says nothing about any of them (idf 0).
      const idf = Math.log(papers.length / (df.get(term) ?? 1));
      if (idf > 0) vector.set(term, (1 + Math.log(tf)) * idf);
    }
    return normalise(vector);
  });
}

const vectorCache = new WeakMap<readonly Paper[], Vector[]>();

/** Each paper's TF-IDF vector over this corpus, in `papers` order (computed once per array). */
export function paperVectors(papers: readonly Paper[]): readonly Vector[] {
  let vectors = vectorCache.get(papers);
  if (!vectors) {
    vectors = tfidfVectors(papers);
    vectorCache.set(papers, vectors);
  }
  return vectors;
}

/**
 * Each paper's centrality in [0, 1] by id. `reference` (paper ids) picks the papers whose
 * centroid is the measure; absent or matching none, the whole of `papers`.
 */
export function corpusCentrality(papers: readonly Paper[], reference?: ReadonlySet<string>): Map<string, number> {
  const vectors = paperVectors(papers);
  const inReference = papers.map((paper) => reference?.has(paper.id) ?? false);
  const useAll = !inReference.includes(true);
  const centroid: Vector = new Map();
  vectors.forEach((vector, i) => {
    if (!useAll && !inReference[i]) return;
    for (const [term, value] of vector) centroid.set(term, (centroid.get(term) ?? 0) + value);
  });
  normalise(centroid);
  const out = new Map<string, number>();
  vectors.forEach((vector, i) => {
    let dot = 0;
    for (const [term, value] of vector) dot += value * (centroid.get(term) ?? 0);
    out.set((papers[i] as Paper).id, dot);
  });
  return out;
}
