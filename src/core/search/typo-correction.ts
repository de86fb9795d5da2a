/**
 * Typo correction: only words the corpus has never seen are looked up, in the corpus's sorted
 * word list (word-list.ts), so a known word costs nothing here.
 */
import { docFreq, fuzzyWords, type SearchIndex } from './index-shape.js';
import type { SearchSettings } from './search-settings.js';

export function allowedEdits(word: string, settings: SearchSettings): number {
  const { minLength, edits, longWordLength } = settings.fuzzy;
  if (word.length < minLength) return 0;
  return word.length >= longWordLength ? edits + 1 : edits;
}

/**
 * Known terms closest to an unknown word, commonest first, from the fewest edits (up to
 * maxEdits) at which there are any. As in Norvig's spelling corrector, a word one edit from
 * known words is taken for one of them, and words two edits away are looked for only when none
 * is one edit away: they would rank below the one-edit ones anyway, and finding them costs an
 * order of magnitude more.
 */
export function closeTerms(index: SearchIndex, word: string, maxEdits: number, max: number): { term: string; word: string; edits: number }[] {
  for (let edits = 1; edits <= maxEdits; edits++) {
    const found = new Map<string, { term: string; word: string; edits: number; df: number }>();
    for (const { word: candidate, term, distance } of fuzzyWords(index, word, edits)) {
      const df = docFreq(index, term);
      const prior = found.get(term);
      if (!prior || distance < prior.edits || (distance === prior.edits && candidate < prior.word)) {
        found.set(term, { term, word: candidate, edits: distance, df });
      }
    }
    if (found.size > 0) {
      return [...found.values()].sort((a, b) => a.edits - b.edits || b.df - a.df || (a.term < b.term ? -1 : 1)).slice(0, max);
    }
  }
  return [];
}
