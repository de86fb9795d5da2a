/**
 * Which papers a channel gets today. Pure: the search is a function passed in (compose-digest
 * hands it the real index), and `now`, votes and the delivered set are arguments.
 *
 * - With topics: each topic is run as a search query; a paper qualifies when it is a strong
 *   enough hit for at least one topic (relative to that topic's best hit, because raw search
 *   scores are not comparable across queries). Its score is trending + RELEVANCE_WEIGHT x its
 *   best relative relevance, so a well-matching paper from last week can beat a weak match from
 *   today, but among good matches what the team votes on rises.
 * - Without topics: the recent papers first (dated within `recentDays` of `now`, by publication
 *   or listing date: paperAgeDays; or upvoted by this workspace within them), by trending score; then, when those run out (a quiet week, a
 *   seed corpus only), the older ones by the same score. Papers trending cannot tell
 *   apart (same listing date, no votes or upvotes: most of a fresh seed corpus) go by how central
 *   they are to the corpus' topics, or to the papers this workspace upvoted (centrality.ts).
 * - Never a paper this channel has already received; at most `maxPapers`; null when nothing is left.
 * - Every topic with a candidate gets at least one slot before the rest are filled by score, so
 *   `diffusion, quantization` does not come back as five diffusion papers.
 * - Remaining ties break by paper id, so the same inputs always give the same digest.
 */
import type { Paper } from '../paper.js';
import type { SearchHit } from '../search/search-types.js';
import { corpusCentrality } from './centrality.js';
import { DEFAULT_TRENDING_WEIGHTS, paperAgeDays, trendingScore, type TrendingScore, type TrendingWeights } from './trending.js';

/** How many days back an overall-trending digest looks first (DIGEST_TRENDING_DAYS). */
export const DEFAULT_TRENDING_DAYS = 7;

/** How much a perfect topic match is worth, in "fresh votes". */
export const RELEVANCE_WEIGHT = 2;
/** Hits weaker than this fraction of the topic's best hit are noise, not matches. */
export const MIN_RELATIVE_RELEVANCE = 0.2;
/** Weight of each further matched topic, relative to the best one. */
export const MULTI_TOPIC_BONUS = 0.5;
/** How many hits per topic to consider: enough to get past papers the channel already has. */
export const HITS_PER_TOPIC = 100;

export interface TopicMatch {
  readonly topic: string;
  /** Analysed query terms the paper matched (from the search index). */
  readonly matchedTerms: readonly string[];
  /** This hit's score over the topic's best hit score, in (0, 1]. */
  readonly relevance: number;
}

export interface DigestItem {
  readonly paper: Paper;
  readonly score: number;
  readonly trending: TrendingScore;
  /** Best relative relevance, plus MULTI_TOPIC_BONUS x each other matched topic's; 0 for overall trending. */
  readonly relevance: number;
  /** Why it is here: the topics it matched, strongest first. Empty for overall trending. */
  readonly matches: readonly TopicMatch[];
  /**
   * Overall trending only (null with topics): cosine to the centroid of `centralTo`, the
   * corpus or the papers this workspace upvoted; it orders papers of equal trending score.
   */
  readonly centrality: number | null;
  readonly centralTo: 'corpus' | 'upvoted' | null;
}

export interface DigestSelection {
  /** The channel's topics; empty means overall trending. */
  readonly topics: readonly string[];
  /** Best first. Never empty (the selector returns null instead). */
  readonly items: readonly DigestItem[];
}

export interface SelectDigestInput {
  readonly topics: readonly string[];
  /** The whole corpus: candidates for an overall-trending digest. */
  readonly papers: readonly Paper[];
  /** Runs one topic as a search query; hits best first. */
  readonly searchTopic: (topic: string, limit: number) => readonly SearchHit[];
  readonly delivered: ReadonlySet<string>;
  /** This workspace's votes (any window; older votes decay to nothing). */
  readonly votes: readonly { readonly paperId: string; readonly votedAt: readonly Date[] }[];
  readonly now: Date;
  readonly maxPapers: number;
  readonly weights?: TrendingWeights;
  /** Overall trending: papers dated within this many days come first. Default DEFAULT_TRENDING_DAYS. */
  readonly recentDays?: number;
}

