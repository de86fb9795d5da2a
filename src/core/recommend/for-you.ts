/**
 * "For you": papers like the ones a reader saved or voted for, as arxiv-sanity recommends from
 * tf-idf: the centroid of the liked papers' TF-IDF vectors (title counted twice, the corpus's
 * idf), each term's weight scaled by the share of liked papers that have it, and every other
 * paper ranked by its cosine to it. The scaling is what makes the common theme win: three saved
 * diffusion papers, two of them about distillation, should bring diffusion papers, not papers on
 * knowledge distillation. Never a liked paper, a duplicate of one
 * (same normalised title) or an excluded one (shown recently). Pure.
 */
import { normalise, paperVectors, type Vector } from '../digest/centrality.js';
import type { Paper } from '../paper.js';
import { titleKey } from '../text/normalize.js';
import { sharedTerms, surfaceWords } from './salient-terms.js';

export interface Recommendation {
  readonly paper: Paper;
  /** Cosine to the reader's centroid, in (0, 1]. */
  readonly score: number;
  /** Up to three words the paper shares with what the reader liked, most telling first. */
  readonly because: readonly string[];
}

export function recommendForYou(papers: readonly Paper[], liked: ReadonlySet<string>, exclude: ReadonlySet<string>, limit: number): Recommendation[] {
  if (liked.size === 0 || limit <= 0) return [];
  const vectors = paperVectors(papers);
  const centroid: Vector = new Map();
  const holders = new Map<string, number>();
  const likedTitles = new Set<string>();
  let likedCount = 0;
  papers.forEach((paper, i) => {
    if (!liked.has(paper.id)) return;
    likedCount++;
    likedTitles.add(titleKey(paper.title));
    for (const [term, weight] of vectors[i] as Vector) {
      centroid.set(term, (centroid.get(term) ?? 0) + weight);
      holders.set(term, (holders.get(term) ?? 0) + 1);
    }
  });
  if (centroid.size === 0) return [];
  for (const [term, weight] of centroid) centroid.set(term, weight * ((holders.get(term) ?? 0) / likedCount) ** 2);
  normalise(centroid);
  const scored: { index: number; score: number }[] = [];
  papers.forEach((paper, i) => {
    if (liked.has(paper.id) || exclude.has(paper.id) || likedTitles.has(titleKey(paper.title))) return;
    let dot = 0;
    for (const [term, weight] of vectors[i] as Vector) dot += weight * (centroid.get(term) ?? 0);
    if (dot > 0) scored.push({ index: i, score: dot });
  });
  scored.sort((a, b) => b.score - a.score || ((papers[a.index] as Paper).id < (papers[b.index] as Paper).id ? -1 : 1));
  return scored.slice(0, limit).map(({ index, score }) => {
    const paper = papers[index] as Paper;
    return { paper, score, because: surfaceWords(sharedTerms(vectors[index] as Vector, centroid), paper) };
  });
}
