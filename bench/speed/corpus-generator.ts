/**
 * A realistic, deterministic corpus of N papers for the speed bench, modelled on the seed corpus
 * (generator v2; v1 drew words independently from a fixed 90,000-word list, so its vocabulary
 * had no hapaxes and 202 of 300 phrase queries cut from its text matched nothing):
 *
 * - Text from a word-bigram model trained on the seed papers' sentences, mixed with a Simon
 *   process (a new word with probability p(n), else a copy of a uniformly drawn earlier token, so
 *   frequencies come out Zipf-like): with probability BIGRAM_SHARE the next word follows the
 *   previous one as in the seeds ("diffusion models", "state of the art"), else the Simon step.
 * - Vocabulary growth follows Heaps' law V(n) = K n^beta with SciFact's fitted K and beta
 *   (K 12.9, beta 0.599: 5,183 abstracts, 54,276 words, 47% seen once; the bench prints both
 *   corpora's statistics side by side): a new word is drawn with probability
 *   K beta n^(beta - 1) / (1 - BIGRAM_SHARE), n the tokens so far. New words come from a
 *   character-trigram model of the seed words (~2% accented, 8% hyphenated compounds of known
 *   words). Many are seen once, as in real abstracts.
 * - Burstiness: each paper has a few topic words (earlier tokens, not stop words) it repeats.
 * - Lengths: title and abstract word counts drawn from the seed papers' own counts (±10%);
 *   titles are Title Cased with an occasional colon; abstracts are sentences with commas.
 *
 * Pure: seed papers and a seed in, papers out. `toSeedPages` writes them in the seed-page layout
 * the bot's own parser reads, so the start-up bench goes through loadSeedCorpus like the bot.
 */
import { eng } from 'stopword';
import { createRng, WeightedSampler, type Rng } from './random.js';

/** Bump whenever the output for a given seed and size changes (it keys the cache). */
export const GENERATOR_VERSION = 2;

export interface SeedText {
  readonly title: string;
  readonly abstract: string;
}

export interface GeneratedPaper {
  readonly title: string;
  readonly abstract: string;
}

export interface GeneratorOptions {
  readonly size: number;
  readonly seed: number;
  /** Heaps' law parameters the vocabulary grows by (default SciFact's fit, HEAPS). */
  readonly heaps?: { readonly k: number; readonly beta: number };
}

export interface GeneratedCorpus {
  readonly papers: GeneratedPaper[];
  /** Lower-cased words of the generated papers, most frequent first. */
  readonly vocabulary: string[];
  /** How many distinct words the seed papers have (the model starts from them). */
  readonly seedWordCount: number;
  readonly seedTitleWords: readonly number[];
  readonly seedAbstractWords: readonly number[];
}

const STOP_WORDS: ReadonlySet<string> = new Set(eng);
const SMALL_TITLE_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'via', 'with']);
/** A vocabulary word: letters and digits, optionally joined by hyphens or apostrophes. */
const WORD = /^[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*$/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const ACCENTS: Readonly<Record<string, readonly string[]>> = {
  a: ['á', 'à', 'ä'],
  e: ['é', 'è', 'ë'],
  i: ['í', 'ï'],
  o: ['ó', 'ö', 'ô'],
  u: ['ú', 'ü'],
  n: ['ñ'],
  c: ['ç'],
};

export const ZIPF_S = 1;
export const ZIPF_Q = 0.5;
const TOPIC_WORDS_PER_PAPER = 6;
const ABSTRACT_TOPIC_SHARE = 0.12;
const TITLE_TOPIC_SHARE = 0.45;
const HYPHENATED_WORD_SHARE = 0.08;
const COMMA_SHARE = 0.06;

/** Whitespace-separated word count, as the seed statistics count it. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

interface SeedVocabulary {
  /** Lower-cased words by seed frequency (ties alphabetical). */
  readonly ranked: string[];
  /** Lower-cased word → its commonest spelling in the seeds ("llms" → "LLMs"). */
  readonly spelling: Map<string, string>;
}