const byScoreThenId = (a: DigestItem, b: DigestItem): number =>
  b.score - a.score || (b.centrality ?? 0) - (a.centrality ?? 0) || (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0);

export function selectDigest(input: SelectDigestInput): DigestSelection | null {
  const weights = input.weights ?? DEFAULT_TRENDING_WEIGHTS;
  const votesByPaper = new Map(input.votes.map((tally) => [tally.paperId, tally.votedAt]));
  const trendingOf = (paper: Paper): TrendingScore => trendingScore(paper, votesByPaper.get(paper.id) ?? [], input.now, weights);

  let candidates: DigestItem[];
  if (input.topics.length === 0) {
    const upvoted = new Set(input.votes.filter((tally) => tally.votedAt.length > 0).map((tally) => tally.paperId));
    const centralTo = input.papers.some((paper) => upvoted.has(paper.id)) ? 'upvoted' : 'corpus';
    const centrality = corpusCentrality(input.papers, upvoted);
    candidates = input.papers
      .filter((paper) => !input.delivered.has(paper.id))
      .map((paper) => {
        const trending = trendingOf(paper);
        return { paper, score: trending.total, trending, relevance: 0, matches: [], centrality: centrality.get(paper.id) ?? 0, centralTo };
      });
  } else {
    const matched = new Map<string, { paper: Paper; matches: TopicMatch[] }>();
    for (const topic of input.topics) {
      const hits = input.searchTopic(topic, HITS_PER_TOPIC);
      const best = hits[0]?.score ?? 0;
      if (!(best > 0)) continue;
      for (const hit of hits) {
        const relevance = hit.score / best;
        if (relevance < MIN_RELATIVE_RELEVANCE || input.delivered.has(hit.paper.id)) continue;
        const entry = matched.get(hit.paper.id) ?? { paper: hit.paper, matches: [] };
        entry.matches.push({ topic, matchedTerms: hit.matchedTerms, relevance });
        matched.set(hit.paper.id, entry);
      }
    }
    candidates = [...matched.values()].map(({ paper, matches }) => {
      const trending = trendingOf(paper);
      const sorted = [...matches].sort((a, b) => b.relevance - a.relevance);
      // A paper on several of the channel's topics ("quantized diffusion models" for `diffusion,
      // quantization`) is what such a channel wants most: other topics add half their relevance.
      const relevance = sorted.reduce((sum, match, i) => sum + (i === 0 ? match.relevance : MULTI_TOPIC_BONUS * match.relevance), 0);
      return { paper, score: trending.total + RELEVANCE_WEIGHT * relevance, trending, relevance, matches: sorted, centrality: null, centralTo: null };
    });
  }

  candidates.sort(byScoreThenId);
  if (input.topics.length === 0) {
    // Recent papers first, the rest after them; each part keeps its order by score.
    const recentDays = input.recentDays ?? DEFAULT_TRENDING_DAYS;
    const since = input.now.getTime() - recentDays * 86_400_000;
    // Recent: dated within the window, or upvoted in this workspace within it (what the team
    // is reading now is trending, whenever it came out).
    const isRecent = (item: DigestItem): boolean => {
      const age = paperAgeDays(item.paper, input.now);
      return (age !== null && age <= recentDays) || (votesByPaper.get(item.paper.id) ?? []).some((at) => at.getTime() >= since);
    };
    candidates = [...candidates.filter(isRecent), ...candidates.filter((item) => !isRecent(item))];
  }
  const chosen = new Set<DigestItem>();
  // One slot per topic first (in the order the channel listed them), then the rest by score.
  for (const topic of input.topics) {
    if (chosen.size >= input.maxPapers) break;
    const best = candidates.find((item) => !chosen.has(item) && item.matches.some((m) => m.topic === topic));
    if (best) chosen.add(best);
  }
  for (const item of candidates) {
    if (chosen.size >= input.maxPapers) break;
    chosen.add(item);
  }
  if (chosen.size === 0) return null;
  // With topics, best first; overall trending keeps the recent papers ahead of older ones.
  return { topics: input.topics, items: input.topics.length > 0 ? [...chosen].sort(byScoreThenId) : [...chosen] };
}
