/**
 * What a built or loaded index holds, and how it is put together from its parts: the one type
 * every search module reads, and nothing that searches.
 */
import { documentFrequency, type FrozenPostings } from './frozen-postings.js';
import type { ImpactRanker } from './impact-ranker.js';
import type { PaperList } from './paper-list.js';
import { matchPhrases, type PhraseMatches, type PhrasePositions } from './phrase-positions.js';
import { frozenRerankSource, type RerankSource } from './rerank.js';
import type { WordList } from './word-list.js';
import { settingsFingerprint, type SearchSettings } from './search-settings.js';

export interface SearchIndex {
  readonly settings: SearchSettings;
  readonly fingerprint: string;
  /** Papers in corpus order; from a snapshot, parsed one by one when first needed. */
  readonly papers: PaperList;
  /** @internal the frozen postings (with document frequencies); use the functions of this module. */
  readonly postings: FrozenPostings;
  /** @internal every folded word of the corpus and its term, for typo correction and suggestions. */
  readonly words: WordList;
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
  /** Computes ahead, in bounded steps, what the first query on the segments would compute at once. */
  prepare(): Generator<number | void, void, void>;
  docFreq(term: string): number;
  ranker(settings: SearchSettings): ImpactRanker;
  matchPhrases(phrases: readonly string[], budget: number): PhraseMatches;
  /** Known words within `maxEdits` of `word`, with their terms and distances. */
  fuzzyWords(word: string, maxEdits: number): CloseWord[];
  /** The collection's postings as the re-ranker reads them, from every segment. */
  rerankSource(): RerankSource;
}

/** The indexed fields, in the order the postings and a snapshot hold them. */
export const FIELDS = ['title', 'abstract', 'searchAliases'] as const;

export function assemble(settings: SearchSettings, papers: PaperList, postings: FrozenPostings, phrases: PhrasePositions, words: WordList): SearchIndex {
  return { settings, fingerprint: settingsFingerprint(settings), papers, postings, words, phrases };
}

/** How many papers hold the term (0 for a term the corpus never has). */
export function docFreq(index: SearchIndex, term: string): number {
  return index.segments ? index.segments.docFreq(term) : documentFrequency(index.postings, term);
}

/** Papers holding every phrase (short ids), within `budget` steps per segment. */
export function phraseMatches(index: SearchIndex, phrases: readonly string[], budget: number): PhraseMatches {
  return index.segments ? index.segments.matchPhrases(phrases, budget) : matchPhrases(index.phrases, phrases, budget);
}

/** A known word within reach of a typed one. */
export interface CloseWord {
  readonly word: string;
  readonly term: string;
  readonly distance: number;
}

/** Known words within `maxEdits` of `word`, each with its term and distance. */
export function fuzzyWords(index: SearchIndex, word: string, maxEdits: number): CloseWord[] {
  if (index.segments) return index.segments.fuzzyWords(word, maxEdits);
  const { terms } = index.postings;
  return index.words.fuzzyGet(word, maxEdits).map((m) => ({ word: m.word, term: terms[m.term]!, distance: m.distance }));
}

/** What the re-ranker reads features from: the index's own postings, or its segments'. */
export function rerankSource(index: SearchIndex): RerankSource {
  return index.segments ? index.segments.rerankSource() : frozenRerankSource(index.postings);
}
