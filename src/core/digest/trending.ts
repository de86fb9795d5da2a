/**
 * The trending score: how much a paper deserves a place in today's digest, before topic
 * relevance. Pure: `now` and the weights are arguments.
 *
 *   trending = votes + sourceUpvotes + recency
 *   votes         = Σ over this workspace's votes of 0.5^(age / voteHalfLife)
 *                   (a vote today counts 1, three days ago 0.5, a month ago ~0)
 *   sourceUpvotes = sourceWeight * ln(1 + upvotes)    (0 when the source gave none)
 *                   (log-scaled: 500 upvotes should not bury 3 fresh votes from your team)
 *   recency       = recencyWeight * 0.5^(ageDays / recencyHalfLife)   (0 when the paper has no date)
 *
 * A paper's age (paperAgeDays) runs from its freshest known date: the later of its publication
 * (arXiv, with the year) and the day it reached the Hugging Face daily list, so a paper from
 * last month trending on Hugging Face today counts as today's; a seed listing has only its
 * listing day. Those carry no year (the seed pages print "Mar 14"), so a date is read as the most
 * recent such day not after `now` (in UTC): "Mar 14" seen on 2026-11-23 means 2026-03-14, seen
 * on 2026-03-13 it means 2025-03-14. A paper listed "today" is age 0, never in the future.
 */
import type { ListingDate, Paper } from '../paper.js';

export interface TrendingWeights {
  readonly voteHalfLifeDays: number;
  readonly sourceWeight: number;
  readonly recencyWeight: number;
  readonly recencyHalfLifeDays: number;
}

export const DEFAULT_TRENDING_WEIGHTS: TrendingWeights = {
  voteHalfLifeDays: 3,
  sourceWeight: 0.5,
  recencyWeight: 1,
  recencyHalfLifeDays: 7,
};

/** Each part kept apart so the digest and the CLI preview can say why a paper ranks where it does. */
export interface TrendingScore {
  readonly votes: number;
  /** Raw number of workspace votes counted (for "3 votes from your team"). */
  readonly voteCount: number;
  readonly sourceUpvotes: number;
  readonly recency: number;
  /** Days since the paper's freshest date (paperAgeDays), or null when it has none. */
  readonly listedDaysAgo: number | null;
  readonly total: number;
}

const DAY_MS = 86_400_000;

/** Whole days from the most recent `listed` month/day (not after `now`, UTC) to `now`'s date. */
export function daysSinceListed(listed: ListingDate, now: Date): number | null {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // Feb 29 exists one year in four, so look back far enough to find the last real one.
  for (let year = now.getUTCFullYear(); year >= now.getUTCFullYear() - 8; year--) {
    const candidate = new Date(Date.UTC(year, listed.month - 1, listed.day));
    const exists = candidate.getUTCMonth() === listed.month - 1 && candidate.getUTCDate() === listed.day;
    if (exists && candidate.getTime() <= today) return Math.round((today - candidate.getTime()) / DAY_MS);
  }
  return null; // not a calendar date (month 13, Apr 31): no recency rather than a wrong one
}

/** Whole UTC days from an ISO instant's date to `now`'s, never below 0; null when it is not one. */
function daysSinceInstant(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.max(0, Math.round((today - day) / DAY_MS));
}

export type DatedPaper = Pick<Paper, 'listedOn' | 'publishedAt' | 'listedAt'>;

/** Days since the paper's freshest date (see the header), or null when it has none. */
export function paperAgeDays(paper: DatedPaper, now: Date): number | null {
  const ages = [daysSinceInstant(paper.publishedAt, now), daysSinceInstant(paper.listedAt, now)].filter((age): age is number => age !== null);
  if (ages.length > 0) return Math.min(...ages);
  return paper.listedOn ? daysSinceListed(paper.listedOn, now) : null;
}

export function trendingScore(
  paper: DatedPaper & Pick<Paper, 'sourceUpvotes'>,
  votedAt: readonly Date[],
  now: Date,
  weights: TrendingWeights = DEFAULT_TRENDING_WEIGHTS,
): TrendingScore {
  let votes = 0;
  for (const at of votedAt) {
    // A vote stamped in the future (clock skew between processes) counts as fresh, not as more.
    const ageDays = Math.max(0, now.getTime() - at.getTime()) / DAY_MS;
    votes += 0.5 ** (ageDays / weights.voteHalfLifeDays);
  }
  const upvotes = paper.sourceUpvotes;
  const sourceUpvotes = upvotes !== null && upvotes > 0 ? weights.sourceWeight * Math.log1p(upvotes) : 0;
  const listedDaysAgo = paperAgeDays(paper, now);
  const recency = listedDaysAgo === null ? 0 : weights.recencyWeight * 0.5 ** (listedDaysAgo / weights.recencyHalfLifeDays);
  return { votes, voteCount: votedAt.length, sourceUpvotes, recency, listedDaysAgo, total: votes + sourceUpvotes + recency };
}
