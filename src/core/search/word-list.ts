/**
 * The corpus's words (folded, as typed) and the term each stands for, for typo correction and
 * "did you mean": a sorted array of strings with the term numbers beside it, searched for words
 * within an edit distance as a trie would be, one Levenshtein row per character of a shared
 * prefix.
 *
 * Why not MiniSearch's SearchableMap (a radix tree of Maps), which this replaces: at 100,000
 * papers the corpus has ~280,000 distinct words and the tree took ~65 MB of heap, a sixth of the
 * bot's memory, while the sorted array is ~10 MB, loads from a snapshot as the array JSON.parse
 * gives (nothing to build) and answers a lookup at about the tree's speed: in sorted order the
 * words under a prefix are contiguous, so a prefix already beyond the allowed distance skips
 * them all with one binary search, as the tree skips a subtree.
 *
 * Distance is plain Levenshtein (insertion, deletion, substitution), as SearchableMap.fuzzyGet
 * counts it; tests hold the two side by side.
 */
import { SearchError } from './search-errors.js';

export interface WordMatch {
  readonly word: string;
  /** The term's number in the frozen postings. */
  readonly term: number;
  readonly distance: number;
}

export interface WordList extends Iterable<readonly [string, number]> {
  readonly size: number;
  /** Every word within `maxDistance` edits of `query`, in word order. */
  fuzzyGet(query: string, maxDistance: number): WordMatch[];
}

/** Words in code unit order with their term numbers, checked: ascending, no repeats. */
export function wordList(words: readonly string[], terms: Uint32Array): WordList {
  if (words.length !== terms.length) throw new SearchError('inconsistent', `${terms.length} word terms for ${words.length} words`);
  for (let i = 1; i < words.length; i++) {
    if (!(words[i - 1]! < words[i]!)) throw new SearchError('inconsistent', `the words are not in order at "${words[i]}"`);
  }
  return {
    size: words.length,
    fuzzyGet: (query, maxDistance) => fuzzyGet(words, terms, query, maxDistance),
    *[Symbol.iterator]() {
      for (let i = 0; i < words.length; i++) yield [words[i]!, terms[i]!] as const;
    },
  };
}

/** A word list from word → term number pairs in any order. */
export function sortedWordList(entries: Iterable<readonly [string, number]>): WordList {
  const pairs = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return wordList(
    pairs.map((p) => p[0]),
    Uint32Array.from(pairs, (p) => p[1]),
  );
}

/** The first index at or after `from` whose word is >= `value`. */
function lowerBound(words: readonly string[], value: string, from: number): number {
  let lo = from;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index after `i` whose word does not start with `prefix` (words[i] does). */
function pastPrefix(words: readonly string[], prefix: string, i: number): number {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (last === 0xffff) {
    let j = i + 1;
    while (j < words.length && words[j]!.startsWith(prefix)) j++;
    return j;
  }
  // Every word starting with `prefix` sorts below the prefix with its last unit raised by one.
  return lowerBound(words, prefix.slice(0, -1) + String.fromCharCode(last + 1), i + 1);
}

function fuzzyGet(words: readonly string[], terms: Uint32Array, query: string, maxDistance: number): WordMatch[] {
  const m = query.length;
  const out: WordMatch[] = [];
  // rows[d] is the Levenshtein row of the query against the first d characters of `prefix`.
  const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, j) => j)];
  let prefix = '';
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    let depth = 0;
    const shared = Math.min(prefix.length, word.length);
    while (depth < shared && prefix.charCodeAt(depth) === word.charCodeAt(depth)) depth++;
    let skipTo = -1;
    for (; depth < word.length; depth++) {
      const above = rows[depth]!;
      const row = (rows[depth + 1] ??= new Int32Array(m + 1));
      const c = word.charCodeAt(depth);
      row[0] = depth + 1;
      let best = row[0];
      for (let j = 1; j <= m; j++) {
        const substitute = above[j - 1]! + (query.charCodeAt(j - 1) === c ? 0 : 1);
        const v = Math.min(substitute, above[j]! + 1, row[j - 1]! + 1);
        row[j] = v;
        if (v < best) best = v;
      }
      if (best > maxDistance) {
        // No word under this prefix can come within reach.
        skipTo = pastPrefix(words, word.slice(0, depth + 1), i);
        break;
      }
    }
    prefix = skipTo >= 0 ? word.slice(0, depth) : word;
    if (skipTo >= 0) {
      i = skipTo;
      continue;
    }
    const distance = rows[word.length]![m]!;
    if (distance <= maxDistance) out.push({ word, term: terms[i]!, distance });
    i++;
  }
  return out;
}
