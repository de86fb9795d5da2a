/**
 * A realistic, deterministic corpus of N papers for the speed bench, modelled on the seed corpus:
 *
 * - Vocabulary: every word of the seed papers (kept in its commonest spelling, hyphenated
 *   compounds included), ranked by seed frequency, then extended with plausible generated words
 *   (a character trigram model trained on the seed words; ~2% of them accented) up to
 *   `vocabularySize` distinct words, as a real corpus of 100k abstracts would have.
 * - Word frequencies: Zipf–Mandelbrot over that ranking (s = 1, q = 0.5: "the" ≈ 5% of tokens,
 *   as in the seeds), plus burstiness: each paper has a few topic words it repeats, so a
 *   mid-frequency word sits in fewer papers, more often, as in real text.
 * - Lengths: title and abstract word counts drawn from the seed papers' own counts (±10%).
 * - Hyphenated compounds are vocabulary words (the seeds' own, and 8% of the generated ones join
 *   two known words); titles are Title Cased with an occasional colon, a topic word at most once;
 *   abstracts are sentences with commas and full stops.
 *
 * Pure: seed papers and a seed in, papers out. `toSeedPages` writes them in the seed-page layout
 * the bot's own parser reads, so the start-up bench goes through loadSeedCorpus like the bot.
 */
import { eng } from 'stopword';
import { createRng, WeightedSampler, zipfWeights, type Rng } from './random.js';

/** Bump whenever the output for a given seed and size changes (it keys the cache). */
export const GENERATOR_VERSION = 1;

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
  /** Distinct words the vocabulary grows to (seed words first). Default 90,000. */
  readonly vocabularySize?: number;
}

export interface GeneratedCorpus {
  readonly papers: GeneratedPaper[];
  /** Lower-cased words, most frequent first: the ranking the Zipf weights apply to. */
  readonly vocabulary: string[];
  /** How many of the vocabulary's first words come from the seed papers. */
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
/** Topic words are drawn from ranks at or past this one: content words, not "the". */
const TOPIC_MIN_RANK = 150;
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

/** The seed words then generated ones, `size` distinct lower-cased words in all. */
function buildVocabulary(seed: SeedVocabulary, size: number, rng: Rng): string[] {
  const vocabulary = [...seed.ranked];
  const known = new Set(vocabulary);
  const model = new WordModel(seed.ranked);
  let attempts = 0;
  while (vocabulary.length < size) {
    if (++attempts > size * 200) throw new Error(`corpus generator: cannot find ${size} distinct words`);
    let word = model.word(rng);
    if (word.length < 4 || word.length > 15) continue;
    // Plausible suffixes widen what a trigram model over ~6k words can produce.
    const r = rng.next();
    if (r < 0.08) word += rng.pick(['s', 'ed', 'ing', 'ity', 'ness', 'ization', 'ive']);
    if (rng.next() < 0.02) word = accent(word, rng);
    // Some new words are hyphenated compounds of two known words ("swarm-based"), as in the seeds.
    if (rng.next() < HYPHENATED_WORD_SHARE) word = `${vocabulary[rng.int(Math.min(vocabulary.length, 20_000))]}-${vocabulary[rng.int(vocabulary.length)]}`;
    if (known.has(word)) continue;
    known.add(word);
    vocabulary.push(word);
  }
  return vocabulary;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function generateCorpus(seeds: readonly SeedText[], options: GeneratorOptions): GeneratedCorpus {
  const { size, seed } = options;
  if (seeds.length === 0) throw new Error('corpus generator: no seed papers to model');
  const rng = createRng(seed);
  const seedVocab = seedVocabulary(seeds);
  const vocabulary = buildVocabulary(seedVocab, Math.max(options.vocabularySize ?? 90_000, seedVocab.ranked.length), rng);
  const spelled = vocabulary.map((w) => seedVocab.spelling.get(w) ?? w);
  const isStop = vocabulary.map((w) => STOP_WORDS.has(w));
  const background = new WeightedSampler(zipfWeights(vocabulary.length, ZIPF_S, ZIPF_Q));
  const topicRanks = new WeightedSampler(zipfWeights(vocabulary.length - TOPIC_MIN_RANK, ZIPF_S, ZIPF_Q));
  const seedTitleWords = seeds.map((p) => wordCount(p.title)).filter((n) => n > 0);
  const seedAbstractWords = seeds.map((p) => wordCount(p.abstract)).filter((n) => n > 0);

  const length = (from: readonly number[]): number => Math.max(1, Math.round(rng.pick(from) * (0.9 + 0.2 * rng.next())));
  const backgroundWord = (): number => background.sample(rng);
  const contentWord = (): number => {
    for (;;) {
      const i = backgroundWord();
      if (!isStop[i]) return i;
    }
  };
  const surface = (i: number): string => spelled[i]!;

  const papers: GeneratedPaper[] = [];
  const titleKeys = new Set<string>();
  while (papers.length < size) {
    const topic: number[] = [];
    for (let t = 0; t < TOPIC_WORDS_PER_PAPER; t++) topic.push(TOPIC_MIN_RANK + topicRanks.sample(rng));

    const titleLength = length(seedTitleWords);
    const titleWords: string[] = [];
    for (let w = 0; w < titleLength; w++) {
      let i: number;
      const topical = rng.pick(topic);
      if (rng.next() < TITLE_TOPIC_SHARE && !titleWords.includes(capitalize(surface(topical)))) i = topical;
      else {
        i = backgroundWord();
        // Titles hold fewer function words than running text.
        if (isStop[i] && (w === 0 || rng.next() < 0.6)) i = contentWord();
      }
      const word = surface(i);
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
      const words: string[] = [];
      for (let w = 0; w < sentenceLength; w++) {
        const i = rng.next() < ABSTRACT_TOPIC_SHARE ? rng.pick(topic) : backgroundWord();
        let word = surface(i);
        if (w === 0) word = capitalize(word);
        if (w < sentenceLength - 1 && rng.next() < COMMA_SHARE) word += ',';
        words.push(word);
      }
      sentences.push(`${words.join(' ')}.`);
      written += sentenceLength;
    }
    let abstract = sentences.join(' ');
    // The seed parser reads anything under 120 characters as a title in the wrong place.
    while (abstract.length < 120) abstract += ` ${capitalize(spelled[contentWord()]!)} ${spelled[rng.pick(topic)]}.`;
    papers.push({ title, abstract });
  }
  return { papers, vocabulary, seedWordCount: seedVocab.ranked.length, seedTitleWords, seedAbstractWords };
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
