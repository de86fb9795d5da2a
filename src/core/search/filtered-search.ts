/**
 * Search with `has:` filters applied (query-filters.ts says what they mean): a ranking narrowed
 * to the papers passing them, and, for a query that is filters only, a listing of every paper
 * passing them.
 *
 * A filter-only query (`/papers has:code`) lists papers newest first rather than asking for
 * words: people type it to browse what has code, and "newest first" is the order they know from
 * arXiv and Hugging Face listings; the reply says how to narrow it by adding words.
 */
import type { Ranking } from './impact-ranker.js';
import type { SearchIndex } from './index-shape.js';
import type { PaperList } from './paper-list.js';
import { excludedTerms } from './plan-query.js';
import { passesFilters } from './query-filters.js';
import { rankerOf } from './ranker-cache.js';
import { SEARCH_PAGE_SIZE, type ParsedQuery, type SearchOptions, type SearchOutcome } from './search-types.js';

/**
 * The ranking without the papers the query's filters leave out. Each matched paper is read once
 * (from a snapshot, parsed on first use and kept), so a filter costs about what showing the
 * matches would; scores are unchanged.
 */
export function filterRanking(index: SearchIndex, query: ParsedQuery, ranking: Ranking): Ranking {
  const filters = query.filters ?? [];
  if (filters.length === 0) return ranking;
  return ranking.filter((id) => {
    const paper = index.papers.get(id);
    return paper !== undefined && passesFilters(paper, filters);
  });
}

const newest = new WeakMap<PaperList, Int32Array>();

/** When a paper was freshest: the later of its publication and its Hugging Face listing; NaN when undated. */
function freshest(papers: PaperList, position: number): number {
  const paper = papers.at(position);
  const times = [paper.publishedAt, paper.listedAt].map((iso) => (iso ? Date.parse(iso) : NaN)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? Math.max(...times) : NaN;
}

/**
 * Corpus positions, newest first; papers without a dated record (a seed listing prints no year,
 * so it cannot be placed among dated papers) after them, in corpus order. Sorted once per index.
 */
function newestFirst(papers: PaperList): Int32Array {
  let order = newest.get(papers);
  if (!order) {
    const times = Float64Array.from({ length: papers.length }, (_, i) => freshest(papers, i));
    const positions = Array.from({ length: papers.length }, (_, i) => i);
    positions.sort((a, b) => {
      const ta = times[a]!;
      const tb = times[b]!;
      if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) === Number.isNaN(tb) ? a - b : Number.isNaN(ta) ? 1 : -1;
      return tb - ta || a - b;
    });
    order = Int32Array.from(positions);
    newest.set(papers, order);
  }
  return order;
}

/** Every paper passing the query's filters and holding none of its excluded words, newest first. */
export function listFiltered(index: SearchIndex, query: ParsedQuery, options: SearchOptions = {}): SearchOutcome {
  const limit = Math.max(0, Math.floor(options.limit ?? SEARCH_PAGE_SIZE));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const filters = query.filters ?? [];
  const excluded = excludedTerms(query);
  // The papers holding an excluded word: a ranking by those words, read as a set.
  const blocked = new Set(excluded.length > 0 ? rankerOf(index).rank(excluded.map((term) => ({ term, weight: 1 }))).ids() : []);
  const hits = [];
  let total = 0;
  for (const position of newestFirst(index.papers)) {
    const paper = index.papers.at(position);
    if (blocked.has(paper.id) || !passesFilters(paper, filters)) continue;
    if (total >= offset && hits.length < limit) hits.push({ paper, score: 0, matchedTerms: [] });
    total++;
  }
  if (total === 0) return { kind: 'no-results', query, suggestion: null };
  return { kind: 'results', query, hits, total, listing: 'newest' };
}
