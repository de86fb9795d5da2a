/**
 * The corpus's words (folded, as typed) and the term each stands for, for typo correction and
 * "did you mean": a sorted array of strings with the term numbers beside it, searched for words
 * within an edit distance as a trie would be, one row of the edit distance matrix per character
 * of a shared prefix.
 *
 * Why not MiniSearch's SearchableMap (a radix tree of Maps): at 100,000 papers the corpus has
 * ~280,000 distinct words and the tree takes ~65 MB of heap, a sixth of the
 * bot's memory, while the sorted array is ~10 MB, loads from a snapshot as the array JSON.parse
 * gives (nothing to build) and answers a lookup at about the tree's speed: in sorted order the
 * words under a prefix are contiguous, so a prefix already beyond the allowed distance skips
 * them all with one jump (see Skips), as the tree skips a subtree.
 *
 * Distance is the optimal string alignment distance: insertion, deletion, substitution, and two
 * adjacent units swapped, each one edit (Lucene's FuzzyQuery and Elasticsearch count a
 * transposition as one edit by default; MiniSearch's SearchableMap counts it as two). A swap is
 * one of the four single-error typos Damerau (1964) found most misspellings to be ("modle",
 * "algorihtms"): as two edits, a short word could not be corrected at all and a long one only
 * by the two-edit lookup, which costs an order of magnitude more. Tests hold it against a
 * reference distance, word by word.
 */
import { SearchError } from './search-errors.js';
import { runSteps, sortSteps, type Steps } from './work-steps.js';

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
  /**
   * Builds, in bounded steps, what the first fuzzyGet would otherwise build in one go (the
   * skips: ~3 ms for the 30,000 words of a few thousand papers, ~40 ms at 280,000), so that work
   * done while the bot serves (a new segment) keeps it out of the first typo query after it.
   */
  prepare(): Steps<void>;
}

/** Words in code unit order with their term numbers, checked: ascending, no repeats. */
export function wordList(words: readonly string[], terms: Uint32Array): WordList {
  return runSteps(wordListSteps(words, terms));
}

/** Words compared between two yields of wordListSteps (~0.5 ms). */
const WORDS_PER_STEP = 20_000;

/** wordList in bounded steps: in one go, the order check of ~280,000 words takes ~10 ms. */
export function* wordListSteps(words: readonly string[], terms: Uint32Array): Steps<WordList> {
  if (words.length !== terms.length) throw new SearchError('inconsistent', `${terms.length} word terms for ${words.length} words`);
  for (let i = 1; i < words.length; i++) {
    if (!(words[i - 1]! < words[i]!)) throw new SearchError('inconsistent', `the words are not in order at "${words[i]}"`);
    if (i % WORDS_PER_STEP === 0) yield;
  }
  let skips: Skips | null = null;
  return {
    size: words.length,
    fuzzyGet: (query, maxDistance) => fuzzyGet(words, terms, (skips ??= runSteps(buildSkipsSteps(words))), query, maxDistance),
    *prepare() {
      const built = skips ?? (yield* buildSkipsSteps(words));
      skips ??= built;
    },
    *[Symbol.iterator]() {
      for (let i = 0; i < words.length; i++) yield [words[i]!, terms[i]!] as const;
    },
  };
}

/** A word list from word → term number pairs in any order. */
export function sortedWordList(entries: Iterable<readonly [string, number]>): WordList {
  return runSteps(sortedWordListSteps([...entries]));
}

