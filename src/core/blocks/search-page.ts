/**
 * One page of search results as the message to send: the one path from a page request (the
 * `/papers <query>` command, a "Next" or "Did you mean" button, "More like this", an Upvote
 * redrawing ephemeral results) to its reply. Pure: the outcome comes first, so the shell can
 * look up the workspace's vote counts for exactly those papers, then render with them.
 */
import { similarPapers } from '../recommend/similar-papers.js';
import { getPaper, searchPapers, type SearchIndex } from '../search/search-index.js';
import { SEARCH_PAGE_SIZE, type SearchOutcome } from '../search/search-types.js';
import type { SlackMessage } from './message.js';
import type { PageRequest } from './page-value.js';
import { NOTICES } from './render-notice.js';
import { renderSearchResults } from './render-search-results.js';

export type SearchPageRequest = PageRequest & {
  /** Plain sentences about how the command was read, shown under the answer. */
  readonly notes?: readonly string[];
};

export type SearchPage =
  | {
      readonly kind: 'page';
      readonly outcome: SearchOutcome;
      /** The message, with each paper's Upvote count when `votes` has it (0 otherwise). */
      readonly render: (votes?: ReadonlyMap<string, number>) => SlackMessage;
    }
  /** "More like this" for a paper the index does not hold (any more). */
  | { readonly kind: 'paper-not-found'; readonly message: SlackMessage };

/** A search request always gets a page; only "More like this" can name a paper that is gone. */
export function searchPage(index: SearchIndex, request: SearchPageRequest & { readonly kind: 'search' }): Extract<SearchPage, { kind: 'page' }>;
export function searchPage(index: SearchIndex, request: SearchPageRequest): SearchPage;
export function searchPage(index: SearchIndex, request: SearchPageRequest): SearchPage {
  const options = { limit: SEARCH_PAGE_SIZE, offset: request.offset };
  const notes = request.notes ?? [];
  if (request.kind === 'search') {
    const outcome = searchPapers(index, request.query, options);
    return { kind: 'page', outcome, render: (votes) => renderSearchResults(outcome, { query: request.query, offset: request.offset, notes, ...(votes ? { votes } : {}) }) };
  }
  const paper = getPaper(index, request.paperId);
  if (!paper) return { kind: 'paper-not-found', message: NOTICES.paperNotFound() };
  const { outcome, reasons } = similarPapers(index, paper, options);
  return {
    kind: 'page',
    outcome,
    render: (votes) => renderSearchResults(outcome, { query: paper.title, offset: request.offset, similarTo: paper, reasons, notes, ...(votes ? { votes } : {}) }),
  };
}
