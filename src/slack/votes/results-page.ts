/**
 * One page of search or "More like this" results with the workspace's vote counts on it: what
 * "Next 5" and "More like this" show, and what an Upvote click in ephemeral results redraws in
 * place.
 */
import type { SlackMessage } from '../../core/blocks/message.js';
import { searchPage, type SearchPageRequest } from '../../core/blocks/search-page.js';
import type { SearchIndex } from '../../core/search/search-index.js';
import { inline, type RunSearch } from '../../corpus/foreground.js';
import type { SearchOutcome } from '../../core/search/search-types.js';
import type { Store } from '../../store/store.js';
import { unlessStoreUnavailable } from '../best-effort.js';
import { linkedPapers } from '../unfurls/linked-papers.js';

export type VoteCountStore = Pick<Store, 'voteCounts'>;
/** The vote counts, and the ingested records a pasted arXiv id may name (linked-papers.ts). */
export type ResultsPageStore = VoteCountStore & Partial<Pick<Store, 'findPapers'>>;

/**
 * Counts for the papers of an outcome; none without a store or a workspace. The counts decorate
 * the answer: a database that is down costs them, never the search (isStoreUnavailable).
 */
export async function outcomeVotes(store: VoteCountStore | null | undefined, teamId: string | undefined, outcome: SearchOutcome): Promise<Map<string, number>> {
  if (!store || !teamId || outcome.kind !== 'results') return new Map();
  const ids = outcome.hits.map((hit) => hit.paper.id);
  return unlessStoreUnavailable(() => store.voteCounts(teamId, ids), new Map<string, number>());
}

/** The page `request` names, with vote counts, or null when its paper is no longer in the corpus. */
export async function renderResultsPage(
  index: SearchIndex,
  store: ResultsPageStore | null | undefined,
  teamId: string | undefined,
  request: SearchPageRequest,
  runSearch: RunSearch = inline,
): Promise<SlackMessage | null> {
  const linked = request.kind === 'search' ? await linkedPapers(index, store, request.query) : undefined;
  const page = runSearch(() => searchPage(index, linked && linked.size > 0 ? { ...request, linked } : request));
  if (page.kind === 'paper-not-found') return null;
  return page.render(await outcomeVotes(store, teamId, page.outcome));
}
