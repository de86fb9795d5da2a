/**
 * What a built or loaded index holds, and how it is put together from its parts: the one type
 * every search module reads, and nothing that searches.
 */
import { documentFrequency, type FrozenPostings } from './frozen-postings.js';
import type { PaperList } from './paper-list.js';
import type { PhrasePositions } from './phrase-positions.js';
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
}

/** The indexed fields, in the order the postings and a snapshot hold them. */
export const FIELDS = ['title', 'abstract', 'searchAliases'] as const;

export function assemble(settings: SearchSettings, papers: PaperList, postings: FrozenPostings, phrases: PhrasePositions, words: WordList): SearchIndex {
  return { settings, fingerprint: settingsFingerprint(settings), papers, postings, words, phrases };
}

/** How many papers hold the term (0 for a term the corpus never has). */
export function docFreq(index: SearchIndex, term: string): number {
  return documentFrequency(index.postings, term);
}
