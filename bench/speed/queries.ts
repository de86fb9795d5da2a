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

/** The kinds of query the bench measures, each a set of its own. */
export const QUERY_KINDS = ['exact', 'typo', 'phrase', 'exclusion'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** Every set, plus warm-up and soak queries none of which is a measured one. */
export interface BenchQueries {
  readonly measured: Readonly<Record<QueryKind, readonly string[]>>;
  readonly typoKinds: readonly EditKind[];
  /** Run before measuring (all kinds), so the JIT settles; never measured. */
  readonly warmup: readonly string[];
  /** The soak: many distinct queries of all kinds, for the heap after a long run. */
  readonly soak: readonly string[];
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

/**
 * A phrase as users quote one: 2 or 3 consecutive words of a paper's abstract (no comma or
 * full stop between them, at least one not a stop word), so it is a real phrase of the corpus.
 */
export function phraseFrom(abstract: string, rng: Rng): string | null {
  const sentences = abstract.split(/[.,;:]\s+/);
  const sentence = rng.pick(sentences).split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase());
  const n = 2 + rng.int(2);
  if (sentence.length < n) return null;
  const at = rng.int(sentence.length - n + 1);
  const words = sentence.slice(at, at + n);
  if (words.some((w) => !/^\p{L}+(?:-\p{L}+)*$/u.test(w)) || words.every((w) => STOP_WORDS.has(w))) return null;
  return words.join(' ');
}

/**
 * The four measured sets (`count` each, all distinct), warm-up queries (`count` of each kind)
 * and `soak` soak queries, none of them a measured query. Phrase queries are quoted phrases cut
 * from the papers' text, a third of them with one more plain word; exclusion queries are 1–2
 * words and one -word from the frequent or mid-frequency band.
 */
export function generateBenchQueries(vocabulary: readonly string[], abstracts: readonly string[], count: number, soak: number, seed: number): BenchQueries {
  const rng = createRng(seed ^ 0xbe7c);
  const words = new QueryWords(vocabulary);
  const taken = new Set<string>();
  const fresh = (make: () => string | null): string => {
    for (let guard = 0; guard < 1000; guard++) {
      const q = make();
      if (q !== null && !taken.has(q)) {
        taken.add(q);
        return q;
      }
    }
    throw new Error('query generator: cannot find a new distinct query');
  };
  const exact = (): string => words.query(rng).join(' ');
  const typoKinds: EditKind[] = [];
  const typo = (record: boolean) => (): string | null => {
    const query = words.query(rng);
    const candidates = query.map((_, i) => i).filter((i) => /^\p{L}{5,}$/u.test(query[i]!));
    if (candidates.length === 0) return null;
    const at = rng.pick(candidates);
    const kind = rng.pick(EDIT_KINDS);
    query[at] = applyEdit(query[at]!, kind, rng);
    if (record) typoKinds.push(kind);
    return query.join(' ');
  };
  const phrase = (): string | null => {
    const p = phraseFrom(abstracts[rng.int(abstracts.length)]!, rng);
    if (p === null) return null;
    return rng.next() < 1 / 3 ? `"${p}" ${words.word(rng)}` : `"${p}"`;
  };
  const exclusion = (): string => {
    const positive = words.query(rng).slice(0, 1 + rng.int(2));
    let excluded = words.word(rng);
    while (positive.includes(excluded)) excluded = words.word(rng);
    return `${positive.join(' ')} -${excluded}`;
  };
  const makers: Record<QueryKind, () => string | null> = { exact, typo: typo(false), phrase, exclusion };
  const measured = {
    exact: Array.from({ length: count }, () => fresh(exact)),
    typo: Array.from({ length: count }, () => fresh(typo(true))),
    phrase: Array.from({ length: count }, () => fresh(phrase)),
    exclusion: Array.from({ length: count }, () => fresh(exclusion)),
  };
  const warmup: string[] = [];
  for (let i = 0; i < count; i++) for (const kind of QUERY_KINDS) warmup.push(fresh(makers[kind]));
  // The soak: 60% plain, 15% typo, 15% phrase, 10% exclusion, all distinct.
  const soakQueries: string[] = [];
  const soakKinds = new WeightedSampler([0.6, 0.15, 0.15, 0.1]);
  while (soakQueries.length < soak) soakQueries.push(fresh(makers[QUERY_KINDS[soakKinds.sample(rng)]!]));
  return { measured, typoKinds, warmup, soak: soakQueries };
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
