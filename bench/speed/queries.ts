/**
 * Bench queries, deterministic from a seed: 1–3 words from the corpus vocabulary, weighted like
 * users type (mostly mid-frequency topical words, some frequent ones, a few rare), never stop
 * words. The typo set applies exactly one edit (deletion, insertion, substitution or
 * transposition) to one word of 5 letters or more in each query.
 */
import { eng } from 'stopword';
import { createRng, WeightedSampler, zipfWeights, type Rng } from './random.js';
import { ZIPF_Q, ZIPF_S } from './corpus-generator.js';

const STOP_WORDS: ReadonlySet<string> = new Set(eng);

/** Vocabulary rank bands and how often a query word comes from each. */
export const QUERY_BANDS: readonly { readonly from: number; readonly to: number; readonly share: number; readonly name: string }[] = [
  { name: 'frequent', from: 60, to: 400, share: 0.2 },
  { name: 'mid-frequency', from: 400, to: 6_000, share: 0.7 },
  { name: 'rare', from: 6_000, to: 40_000, share: 0.1 },
];
/** Share of queries with 1, 2 and 3 words. */
const WORD_COUNT_SHARES = [0.35, 0.45, 0.2] as const;

export type EditKind = 'deletion' | 'insertion' | 'substitution' | 'transposition';
const EDIT_KINDS: readonly EditKind[] = ['deletion', 'insertion', 'substitution', 'transposition'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface TypoQuery {
  readonly query: string;
  /** The query before the typo. */
  readonly original: string;
  readonly kind: EditKind;
}

export interface QuerySets {
  readonly exact: string[];
  readonly typo: TypoQuery[];
}

/** A plain word users could type: letters only (hyphenated compounds allowed), not a stop word. */
function typable(word: string): boolean {
  return word.length >= 3 && /^\p{L}+(?:-\p{L}+)*$/u.test(word) && !STOP_WORDS.has(word);
}

class QueryWords {
  private readonly bands: { words: string[]; sampler: WeightedSampler }[];
  private readonly bandPicker: WeightedSampler;

  constructor(vocabulary: readonly string[]) {
    this.bands = QUERY_BANDS.map((band) => {
      const words: string[] = [];
      for (let rank = band.from; rank < Math.min(band.to, vocabulary.length); rank++) {
        const word = vocabulary[rank]!;
        if (typable(word)) words.push(word);
      }
      if (words.length === 0) throw new Error(`query generator: no typable words in the ${band.name} band`);
      // Within a band, commoner words are still typed more often.
      return { words, sampler: new WeightedSampler(zipfWeights(words.length, ZIPF_S, ZIPF_Q + band.from)) };
    });
    this.bandPicker = new WeightedSampler(QUERY_BANDS.map((b) => b.share));
  }

  word(rng: Rng): string {
    const band = this.bands[this.bandPicker.sample(rng)]!;
    return band.words[band.sampler.sample(rng)]!;
  }

  query(rng: Rng): string[] {
    const n = 1 + new WeightedSampler(WORD_COUNT_SHARES).sample(rng);
    const words: string[] = [];
    while (words.length < n) {
      const word = this.word(rng);
      if (!words.includes(word)) words.push(word);
    }
    return words;
  }
}

/** One edit of the given kind to a word of at least 2 letters; the result always differs. */
export function applyEdit(word: string, kind: EditKind, rng: Rng): string {
  const at = rng.int(word.length);
  switch (kind) {
    case 'deletion':
      return word.slice(0, at) + word.slice(at + 1);
    case 'insertion': {
      const pos = rng.int(word.length + 1);
      return word.slice(0, pos) + rng.pick([...LETTERS]) + word.slice(pos);
    }
    case 'substitution': {
      const others = [...LETTERS].filter((c) => c !== word[at]);
      return word.slice(0, at) + rng.pick(others) + word.slice(at + 1);
    }
    case 'transposition': {
      // Swap two adjacent different letters ("mdoel"); a word of one repeated letter has none.
      const positions: number[] = [];
      for (let i = 0; i + 1 < word.length; i++) if (word[i] !== word[i + 1]) positions.push(i);
      if (positions.length === 0) return applyEdit(word, 'substitution', rng);
      const i = rng.pick(positions);
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    }
  }
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function osaDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

export function generateQueries(vocabulary: readonly string[], count: number, seed: number): QuerySets {
  const rng = createRng(seed ^ 0x5eed);
  const words = new QueryWords(vocabulary);
  const exact: string[] = [];
  for (let i = 0; i < count; i++) exact.push(words.query(rng).join(' '));

  const typo: TypoQuery[] = [];
  while (typo.length < count) {
    const query = words.query(rng);
    // Only words of 5+ letters get the typo (hyphenated ones by their letters, hyphen kept).
    const candidates = query.map((w, i) => i).filter((i) => /^\p{L}{5,}$/u.test(query[i]!));
    if (candidates.length === 0) continue;
    const at = rng.pick(candidates);
    const kind = rng.pick(EDIT_KINDS);
    const edited = [...query];
    edited[at] = applyEdit(query[at]!, kind, rng);
    typo.push({ query: edited.join(' '), original: query.join(' '), kind });
  }
  return { exact, typo };
}
