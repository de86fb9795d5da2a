/**
 * "More like this" as users get it: the search index's similar papers (its most distinctive
 * terms as a query) without the paper itself or any duplicate of it (same normalised title: the
 * same paper listed twice, e.g. two arXiv records), each with the salient terms it shares with
 * the paper as its reason. Pure.
 */
import { paperVectors, type Vector } from '../digest/centrality.js';
import type { Paper } from '../paper.js';
import { allPapers, moreLikeThis, type SearchIndex } from '../search/search-index.js';
import type { SearchOutcome } from '../search/search-types.js';
import { titleKey } from '../text/normalize.js';
import { sharedTerms, surfaceWords } from './salient-terms.js';

export interface SimilarPapers {
  readonly outcome: SearchOutcome;
  /** Paper id -> the words it shares with the paper, most telling first. */
  readonly reasons: ReadonlyMap<string, readonly string[]>;
}

/** Duplicates the index may rank anywhere near the top: fetched beyond the page, then dropped. */
const DUPLICATE_ROOM = 10;

const positions = new WeakMap<readonly Paper[], Map<string, number>>();
function vectorOf(papers: readonly Paper[], id: string): Vector | undefined {
  let byId = positions.get(papers);
  if (!byId) {
    byId = new Map(papers.map((paper, i) => [paper.id, i]));
    positions.set(papers, byId);
  }
  const i = byId.get(id);
  return i === undefined ? undefined : paperVectors(papers)[i];
}

export function similarPapers(index: SearchIndex, paper: Paper, options: { readonly limit: number; readonly offset: number }): SimilarPapers {
  const raw = moreLikeThis(index, paper.id, { limit: options.offset + options.limit + DUPLICATE_ROOM, offset: 0 });
  if (raw.kind !== 'results') return { outcome: raw, reasons: new Map() };
  const key = titleKey(paper.title);
  const kept = raw.hits.filter((hit) => hit.paper.id !== paper.id && titleKey(hit.paper.title) !== key);
  const dropped = raw.hits.length - kept.length;
  const hits = kept.slice(options.offset, options.offset + options.limit);
  const papers = allPapers(index);
  const own = vectorOf(papers, paper.id);
  const reasons = new Map<string, readonly string[]>();
  for (const hit of hits) {
    const theirs = vectorOf(papers, hit.paper.id);
    if (own && theirs) reasons.set(hit.paper.id, surfaceWords(sharedTerms(own, theirs), hit.paper));
  }
  const total = Math.max(0, raw.total - dropped);
  if (total === 0) return { outcome: { kind: 'no-results', query: raw.query, suggestion: null }, reasons };
  return { outcome: { ...raw, hits, total }, reasons };
}
