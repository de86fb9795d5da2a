/**
 * A query's page of results: the first stage (plan-query.ts), the re-ranker (rerank.ts), the
 * page window, and, when a quoted phrase no paper holds, the answer for its words instead.
 */
import { filterRanking, listFiltered } from './filtered-search.js';
import type { Ranking } from './impact-ranker.js';
import { rerankSource, type SearchIndex } from './index-shape.js';
import { parseQuery } from './parse-query.js';
import { firstPass } from './plan-query.js';
import { rerank } from './rerank.js';
import { SEARCH_PAGE_SIZE, type ParsedQuery, type SearchHit, type SearchOptions, type SearchOutcome } from './search-types.js';
import { suggest } from './suggest.js';

/** What matched, in ranking order, and whose terms explain each hit (the typed words). */
export interface Matches {
  readonly ranked: Ranking;
  readonly explained: Ranking;
}

export function toOutcome(index: SearchIndex, query: ParsedQuery, matches: Matches, options: SearchOptions, partial?: string): Extract<SearchOutcome, { kind: 'results' }> {
  const limit = Math.max(0, Math.floor(options.limit ?? SEARCH_PAGE_SIZE));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const hits: SearchHit[] = matches.ranked.window(offset, limit).map((r) => ({
    paper: index.papers.get(r.id)!,
    score: r.score,
    matchedTerms: matches.explained.matchedTerms(r.id),
  }));
  return { kind: 'results', query, hits, total: matches.ranked.total, ...(partial === undefined ? {} : { partial }) };
}

export function searchPapers(index: SearchIndex, query: string | ParsedQuery, options: SearchOptions = {}): SearchOutcome {
  const parsed = typeof query === 'string' ? parseQuery(query) : query;
  if (parsed.unknownFilters) return { kind: 'unknown-filter', query: parsed, unknown: parsed.unknownFilters };
  if (parsed.isEmpty) return parsed.filters ? listFiltered(index, parsed, options) : { kind: 'empty-query', query: parsed };
  const matches = matching(index, parsed, options.budget);
  if (matches.ranked.total > 0) return toOutcome(index, parsed, matches, options, matches.partial);
  // A quoted phrase no paper holds still names a topic: answer for its words, and say so.
  if (parsed.phrases.length > 0) {
    const loose = matching(index, { ...parsed, terms: [...parsed.terms, ...parsed.phrases], phrases: [] }, options.budget);
    if (loose.ranked.total > 0) {
      const alone = parsed.phrases.filter((phrase) => matching(index, { ...parsed, phrases: [phrase] }, options.budget).ranked.total === 0);
      return { ...toOutcome(index, parsed, loose, options, loose.partial), unmatchedPhrases: alone.length > 0 ? alone : parsed.phrases };
    }
  }
  return { kind: 'no-results', query: parsed, suggestion: suggest(index, parsed) };
}

function matching(index: SearchIndex, parsed: ParsedQuery, budget?: SearchOptions['budget']): Matches & { partial?: string } {
  const first = firstPass(index, parsed, budget);
  const { terms, partial } = first;
  const ranked = filterRanking(index, parsed, first.ranked);
  return { ranked: rerank(rerankSource(index), index.papers.position, terms, ranked, index.settings.rerank), explained: ranked, ...(partial === undefined ? {} : { partial }) };
}