function seedVocabulary(seeds: readonly SeedText[]): SeedVocabulary {
  const counts = new Map<string, number>();
  const spellings = new Map<string, Map<string, number>>();
  for (const paper of seeds) {
    for (const raw of `${paper.title} ${paper.abstract}`.split(/\s+/)) {
      const surface = raw.replace(EDGE_PUNCTUATION, '');
      if (!surface || !WORD.test(surface)) continue;
      const lower = surface.toLowerCase();
      counts.set(lower, (counts.get(lower) ?? 0) + 1);
      let forms = spellings.get(lower);
      if (!forms) spellings.set(lower, (forms = new Map()));
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
  const spelling = new Map<string, string>();
  for (const [lower, forms] of spellings) {
    // Prefer the lower-case form when it is common: sentence-initial capitals are not spellings.
    const best = [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    spelling.set(lower, forms.has(lower) && forms.get(lower)! * 3 >= forms.get(best)! ? lower : best);
  }
  return { ranked, spelling };
}

/** A character trigram model over the seed words, generating plausible new words. */
class WordModel {
  private readonly next = new Map<string, { chars: string[]; sampler: WeightedSampler }>();

  constructor(words: readonly string[]) {
    const counts = new Map<string, Map<string, number>>();
    for (const word of words) {
      if (!/^[a-z]{4,}$/.test(word)) continue;
      const padded = `^^${word}$`;
      for (let i = 2; i < padded.length; i++) {
        const context = padded.slice(i - 2, i);
        let row = counts.get(context);
        if (!row) counts.set(context, (row = new Map()));
        row.set(padded[i]!, (row.get(padded[i]!) ?? 0) + 1);
      }
    }
    for (const [context, row] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const entries = [...row].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      this.next.set(context, { chars: entries.map((e) => e[0]), sampler: new WeightedSampler(entries.map((e) => e[1])) });
    }
  }

  word(rng: Rng, maxLength = 16): string {
    let out = '';
    let context = '^^';
    while (out.length <= maxLength) {
      const row = this.next.get(context);
      if (!row) break;
      const c = row.chars[row.sampler.sample(rng)]!;
      if (c === '$') break;
      out += c;
      context = context[1]! + c;
    }
    return out;
  }
}

function accent(word: string, rng: Rng): string {
  const positions: number[] = [];
  for (let i = 0; i < word.length; i++) if (ACCENTS[word[i]!]) positions.push(i);
  if (positions.length === 0) return word;
  const at = rng.pick(positions);
  return word.slice(0, at) + rng.pick(ACCENTS[word[at]!]!) + word.slice(at + 1);
}

/** Heaps' law fitted on SciFact's 5,183 title + abstract texts (bench/speed/text-stats.ts). */
export const HEAPS = { k: 12.9, beta: 0.599 } as const;
/** Share of words that follow the previous word by the seed bigrams. */
const BIGRAM_SHARE = 0.45;

/** Next-word table: previous lower-cased word ('' at a sentence start) → successors by seed count. */
class BigramModel {
  private readonly next = new Map<string, { words: string[]; sampler: WeightedSampler }>();

  constructor(seeds: readonly SeedText[]) {
    const counts = new Map<string, Map<string, number>>();
    const add = (a: string, b: string): void => {
      let row = counts.get(a);
      if (!row) counts.set(a, (row = new Map()));
      row.set(b, (row.get(b) ?? 0) + 1);
    };
    for (const paper of seeds) {
      for (const sentence of paper.abstract.split(/(?<=[.!?])\s+/)) {
        let previous = '';
        for (const raw of sentence.split(/\s+/)) {
          const w = raw.replace(EDGE_PUNCTUATION, '').toLowerCase();
          if (!w || !WORD.test(w)) {
            previous = '';
            continue;
          }
          add(previous, w);
          previous = w;
        }
      }
    }
    for (const [word, row] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const entries = [...row].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      this.next.set(word, { words: entries.map((e) => e[0]), sampler: new WeightedSampler(entries.map((e) => e[1])) });
    }
  }

  follow(previous: string, rng: Rng): string | null {
    const row = this.next.get(previous);
    return row ? row.words[row.sampler.sample(rng)]! : null;
  }
}

/** Word ids in order of generation (seed tokens first), growing: the Simon process copies from it. */
class TokenStream {
  ids = new Int32Array(1 << 20);
  length = 0;

  push(id: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function generateCorpus(seeds: readonly SeedText[], options: GeneratorOptions): GeneratedCorpus {
  const { size, seed } = options;
  const heaps = options.heaps ?? HEAPS;
  if (seeds.length === 0) throw new Error('corpus generator: no seed papers to model');
  const rng = createRng(seed);
  const seedVocab = seedVocabulary(seeds);
  const bigrams = new BigramModel(seeds);
  const wordModel = new WordModel(seedVocab.ranked);
  const seedTitleWords = seeds.map((p) => wordCount(p.title)).filter((n) => n > 0);
  const seedAbstractWords = seeds.map((p) => wordCount(p.abstract)).filter((n) => n > 0);

  // Every word by id (lower-cased), its id, its surface spelling, whether it is a stop word.
  const words: string[] = [];
  const idOf = new Map<string, number>();
  const counts: number[] = [];
  const intern = (w: string): number => {
    let id = idOf.get(w);
    if (id === undefined) {
      id = words.length;
      idOf.set(w, id);
      words.push(w);
      counts.push(0);
    }
    return id;
  };
  const stream = new TokenStream();
  // The seed papers' tokens start the stream, so early copies follow the seeds' frequencies.
  for (const paper of seeds) {
    for (const raw of `${paper.title} ${paper.abstract}`.split(/\s+/)) {
      const w = raw.replace(EDGE_PUNCTUATION, '').toLowerCase();
      if (w && WORD.test(w)) stream.push(intern(w));
    }
  }

  const newWord = (): number => {
    for (let attempts = 0; ; attempts++) {
      if (attempts > 10_000) throw new Error('corpus generator: cannot find a new word');
      let word = wordModel.word(rng);
      if (word.length < 4 || word.length > 15) continue;
      // Plausible suffixes widen what a trigram model over ~6k words can produce.
      if (rng.next() < 0.08) word += rng.pick(['s', 'ed', 'ing', 'ity', 'ness', 'ization', 'ive']);
      if (rng.next() < 0.02) word = accent(word, rng);
      // Some new words are hyphenated compounds of two known words ("swarm-based"), as in the seeds.
      if (rng.next() < HYPHENATED_WORD_SHARE) word = `${words[rng.int(Math.min(words.length, 20_000))]}-${words[rng.int(words.length)]}`;
      if (!idOf.has(word)) return intern(word);
    }
  };
  /** One Simon step: a new word with Heaps' probability, else a copy of an earlier token. */
  const simon = (): number => {
    // n counts the seed tokens too: the stream starts from them, so Heaps' curve does as well.
    const n = stream.length;
    const pNew = Math.min(1, (heaps.k * heaps.beta * Math.pow(n, heaps.beta - 1)) / (1 - BIGRAM_SHARE));
    return rng.next() < pNew ? newWord() : stream.ids[rng.int(stream.length)]!;
  };
  const next = (previous: string, topic: readonly number[], topicShare: number): number => {
    if (topic.length > 0 && rng.next() < topicShare) return rng.pick(topic);
    if (rng.next() < BIGRAM_SHARE) {
      const w = bigrams.follow(previous, rng);
      if (w !== null) return intern(w);
    }
    return simon();
  };
  const emit = (id: number): string => {
    stream.push(id);
    counts[id]!++;
    const w = words[id]!;
    return seedVocab.spelling.get(w) ?? w;
  };

  const length = (from: readonly number[]): number => Math.max(1, Math.round(rng.pick(from) * (0.9 + 0.2 * rng.next())));
  const papers: GeneratedPaper[] = [];
  const titleKeys = new Set<string>();
  while (papers.length < size) {
    const topic: number[] = [];
    for (let guard = 0; topic.length < TOPIC_WORDS_PER_PAPER && guard < 100; guard++) {
      const id = stream.ids[rng.int(stream.length)]!;
      if (!STOP_WORDS.has(words[id]!) && !topic.includes(id)) topic.push(id);
    }

    const titleLength = length(seedTitleWords);
    const titleWords: string[] = [];
    let previous = '';
    for (let w = 0; w < titleLength; w++) {
      let id = next(previous, topic, TITLE_TOPIC_SHARE);
      // Titles hold fewer function words than running text.
      if (STOP_WORDS.has(words[id]!) && (w === 0 || rng.next() < 0.5)) id = rng.pick(topic);
      const word = emit(id);
      previous = words[id]!;
      titleWords.push(w > 0 && SMALL_TITLE_WORDS.has(word) ? word : capitalize(word));
    }
    if (titleWords.length >= 4 && rng.next() < 0.4) {
      const at = 1 + rng.int(titleWords.length - 3);
      titleWords[at - 1] += ':';
      titleWords[at] = capitalize(titleWords[at]!);
    }
    const title = titleWords.join(' ');
    const key = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (titleKeys.has(key)) continue;
    titleKeys.add(key);

    const abstractLength = length(seedAbstractWords);
    const sentences: string[] = [];
    let written = 0;
    while (written < abstractLength) {
      const sentenceLength = Math.min(abstractLength - written, 10 + rng.int(24));
      const out: string[] = [];
      previous = '';
      for (let w = 0; w < sentenceLength; w++) {
        const id = next(previous, topic, ABSTRACT_TOPIC_SHARE);
        let word = emit(id);
        previous = words[id]!;
        if (w === 0) word = capitalize(word);
        if (w < sentenceLength - 1 && rng.next() < COMMA_SHARE) {
          word += ',';
          previous = '';
        }
        out.push(word);
      }
      sentences.push(`${out.join(' ')}.`);
      written += sentenceLength;
    }
    let abstract = sentences.join(' ');
    // The seed parser reads anything under 120 characters as a title in the wrong place.
    while (abstract.length < 120) abstract += ` ${capitalize(emit(rng.pick(topic)))} ${emit(rng.pick(topic))}.`;
    papers.push({ title, abstract });
  }
  const used = words.map((_, id) => id).filter((id) => counts[id]! > 0);
  used.sort((a, b) => counts[b]! - counts[a]! || (words[a]! < words[b]! ? -1 : 1));
  return { papers, vocabulary: used.map((id) => words[id]!), seedWordCount: seedVocab.ranked.length, seedTitleWords, seedAbstractWords };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The papers as "daily" seed pages (chrome, a listing date, title/abstract blocks). */
export function toSeedPages(papers: readonly GeneratedPaper[], perPage = 100): { file: string; text: string }[] {
  const pages: { file: string; text: string }[] = [];
  for (let start = 0, n = 0; start < papers.length; start += perPage, n++) {
    const date = `${MONTH_NAMES[n % 12]} ${1 + (n % 28)}`;
    const blocks = papers.slice(start, start + perPage).map((p) => `${p.title}\n\n${p.abstract}`);
    pages.push({
      file: `gen_${String(n).padStart(5, '0')}.txt`,
      text: `new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\n${date}\n\n${blocks.join('\n\n')}\n`,
    });
  }
  return pages;
}

/** Distinct lower-cased words (edge punctuation stripped) across the papers' titles and abstracts. */
export function distinctWords(papers: readonly GeneratedPaper[]): number {
  const words = new Set<string>();
  for (const p of papers) {
    for (const raw of `${p.title} ${p.abstract}`.split(/\s+/)) {
      const w = raw.replace(EDGE_PUNCTUATION, '').toLowerCase();
      if (w) words.add(w);
    }
  }
  return words.size;
}
