/**
 * Gathers what one user's Home tab shows, from the store and the corpus served now, and hands it
 * to the pure parts: recommendations (core/recommend/for-you.ts), trending (trending-papers.ts,
 * the digest's score over this week's votes), each subscription's next digest (the scheduler's
 * rule, nextDigestFor) and the renderer. Records the "For you" papers as shown, so a later visit
 * (after the current session) offers others for a week.
 */
import type { HomeInput, HomeSubscription } from '../../core/blocks/render-home.js';
import type { Paper } from '../../core/paper.js';
import { recommendForYou } from '../../core/recommend/for-you.js';
import { trendingPapers } from '../../core/recommend/trending-papers.js';
import { allPapers, getPaper, type SearchIndex } from '../../core/search/search-index.js';
import type { SlackStore } from '../deps.js';
import { nextDigestFor, subscriptionView } from '../subcommands/subscription-view.js';

const DAY_MS = 86_400_000;
/** Papers shown this long ago or less still belong to the current visit: refreshes keep them. */
const SESSION_MS = 3_600_000;
export const FOR_YOU_SIZE = 5;
export const TRENDING_SIZE = 5;

export async function loadHome(store: SlackStore, index: SearchIndex, teamId: string, userId: string, now: Date): Promise<HomeInput> {
  const papers = allPapers(index);
  const [entries, voted, shownWeek, shownSession, weekVotes, subscriptions] = await Promise.all([
    store.listSaveEntries(teamId, userId),
    store.userVotes(teamId, userId),
    store.shownSince(teamId, userId, new Date(now.getTime() - 7 * DAY_MS)),
    store.shownSince(teamId, userId, new Date(now.getTime() - SESSION_MS)),
    store.votesSince(teamId, new Date(now.getTime() - 7 * DAY_MS)),
    store.listSubscriptions(),
  ]);

  const unread: Paper[] = [];
  let read = 0;
  let missing = 0;
  for (const entry of entries) {
    const paper = getPaper(index, entry.paperId);
    if (!paper) missing++;
    else if (entry.readAt) read++;
    else unread.push(paper);
  }

  const liked = new Set([...entries.map((e) => e.paperId), ...voted]);
  const shownBefore = new Set([...shownWeek].filter((id) => !shownSession.has(id)));
  const votes = new Map(weekVotes.map((t) => [t.paperId, t.votedAt]));
  const trained = liked.size > 0;
  const forYouItems = trained
    ? recommendForYou(papers, liked, shownBefore, FOR_YOU_SIZE)
    : trendingPapers(papers, votes, now, FOR_YOU_SIZE).map(({ paper }) => ({ paper, score: 0, because: [] }));
  if (trained) await store.recordShown(teamId, userId, forYouItems.map((item) => item.paper.id), now);
  // The same paper twice on one screen says nothing new: trending leaves out what For you shows.
  const trending = trendingPapers(papers, votes, now, TRENDING_SIZE, new Set(forYouItems.map((item) => item.paper.id)));

  const homeSubscriptions: HomeSubscription[] = await Promise.all(
    subscriptions
      .filter((sub) => sub.teamId === teamId)
      .map(async (sub) => ({ view: subscriptionView(sub), next: sub.pausedReason ? null : await nextDigestFor(store, sub, now) })),
  );

  const shownIds = [...forYouItems.map((i) => i.paper.id), ...unread.map((p) => p.id), ...trending.map((t) => t.paper.id)];
  return {
    saved: { papers: unread, missing, read },
    forYou: { trained, items: forYouItems },
    trending,
    subscriptions: homeSubscriptions,
    votes: await store.voteCounts(teamId, [...new Set(shownIds)]),
  };
}