/** sortedWordList in bounded steps: one sort of ~280,000 words holds the event loop ~300 ms. */
export function* sortedWordListSteps(entries: readonly (readonly [string, number])[]): Steps<WordList> {
  const pairs = yield* sortSteps(entries, (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const words = pairs.map((p) => p[0]);
  yield;
  const terms = Uint32Array.from(pairs, (p) => p[1]);
  yield;
  return yield* wordListSteps(words, terms);
}

/**
 * The sorted words as a trie without pointers: word i adds the trie nodes for its units past
 * lcp[i] (what it shares with word i - 1), and for each such node (depth L) `ends` says where
 * the run of words sharing its first L units stops. A lookup that gives up on a prefix jumps
 * there at once. ~1.4M nodes at 280,000 words: ~9 MB, built when first needed (or prepared ahead).
 */
interface Skips {
  readonly lcp: Uint16Array;
  /** Word i's nodes are ends[starts[i]] (depth lcp[i] + 1) .. ends[starts[i + 1] - 1] (its full length). */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /**
   * Per node, the shortest and longest word under it (capped at LENGTH_CAP): a word more than
   * maxDistance longer or shorter than the query is out of reach, so a lookup skips a prefix
   * whose words are all too short or too long before computing its row. For a long word
   * allowed two edits this skips most of the trie: the words a few letters shorter are most of it.
   */
  readonly minLength: Uint8Array;
  readonly maxLength: Uint8Array;
}

/** Word lengths kept per node up to this; a longer word's is kept as this. */
const LENGTH_CAP = 255;

/** Words handled between two yields of buildSkipsSteps (~1 ms). */
const SKIP_WORDS_PER_STEP = 10_000;

function* buildSkipsSteps(words: readonly string[]): Steps<Skips> {
  const n = words.length;
  const lcp = new Uint16Array(n);
  const starts = new Uint32Array(n + 1);
  for (let i = 1; i < n; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    const limit = Math.min(a.length, b.length, 0xffff);
    let k = 0;
    while (k < limit && a.charCodeAt(k) === b.charCodeAt(k)) k++;
    lcp[i] = k;
    if (i % SKIP_WORDS_PER_STEP === 0) yield;
  }
  for (let i = 0; i < n; i++) starts[i + 1] = starts[i]! + Math.max(0, words[i]!.length - lcp[i]!);
  yield;
  const ends = new Uint32Array(starts[n]!);
  const minLength = new Uint8Array(starts[n]!);
  const maxLength = new Uint8Array(starts[n]!);
  // Open nodes, shallowest first: their depths and where they are kept in `ends`. The open
  // nodes always run depth 1, 2, ... down, so a closed node's parent is the new top: its word
  // lengths are folded into the parent's as it closes.
  const depths: number[] = [];
  const nodes: number[] = [];
  for (let i = 0; i <= n; i++) {
    const keep = i < n ? lcp[i]! : 0;
    while (depths.length > 0 && depths[depths.length - 1]! > keep) {
      depths.pop();
      const node = nodes.pop()!;
      ends[node] = i;
      const parent = nodes.length > 0 ? nodes[nodes.length - 1]! : -1;
      if (parent >= 0) {
        if (minLength[node]! < minLength[parent]!) minLength[parent] = minLength[node]!;
        if (maxLength[node]! > maxLength[parent]!) maxLength[parent] = maxLength[node]!;
      }
    }
    if (i === n) break;
    const length = Math.min(LENGTH_CAP, words[i]!.length);
    for (let depth = lcp[i]! + 1, node = starts[i]!; node < starts[i + 1]!; depth++, node++) {
      depths.push(depth);
      nodes.push(node);
      minLength[node] = length;
      maxLength[node] = length;
    }
    if (i % SKIP_WORDS_PER_STEP === SKIP_WORDS_PER_STEP - 1) yield;
  }
  return { lcp, starts, ends, minLength, maxLength };
}

function fuzzyGet(words: readonly string[], terms: Uint32Array, skips: Skips, query: string, maxDistance: number): WordMatch[] {
  const { lcp, starts, ends, minLength: shortest, maxLength: longest } = skips;
  const out: WordMatch[] = [];
  const n = query.length + 1;
  // A word within reach is at most maxDistance longer or shorter than the query.
  const maxLength = query.length + maxDistance;
  const minLength = query.length - maxDistance;
  // Capped lengths only rule a prefix out where the cap cannot hide a word in reach.
  const tooShort = minLength <= LENGTH_CAP ? minLength : LENGTH_CAP;
  // Row d of the edit distance matrix is the query against the first d units of the words in
  // turn. Only a band of maxDistance either side of the diagonal is computed (as SearchableMap
  // does): cells outside it keep maxDistance + 1, more than any match may cost.
  const matrix = new Uint8Array((maxLength + 1) * n).fill(maxDistance + 1);
  for (let j = 0; j < n; j++) matrix[j] = j;
  for (let d = 1; d <= maxLength; d++) matrix[d * n] = d;
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    // Rows up to the units word i shares with the word before it are still valid: that word was
    // either looked at in full, or given up on at a depth past lcp[i] (else word i would have
    // been skipped with it).
    let depth = lcp[i]!;
    let skipTo = -1;
    for (; depth < word.length; depth++) {
      const node = starts[i]! + depth - lcp[i]!;
      if (depth >= maxLength || longest[node]! < tooShort || shortest[node]! > maxLength) {
        skipTo = ends[node]!;
        break;
      }
      const c = word.charCodeAt(depth);
      // The unit before it, for a transposition; -1 (no unit) on the first row.
      const before = depth > 0 ? word.charCodeAt(depth - 1) : -1;
      const row = (depth + 1) * n;
      const above = row - n;
      const twoAbove = above - n;
      let best = matrix[row]!;
      const jmin = Math.max(0, depth - maxDistance);
      const jmax = Math.min(n - 1, depth + 1 + maxDistance);
      for (let j = jmin; j < jmax; j++) {
        const q = query.charCodeAt(j);
        let v = Math.min(matrix[above + j]! + (q === c ? 0 : 1), matrix[above + j + 1]! + 1, matrix[row + j]! + 1);
        // Two adjacent units swapped ("ab" for "ba") cost one edit, as in Lucene's FuzzyQuery.
        if (j > 0 && q === before && query.charCodeAt(j - 1) === c) {
          const swapped = matrix[twoAbove + j - 1]! + 1;
          if (swapped < v) v = swapped;
        }
        matrix[row + j + 1] = v;
        if (v < best) best = v;
      }
      if (best > maxDistance) {
        // No word under this prefix (depth + 1 units) can come within reach: jump past them.
        // A swap reaches back two rows, but a row's cell is at most one more than the cell
        // diagonally above it, so a row all out of reach has a row above it with nothing
        // closer than maxDistance either, and no swap from there comes back within reach.
        skipTo = ends[node]!;
        break;
      }
    }
    if (skipTo >= 0) {
      i = skipTo;
      continue;
    }
    const distance = matrix[word.length * n + n - 1]!;
    if (distance <= maxDistance) out.push({ word, term: terms[i]!, distance });
    i++;
  }
  return out;
}
