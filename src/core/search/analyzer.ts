/**
 * The one term pipeline for indexing and querying: split, fold accents, lower-case, expand
 * hyphenated compounds, drop stop words, stem. Indexing and querying must agree term for term,
 * so nothing else in paperboy turns text into search terms.
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { foldAccents } from '../text/normalize.js';

const STOP_WORDS: ReadonlySet<string> = new Set(eng);

// A word is a run of letters, digits and marks, optionally joined by hyphens or apostrophes
// ("one-step", "schr'odinger" stays one compound). Unicode classes so Greek or accented words split right.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-‐‑–][\p{L}\p{N}\p{M}]+)*/gu;
const JOINERS = /['’\-‐‑–]/;
const HAS_NON_ASCII = /[^\u0000-\u007f]/;

// Stemming is the costliest step and the vocabulary is small next to the token stream, so cache
// it, up to a byte limit: queries bring words of their own, and a long-running bot must not grow
// with them. 4 MB holds ~35,000 words: a build meets the common words first (they are common),
// so it keeps most of the gain, and the cache no longer holds a 100k-paper build's 280,000
// words (~24 MB) for the rest of the bot's life. Counted as two bytes a character for both strings plus ~80 bytes for the entry
// and the two string headers (V8 on 64 bits), an estimate that errs high for ASCII words.
const stemCache = new Map<string, string>();
export const STEM_CACHE_BYTES = 4 * 1024 * 1024;
let stemCacheBytes = 0;

/** The term for one lower-cased, folded word, or null for a stop word or a stray letter. */
export function analyzeWord(word: string): string | null {
  if (word.length < 2 && !(word >= '0' && word <= '9')) return null;
  if (STOP_WORDS.has(word)) return null;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    // The Porter stemmer is defined for English letters; leave numbers and other scripts as they are.
    stem = /^[a-z]+$/.test(word) ? stemmer(word) : word;
    const bytes = 80 + 2 * (word.length + stem.length);
    if (stemCacheBytes + bytes <= STEM_CACHE_BYTES) {
      stemCache.set(word, stem);
      stemCacheBytes += bytes;
    }
  }
  return stem;
}

/** Lower-cased, accent-folded text: the form words are matched in. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // normalize() is costly; most abstracts are plain ASCII, so skip it when it cannot change anything.
  return HAS_NON_ASCII.test(lower) ? foldAccents(lower) : lower;
}

/**
 * The words of a text as typed (folded, lower-cased), compounds expanded: "One-step" gives
 * "one", "step" and "onestep", so `one step`, `one-step` and `onestep` all meet.
 */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  for (const match of foldText(text).matchAll(WORD)) {
    const token = match[0];
    if (JOINERS.test(token)) {
      const parts = token.split(JOINERS);
      for (const part of parts) if (part) out.push(part);
      out.push(parts.join(''));
    } else {
      out.push(token);
    }
  }
  return out;
}

/** Search terms of a text, in order, duplicates kept (term frequency matters to BM25). */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const word of splitWords(text)) {
    const term = analyzeWord(word);
    if (term !== null) out.push(term);
  }
  return out;
}
