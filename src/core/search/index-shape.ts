/**
 * What a built or loaded index holds, and how it is put together from its parts: the one type
 * every search module reads, and nothing that searches.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { documentFrequency, type FrozenPostings } from './frozen-postings.js';
import type { ImpactRanker, WeightedTerm } from './impact-ranker.js';
import type { PaperList } from './paper-list.js';
import { matchPhrases, type PhraseMatches, type PhrasePositions } from './phrase-positions.js';
import { settingsFingerprint, type SearchSettings } from './search-settings.js';

export interface SearchIndex {
  readonly settings: SearchSettings;
  readonly fingerprint: string;
  /** Papers in corpus order; from a snapshot, parsed one by one when first needed. */
  readonly papers: PaperList;
  /** @internal the frozen postings (with document frequencies); use the functions of this module. */
  readonly postings: FrozenPostings;
  /**
   * @internal every folded word of the corpus → its term, for typo correction and suggestions.
   * From a snapshot it is built when first read, unless warmUpSearchIndex built it before.
   */
  readonly words: SearchableMap<string>;
  /** @internal adds up to `limit` words to `words` (see warmUpSearchIndex); true once complete. */
  readonly fillWords: (limit: number) => boolean;
  /** @internal word positions, for phrase queries (phrase-positions.ts). */
  readonly phrases: PhrasePositions;
  /**
   * @internal set on an index of several segments (segments.ts: a frozen one and the papers
   * added since), which answers these from its segments with collection-wide statistics.
   * `postings`, `phrases` and `words` of such an index are its segments merged, built when first
   * read (a snapshot of it); searching never reads them.
   */
  readonly segments?: SegmentHooks;
}

/** What the search modules ask an index of several segments instead of its merged parts. */
export interface SegmentHooks {
  docFreq(term: string): number;
  ranker(settings: SearchSettings): ImpactRanker;
  matchPhrases(phrases: readonly string[], budget: number): PhraseMatches;
  /** Known words within `maxEdits` of `word` → [term, distance] (SearchableMap.fuzzyGet). */
  fuzzyWords(word: string, maxEdits: number): Map<string, [string, number]>;
  /** Postings holding just these terms, over the whole collection, for the re-ranker. */
  postingsOf(terms: readonly WeightedTerm[]): FrozenPostings;
}

/** The indexed fields, in the order the postings and a snapshot hold them. */
export const FIELDS = ['title', 'abstract', 'searchAliases'] as const;

/** Where a snapshot-loaded index takes its words from, one entry at a time: word → term. */
export interface WordSource {
  readonly count: number;
  entry(i: number): [string, string];
}

/** `words` as a map, or as the source it is built from, as it is needed or warmed up. */
export function assemble(settings: SearchSettings, papers: PaperList, postings: FrozenPostings, phrases: PhrasePositions, words: SearchableMap<string> | WordSource): SearchIndex {
  const map = words instanceof SearchableMap ? words : new SearchableMap<string>();
  let source = words instanceof SearchableMap ? null : words;
  let filled = 0;
  /** Adds up to `limit` more words; true once every word is in. */
  const fill = (limit: number): boolean => {
    if (source === null) return true;
    const end = Math.min(source.count, filled + limit);
    for (; filled < end; filled++) {
      const [word, term] = source.entry(filled);
      map.set(word, term);
    }
    // What it was built from is garbage now.
    if (filled === source.count) source = null;
    return source === null;
  };
  return {
    settings,
    fingerprint: settingsFingerprint(settings),
    papers,
    postings,
    get words() {
      fill(Infinity);
      return map;
    },
    fillWords: fill,
    phrases,
  };
}

/** How many papers hold the term (0 for a term the corpus never has). */
export function docFreq(index: SearchIndex, term: string): number {
  return index.segments ? index.segments.docFreq(term) : documentFrequency(index.postings, term);
}

/** Papers holding every phrase (short ids), within `budget` steps per segment. */
export function phraseMatches(index: SearchIndex, phrases: readonly string[], budget: number): PhraseMatches {
  return index.segments ? index.segments.matchPhrases(phrases, budget) : matchPhrases(index.phrases, phrases, budget);
}

/** Known words within `maxEdits` of `word`, each with its term and distance. */
export function fuzzyWords(index: SearchIndex, word: string, maxEdits: number): Map<string, [string, number]> {
  return index.segments ? index.segments.fuzzyWords(word, maxEdits) : index.words.fuzzyGet(word, maxEdits);
}

/** The postings the re-ranker reads features from: the index's own, or its segments' for these terms. */
export function rerankPostings(index: SearchIndex, terms: readonly WeightedTerm[]): FrozenPostings {
  return index.segments ? index.segments.postingsOf(terms) : index.postings;
}
