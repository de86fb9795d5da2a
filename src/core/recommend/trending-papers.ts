/**
 * The workspace's trending papers: the digest's trending score (votes with time decay, source
 * upvotes, recency; core/digest/trending.ts) over the whole corpus, highest first. Pure.
 */
import { DEFAULT_TRENDING_WEIGHTS, trendingScore, type TrendingScore, type TrendingWeights } from '../digest/trending.js';
import type { Paper } from '../paper.js';

export interface TrendingPaper {
  readonly paper: Paper;
  readonly trending: TrendingScore;
}

export function trendingPapers(
  papers: readonly Paper[],
  votes: ReadonlyMap<string, readonly Date[]>,
  now: Date,
  limit: number,
  exclude: ReadonlySet<string> = new Set(),
  weights: TrendingWeights = DEFAULT_TRENDING_WEIGHTS,
): TrendingPaper[] {
  const scored: TrendingPaper[] = [];
  for (const paper of papers) {
    if (exclude.has(paper.id)) continue;
    const trending = trendingScore(paper, votes.get(paper.id) ?? [], now, weights);
    if (trending.total > 0) scored.push({ paper, trending });
  }
  return scored.sort((a, b) => b.trending.total - a.trending.total || (a.paper.id < b.paper.id ? -1 : 1)).slice(0, limit);
}
