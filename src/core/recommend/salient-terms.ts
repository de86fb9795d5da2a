/**
 * Why two papers (or a reader's taste and a paper) go together: the terms that weigh most in
 * both TF-IDF vectors, shown as words the paper itself uses ("diffusion", not the stem "diffus").
 */
import type { Vector } from '../digest/centrality.js';
import type { Paper } from '../paper.js';
import { analyzeWord, splitWords } from '../search/analyzer.js';

/** The `k` terms with the largest product of weights in `a` and `b`, largest first. */
export function sharedTerms(a: Vector, b: Vector, k = 3): string[] {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return [...small]
    .map(([term, weight]) => ({ term, score: weight * (large.get(term) ?? 0) }))
    .filter((t) => t.score > 0)
    .sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : 1))
    .slice(0, k)
    .map((t) => t.term);
}

/** Each analysed term as the first word of the paper (title, then abstract) it comes from, lower-cased. */
export function surfaceWords(terms: readonly string[], paper: Pick<Paper, 'title' | 'abstract'>): string[] {
  const wanted = new Set(terms);
  const found = new Map<string, string>();
  for (const word of splitWords(`${paper.title} ${paper.abstract}`)) {
    if (found.size === wanted.size) break;
    const term = analyzeWord(word.toLowerCase());
    if (term !== null && wanted.has(term) && !found.has(term)) found.set(term, word.toLowerCase());
  }
  return terms.map((term) => found.get(term) ?? term);
}
