/**
 * One page of search or "More like this" results with the workspace's vote counts on it: what
 * "Next 5" and "More like this" show, and what an Upvote click in ephemeral results redraws in
 * place.
 */
import type { SlackMessage } from '../../core/blocks/message.js';
import type { PageRequest } from '../../core/blocks/page-value.js';
import { renderSearchResults } from '../../core/blocks/render-search-results.js';
import { similarPapers } from '../../core/recommend/similar-papers.js';
import { getPaper, searchPapers, type SearchIndex } from '../../core/search/search-index.js';
import type { SearchOutcome } from '../../core/search/search-types.js';
import type { Store } from '../../store/store.js';
import { unlessStoreUnavailable } from '../best-effort.js';
import { PAGE_SIZE } from '../subcommands/search.js';

export type VoteCountStore = Pick<Store, 'voteCounts'>;

/**
 * Counts for the papers of an outcome; none without a store or a workspace. The counts decorate
 * the answer: a database that is down costs them, never the search (isStoreUnavailable).
 */
export async function outcomeVotes(store: VoteCountStore | null | undefined, teamId: string | undefined, outcome: SearchOutcome): Promise<Map<string, number>> {
  if (!store || !teamId || outcome.kind !== 'results') return new Map();
  const ids = outcome.hits.map((hit) => hit.paper.id);
  return unlessStoreUnavailable(() => store.voteCounts(teamId, ids), new Map<string, number>());
}

/** The page `request` names, or null when its paper is no longer in the corpus. */
export async function renderResultsPage(
  index: SearchIndex,
  store: VoteCountStore | null | undefined,
  teamId: string | undefined,
  request: PageRequest,
): Promise<SlackMessage | null> {
  const options = { limit: PAGE_SIZE, offset: request.offset };
  if (request.kind === 'search') {
    const outcome = searchPapers(index, request.query, options);
    return renderSearchResults(outcome, { query: request.query, offset: request.offset, votes: await outcomeVotes(store, teamId, outcome) });
  }
  const paper = getPaper(index, request.paperId);
  if (!paper) return null;
  const { outcome, reasons } = similarPapers(index, paper, options);
  return renderSearchResults(outcome, { query: paper.title, offset: request.offset, similarTo: paper, reasons, votes: await outcomeVotes(store, teamId, outcome) });
}
