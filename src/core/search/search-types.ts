/**
 * The shapes the search module hands to its callers (Slack rendering, CLI, digest, benches).
 * The module's functions are behind ./search-index.ts; this file holds only these shapes and
 * the page size, so callers can be written against it without importing MiniSearch.
 */
import type { Paper } from '../paper.js';

/** What the user typed, understood. */
export interface ParsedQuery {
  /** Plain words, as typed (lower-cased); analysed by the index's own tokenizer. */
  readonly terms: readonly string[];
  /** `"exact phrase"` parts, each must appear in title or abstract as a phrase. */
  readonly phrases: readonly string[];
  /** `-word` parts: a paper containing any of these (after analysis) is dropped. */
  readonly excluded: readonly string[];
  /** True when nothing searchable is left (empty, or stop words only); filters are not words. */
  readonly isEmpty: boolean;
  /** `has:code` / `-has:code` parts (query-filters.ts); absent when there are none. */
  readonly filters?: readonly QueryFilter[];
  /** `has:` parts naming no filter paperboy has ("xyz" for `has:xyz`); absent when there are none. */
  readonly unknownFilters?: readonly string[];
}

/** A `has:NAME` part: papers with it, or (negated, `-has:NAME`) papers without it. */
export interface QueryFilter {
  readonly name: FilterName;
  readonly negated: boolean;
}

/** The filters `has:` takes; query-filters.ts says what each means. */
export type FilterName = 'code';

export interface SearchHit {
  readonly paper: Paper;
  readonly score: number;
  /** Query terms (analysed) that matched, for bolding and "why it matched". */
  readonly matchedTerms: readonly string[];
}

export type SearchOutcome =
  /**
   * Results, best first. `total` counts every match, `hits` is the requested window. When the
   * query's quoted phrases matched nothing, the results are for their words instead and
   * `unmatchedPhrases` names the phrases no paper holds (all of them when each is held by some
   * paper but none holds them together with the rest of the query).
   */
  | {
      readonly kind: 'results';
      readonly query: ParsedQuery;
      readonly hits: readonly SearchHit[];
      readonly total: number;
      readonly unmatchedPhrases?: readonly string[];
      /**
       * Set when the query would have taken longer than a request may hold the bot: the work
       * was cut off and these are the results found within the budget; says what was left out.
       */
      readonly partial?: string;
      /**
       * Set when the query had filters but no words: these are every paper passing the filters,
       * newest first, not a ranking by relevance.
       */
      readonly listing?: 'newest';
    }
  /** Nothing matched; `suggestion` is a close query that would match, when one exists. */
  | { readonly kind: 'no-results'; readonly query: ParsedQuery; readonly suggestion: string | null }
  /** `has:` named filters paperboy does not have: nothing was searched (a literal search would mislead). */
  | { readonly kind: 'unknown-filter'; readonly query: ParsedQuery; readonly unknown: readonly string[] }
  /** Nothing to search for: the caller should show help, not an error. */
  | { readonly kind: 'empty-query'; readonly query: ParsedQuery };

/** Papers on one page of results: what a search returns unless told otherwise, and what "Next" pages by. */
export const SEARCH_PAGE_SIZE = 5;

export interface SearchOptions {
  /** How many hits to return (default SEARCH_PAGE_SIZE). */
  readonly limit?: number;
  /** How many best hits to skip first, for "Next 5" (default 0). */
  readonly offset?: number;
  /** The most work the query may do (default QUERY_BUDGET in plan-query.ts). */
  readonly budget?: { readonly rankEntries: number; readonly phraseSteps: number };
}
