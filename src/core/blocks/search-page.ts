/**
 * One page of search results as the message to send: the one path from a page request (the
 * `/papers <query>` command, a "Next" or "Did you mean" button, "More like this", an Upvote
 * redrawing ephemeral results) to its reply. Pure: the outcome comes first, so the shell can
 * look up the workspace's vote counts for exactly those papers, then render with them.
 */
import { paperByArxivId } from '../links/known-papers.js';
import type { Paper } from '../paper.js';
import { similarPapers } from '../recommend/similar-papers.js';
import { parseQuery } from '../search/parse-query.js';
import { readPaperReferences, type PaperReferences } from '../search/paper-reference.js';
import { allPapers, getPaper, searchPapers, type SearchIndex } from '../search/search-index.js';
import { SEARCH_PAGE_SIZE, type SearchOutcome } from '../search/search-types.js';
import type { SlackMessage } from './message.js';
import type { PageRequest } from './page-value.js';
import { renderPaperLookup } from './render-paper-lookup.js';
import { NOTICES } from './render-notice.js';
import { renderSearchResults } from './render-search-results.js';

export type SearchPageRequest = PageRequest & {
  /** Plain sentences about how the command was read, shown under the answer. */
  readonly notes?: readonly string[];
  /**
   * Papers the shell found for arXiv ids beyond the index's own ids (a seed listing matched to
   * its ingested record in the store, as unfurls find it), by id; the index is searched first.
   */
  readonly linked?: ReadonlyMap<string, Paper>;
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
    // A pasted arXiv id or link names a paper: that paper, then papers like it, not a word search.
    const references = readPaperReferences(request.query);
    if (references.ids.length > 0) return lookupPage(index, request, references, notes);
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

/**
 * The papers a query names by arXiv id (any version), then papers like the first; "Next" pages
 * on through those (a "similar" request), and an Upvote redraws this message from the query.
 */
function lookupPage(index: SearchIndex, request: SearchPageRequest & { readonly kind: 'search' }, references: PaperReferences, notes: readonly string[]): Extract<SearchPage, { kind: 'page' }> {
  const papers = allPapers(index);
  const found: { arxivId: string; paper: Paper }[] = [];
  const missing: string[] = [];
  for (const arxivId of references.ids) {
    const paper = paperByArxivId(papers, arxivId) ?? request.linked?.get(arxivId);
    if (!paper) missing.push(arxivId);
    else if (!found.some((f) => f.paper.id === paper.id)) found.push({ arxivId, paper });
  }
  const page = { kind: 'search' as const, query: request.query, offset: 0 };
  const first = found[0]?.paper;
  if (!first) {
    const outcome: SearchOutcome = { kind: 'no-results', query: parseQuery(references.words), suggestion: null };
    return { kind: 'page', outcome, render: () => renderPaperLookup({ found, missing, words: references.words, page, notes }) };
  }
  const similar = similarPapers(index, first, { limit: SEARCH_PAGE_SIZE, offset: 0 });
  const pinned = found.map(({ paper }) => ({ paper, score: 0, matchedTerms: [] }));
  const outcome: SearchOutcome =
    similar.outcome.kind === 'results'
      ? { ...similar.outcome, hits: [...pinned, ...similar.outcome.hits] }
      : { kind: 'results', query: parseQuery(references.words), hits: pinned, total: pinned.length };
  return {
    kind: 'page',
    outcome,
    render: (votes) => renderPaperLookup({ found, missing, words: references.words, similar, page, notes, ...(votes ? { votes } : {}) }),
  };
}
