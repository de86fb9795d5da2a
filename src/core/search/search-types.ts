/**
 * The shapes the search module hands to its callers (Slack rendering, CLI, digest, benches).
 * The module itself lives in ./search-index.ts; this file is types only so callers can be
 * written against it without importing MiniSearch.
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
  /** True when nothing searchable is left (empty, or stop words only). */
  readonly isEmpty: boolean;
}

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
    }
  /** Nothing matched; `suggestion` is a close query that would match, when one exists. */
  | { readonly kind: 'no-results'; readonly query: ParsedQuery; readonly suggestion: string | null }
  /** Nothing to search for: the caller should show help, not an error. */
  | { readonly kind: 'empty-query'; readonly query: ParsedQuery };

export interface SearchOptions {
  /** How many hits to return (default 5). */
  readonly limit?: number;
  /** How many best hits to skip first, for "Next 5" (default 0). */
  readonly offset?: number;
  /** The most work the query may do (default QUERY_BUDGET in search-index.ts). */
  readonly budget?: { readonly rankEntries: number; readonly phraseSteps: number };
}
