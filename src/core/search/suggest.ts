import { analyzeWord } from './analyzer.js';
import { filterRanking } from './filtered-search.js';
import { docFreq, type SearchIndex } from './index-shape.js';
import { formatQuery } from './parse-query.js';
import { firstPass } from './plan-query.js';
import type { ParsedQuery } from './search-types.js';
import { allowedEdits, closeTerms } from './typo-correction.js';

/**
 * A close query that would match: each unknown word replaced by the nearest corpus word,
 * looking further than search itself does. Null unless it changes something and finds papers.
 */
export function suggest(index: SearchIndex, parsed: ParsedQuery): string | null {
  let changed = false;
  const fix = (word: string): string => {
    const term = analyzeWord(word);
    if (term === null || docFreq(index, term) > 0) return word;
    const edits = Math.max(allowedEdits(word, index.settings), Math.min(index.settings.suggestEdits, word.length - 2));
    const best = closeTerms(index, word, edits, 1)[0];
    if (!best) return word;
    changed = true;
    return best.word;
  };
  const fixText = (text: string): string => text.split(' ').map((token) => (/^[\p{L}\p{N}]+$/u.test(token) ? fix(token) : token)).join(' ');
  const candidate: ParsedQuery = { ...parsed, terms: parsed.terms.map(fixText), phrases: parsed.phrases.map(fixText) };
  if (!changed || filterRanking(index, candidate, firstPass(index, candidate).ranked).total === 0) return null;
  return formatQuery(candidate);
}
