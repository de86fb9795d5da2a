import { analyzeWord, splitWords } from './analyzer.js';
import { docFreq, type SearchIndex } from './index-shape.js';
import { rankerOf } from './ranker-cache.js';
import { toOutcome } from './search-papers.js';
import type { ParsedQuery, SearchOptions, SearchOutcome } from './search-types.js';

/** Adds the analysed terms of `text` to `counts`, each `weight` times; returns how many it met. */
function countTerms(counts: Map<string, number>, text: string, weight = 1): number {
  let found = 0;
  for (const word of splitWords(text)) {
    const term = analyzeWord(word);
    if (term === null) continue;
    counts.set(term, (counts.get(term) ?? 0) + weight);
    found++;
  }
  return found;
}

/**
 * Papers like this one: queried by its most distinctive terms (frequent in the paper, rare in
 * the corpus; title words count double), the paper itself left out.
 */
export function moreLikeThis(index: SearchIndex, paperId: string, options: SearchOptions = {}): SearchOutcome {
  const paper = index.papers.get(paperId);
  const empty: ParsedQuery = { terms: [], phrases: [], excluded: [], isEmpty: true };
  if (!paper) return { kind: 'no-results', query: empty, suggestion: null };
  const tf = new Map<string, number>();
  countTerms(tf, paper.title, 2);
  countTerms(tf, paper.abstract, 1);
  const n = index.papers.length;
  const scored = [...tf]
    .map(([term, f]) => {
      const df = docFreq(index, term) || 1;
      return { term, score: Math.log1p(f) * Math.log(1 + n / df), df };
    })
    // A term only this paper has cannot find another paper.
    .filter((t) => t.df > 1)
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
    .slice(0, index.settings.moreLikeThisTerms);
  const query: ParsedQuery = { terms: scored.map((t) => t.term), phrases: [], excluded: [], isEmpty: scored.length === 0 };
  if (scored.length === 0) return { kind: 'no-results', query, suggestion: null };
  const top = scored[0]!.score;
  const ranked = rankerOf(index).rank(
    scored.map((t) => ({ term: t.term, weight: t.score / top })),
    [],
    { skipId: paperId },
  );
  if (ranked.total === 0) return { kind: 'no-results', query, suggestion: null };
  return toOutcome(index, query, { ranked, explained: ranked }, options);
}
