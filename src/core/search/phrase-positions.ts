/**
 * Word positions for phrase queries, so a phrase is answered from the index instead of by
 * analysing every candidate paper's text (at 100,000 papers "diffusion model" had ~36,000
 * candidates and took ~5 s that way).
 *
 * What a phrase means (unchanged from the text check it replaces): a paper's title, abstract
 * and aliases are read as one sequence of words (folded, split at anything but letters and
 * digits, stop words kept, each all-letter word Porter-stemmed); a phrase matches when its own
 * word sequence occurs there contiguously. So "diffusion model" meets "Diffusion Models", "one
 * step" meets "one-step", and "state of the art" still needs its "of the".
 *
 * Layout, for T tokens (the stemmed words, sorted, so a token's number is found by binary search
 * and no Map of ~300,000 strings is kept): token t's entries are bytes starts[t] .. starts[t+1]
 * of `bytes`, one entry per paper holding it, papers ascending, each entry three unsigned
 * varints and the positions: paper gap (paper - previous paper, the first from -1), the byte
 * length of the positions that follow, the number of positions, then the positions as gaps
 * (first from -1). The byte length lets a reader step past a paper without decoding its
 * positions. docCounts[t] is how many papers hold token t (rarest-first intersection).
 * Tokens include the pairs of adjacent common words ("we propos", see COMMON_FRACTION), each
 * entry's positions those of the pair's first word; `common` lists the common words.
 *
 * Pure: typed arrays and strings only.
 */
import { SearchError } from './search-errors.js';
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { foldText } from './analyzer.js';
import { ownString, runSteps, sortSteps, ticker, type Steps } from './work-steps.js';
import { indexOfSorted } from './sorted-search.js';

/** Papers, and tokens, handled between two yields of the step-wise build (well under 1 ms). */
const PAPERS_PER_STEP = 2;
const TOKENS_PER_STEP = 1_000;

export interface PhrasePositions {
  /** Token by number, sorted ascending (code unit order). */
  readonly tokens: readonly string[];
  readonly starts: Uint32Array;
  readonly bytes: Uint8Array;
  readonly docCounts: Uint32Array;
  /** The common words (COMMON_FRACTION) by token number, ascending: adjacent pairs of them are tokens too ("we propos"). */
  readonly common: Uint32Array;
  readonly documentCount: number;
}

/** Which papers hold every phrase; `complete` is false when the work budget ran out first. */
export interface PhraseMatches {
  /** Short ids, ascending. */
  readonly docs: Int32Array;
  readonly complete: boolean;
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;
const LETTERS = /^[a-z]+$/;

/** The words phrase matching sees: folded, split at anything but letters and digits. */
export function phraseWords(text: string): string[] {
  return foldText(text)
    .split(NOT_WORD)
    .filter((word) => word !== '');
}

/** A phrase word as a token: stemmed when it is all letters a-z. */
export function phraseToken(word: string): string {
  return LETTERS.test(word) ? stemmer(word) : word;
}

/** The text a paper's phrases are matched in: title, abstract and aliases as one sequence. */
export function phraseText(paper: { readonly title: string; readonly abstract: string; readonly searchAliases: string }): string {
  return `${paper.title} . ${paper.abstract} . ${paper.searchAliases}`;
}

/** Appends bytes, growing as needed. */
class ByteWriter {
  bytes = new Uint8Array(16);
  length = 0;

  varint(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  raw(from: ByteWriter): void {
    while (this.length + from.length > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(from.bytes.subarray(0, from.length), this.length);
    this.length += from.length;
  }
}

function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v >>>= 7) n++;
  return n;
}

/**
 * Words so common that a phrase of them is costly from single-word positions: every paper
 * holding them is a candidate, and most are. For a pair of adjacent common words the positions
 * also index the pair itself ("we propos", position of its first word), so a phrase of common
 * words is answered from the pairs' far shorter runs (Lucene's CommonGrams does the same). At
 * 100,000 generated papers "we diffusion models" checked ~33,000 papers in ~9 ms; the pairs
 * take ~11 MB. Pairs of two stop words ("of the") are left out: they are the largest runs, and
 * a phrase that needs one still has its other words' pairs to narrow it.
 */
export const COMMON_FRACTION = 0.3;

/** Stop words as phrase tokens: a pair of two is not indexed. */
const STOP_TOKENS: ReadonlySet<string> = new Set(eng.map(phraseToken));

/** Separates a pair's two words in its token: no word holds a space. */
const PAIR = ' ';

/** The token of the pair `a` then `b`. */
export function pairToken(a: string, b: string): string {
  return `${a}${PAIR}${b}`;
}

/** A pair token's two words; null for a token that is one word. */
export function pairWords(token: string): readonly [string, string] | null {
  const at = token.indexOf(PAIR);
  return at < 0 ? null : [token.slice(0, at), token.slice(at + 1)];
}

/** Whether two adjacent words are indexed as a pair: both common, not both stop words. */
function indexedPair(aCommon: boolean, bCommon: boolean, aStop: boolean, bStop: boolean): boolean {
  return aCommon && bCommon && !(aStop && bStop);
}

export interface PhraseBuildOptions {
  /**
   * The common words (tokens) to index pairs of, instead of those in COMMON_FRACTION of these
   * papers: a segment is built with its index's, so segments and their merge share one set.
   */
  readonly common?: readonly string[];
}

/**
 * The positions of every paper's words, papers given in corpus order (short id = position).
 * Without `common` given, two passes over the texts (the second for the pairs of common words,
 * once the counts are known): `texts` must give the same texts each time it is iterated. With
 * it (a segment's build, while the bot serves), one. Memory while building is about twice the
 * result's.
 */
export function buildPhrasePositions(texts: Iterable<string>, options: PhraseBuildOptions = {}): PhrasePositions {
  return runSteps(buildPhrasePositionsSteps(texts, options));
}

/** One paper's entries: `keys` holds (id * 2^32 + position) for `length` words, sorted here. */
function writePaper(keys: Float64Array, length: number, doc: number, writers: ByteWriter[], lastDoc: number[], counts: number[], scratch: ByteWriter): void {
  const sorted = keys.subarray(0, length).sort();
  for (let i = 0; i < sorted.length; ) {
    const id = Math.floor(sorted[i]! / 0x100000000);
    let j = i;
    scratch.length = 0;
    let previous = -1;
    for (; j < sorted.length && Math.floor(sorted[j]! / 0x100000000) === id; j++) {
      const position = sorted[j]! - id * 0x100000000;
      scratch.varint(position - previous - 1);
      previous = position;
    }
    const writer = writers[id]!;
    writer.varint(doc - lastDoc[id]! - 1);
    writer.varint(scratch.length + varintLength(j - i));
    writer.varint(j - i);
    writer.raw(scratch);
    lastDoc[id] = doc;
    counts[id]!++;
    i = j;
  }
}

/** buildPhrasePositions, yielding between bounded steps (see work-steps.ts). */
export function* buildPhrasePositionsSteps(texts: Iterable<string>, options: PhraseBuildOptions = {}): Steps<PhrasePositions> {
  const paperTick = ticker(PAPERS_PER_STEP);
  const tokenTick = ticker(TOKENS_PER_STEP);
  const tokenIds = new Map<string, number>();
  const wordIds = new Map<string, number>();
  const writers: ByteWriter[] = [];
  const lastDoc: number[] = [];
  const counts: number[] = [];
  /** Per token id: its string, whether it is a common word, whether a stop word (pairs: never common). */
  const names: string[] = [];
  const common: number[] = [];
  const stop: number[] = [];
  const given = options.common ? new Set(options.common) : null;
  const scratch = new ByteWriter();
  const newToken = (token: string, pair: boolean): number => {
    const id = tokenIds.size;
    if (id >= 0x4000000) throw new SearchError('too-large', 'the phrase positions hold more than 2^26 distinct tokens');
    const own = ownString(token);
    tokenIds.set(own, id);
    names.push(own);
    common.push(!pair && given?.has(token) ? 1 : 0);
    stop.push(!pair && STOP_TOKENS.has(token) ? 1 : 0);
    writers.push(new ByteWriter());
    lastDoc.push(-1);
    counts.push(0);
    return id;
  };
  const pairIds = new Map<number, number>();
  let keys = new Float64Array(256);
  let pairKeys = new Float64Array(256);
  let ids = new Uint32Array(256);
  /** One paper's pairs of adjacent common words (its word ids in `ids`), written as tokens of their own. */
  const writePairs = (n: number, doc: number): void => {
    if (pairKeys.length < n) pairKeys = new Float64Array(n * 2);
    let m = 0;
    for (let i = 1; i < n; i++) {
      const a = ids[i - 1]!;
      const b = ids[i]!;
      if (!indexedPair(common[a] === 1, common[b] === 1, stop[a] === 1, stop[b] === 1)) continue;
      // Below 2^53 while there are fewer than 2^26 distinct tokens.
      const key = a * 0x4000000 + b;
      let pair = pairIds.get(key);
      if (pair === undefined) {
        pair = newToken(pairToken(names[a]!, names[b]!), true);
        pairIds.set(key, pair);
      }
      pairKeys[m++] = pair * 0x100000000 + (i - 1);
    }
    if (m > 0) writePaper(pairKeys, m, doc, writers, lastDoc, counts, scratch);
  };
  /** A paper's word ids, into `ids`; returns how many. */
  const wordsOf = (text: string): number => {
    const words = phraseWords(text);
    if (ids.length < words.length) ids = new Uint32Array(words.length * 2);
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      let id = wordIds.get(word);
      if (id === undefined) {
        const token = phraseToken(word);
        id = tokenIds.get(token) ?? newToken(token, false);
        wordIds.set(word, id);
      }
      ids[i] = id;
    }
    return words.length;
  };
  let doc = 0;
  for (const text of texts) {
    const n = wordsOf(text);
    if (keys.length < n) keys = new Float64Array(n * 2);
    // token then position, in one double (exact below 2^53): sorting groups a token's positions.
    for (let i = 0; i < n; i++) keys[i] = ids[i]! * 0x100000000 + i;
    writePaper(keys, n, doc, writers, lastDoc, counts, scratch);
    // With the common words given (a segment's build), the pairs in the same pass.
    if (given) writePairs(n, doc);
    doc++;
    if (paperTick()) yield;
  }
  if (!given) {
    // The common words are known once every paper is counted: a second pass for their pairs.
    const least = Math.max(1, Math.ceil(COMMON_FRACTION * doc));
    const singles = tokenIds.size;
    for (let id = 0; id < singles; id++) if (counts[id]! >= least) common[id] = 1;
    if (common.includes(1)) {
      let again = 0;
      for (const text of texts) {
        const before = tokenIds.size;
        const n = wordsOf(text);
        if (tokenIds.size !== before) throw new SearchError('inconsistent', 'the phrase texts changed between the two passes of the build');
        writePairs(n, again);
        again++;
        if (paperTick()) yield;
      }
      if (again !== doc) throw new SearchError('inconsistent', 'the phrase texts changed between the two passes of the build');
    }
  }
  const tokens = yield* sortSteps([...tokenIds.keys()], (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const starts = new Uint32Array(tokens.length + 1);
  let total = 0;
  for (let t = 0; t < tokens.length; t++) {
    total += writers[tokenIds.get(tokens[t]!)!]!.length;
    if (total > 0xffffffff) throw new SearchError('too-large', 'the phrase positions take more than 4 GiB');
    starts[t + 1] = total;
    if (tokenTick()) yield;
  }
  const bytes = new Uint8Array(total);
  const docCounts = new Uint32Array(tokens.length);
  const commonNumbers: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const id = tokenIds.get(tokens[t]!)!;
    const writer = writers[id]!;
    bytes.set(writer.bytes.subarray(0, writer.length), starts[t]!);
    docCounts[t] = counts[id]!;
    if (common[id] === 1) commonNumbers.push(t);
    if (tokenTick()) yield;
  }
  return { tokens, starts, bytes, docCounts, common: Uint32Array.from(commonNumbers), documentCount: doc };
}

/**
 * Positions from their parts (a snapshot's), checked: the runs tile the bytes, the tokens are
 * sorted, and with `deep` every entry is decoded once (papers in range, lengths and counts
 * right). A load checks shallowly: decoding the ~60 MB of a 100k-paper index took seconds of a
 * start-up that must stay under 1.5 s, and the snapshot's CRC-32 already vouches for every byte;
 * the readers stay within the whole array whatever the bytes. Throws on any inconsistency.
 */
export function createPhrasePositions(parts: PhrasePositions, options: { deep?: boolean } = {}): PhrasePositions {
  const { tokens, starts, bytes, docCounts, documentCount: n } = parts;
  const bad = (what: string): never => {
    throw new SearchError('inconsistent', `the phrase positions are inconsistent (${what})`);
  };
  const T = tokens.length;
  if (starts.length !== T + 1 || docCounts.length !== T || starts[0] !== 0 || starts[T] !== bytes.length) bad('offsets do not span the positions');
  for (let t = 1; t < T; t++) if (!(tokens[t - 1]! < tokens[t]!)) bad('tokens out of order');
  for (let t = 0; t < T; t++) if (starts[t + 1]! < starts[t]!) bad(`offsets go backwards at ${t}`);
  const { common } = parts;
  for (let i = 0; i < common.length; i++) {
    const t = common[i]!;
    if (t >= T || (i > 0 && !(common[i - 1]! < t)) || pairWords(tokens[t]!) !== null) bad('the common words are out of order or not words');
  }
  if (!options.deep) return parts;
  const reader = new Reader(bytes);
  for (let t = 0; t < T; t++) {
    const end = starts[t + 1]!;
    if (end < starts[t]!) bad(`offsets go backwards at ${t}`);
    reader.at = starts[t]!;
    let doc = -1;
    let entries = 0;
    while (reader.at < end) {
      doc += reader.varint(end) + 1;
      const length = reader.varint(end);
      const next = reader.at + length;
      if (next > end || length === 0) bad(`an entry of ${tokens[t]} runs past its run`);
      const count = reader.varint(next);
      for (let i = 0; i < count; i++) reader.varint(next);
      if (reader.at !== next || count === 0) bad(`an entry of ${tokens[t]} has a wrong length`);
      entries++;
    }
    if (doc >= n) bad(`the papers of ${tokens[t]} are out of range`);
    if (entries !== docCounts[t]) bad(`${tokens[t]} is said to be in ${docCounts[t]} papers, not ${entries}`);
  }
  return parts;
}

class Reader {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** The varint at `at`; throws rather than read at or past `end`. */
  varint(end: number): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= end || shift > 28) throw new SearchError('inconsistent', 'the phrase positions are inconsistent (a malformed number)');
      const byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  }
}

/** The common words, whose adjacent pairs are indexed (COMMON_FRACTION). */
export function commonWords(positions: PhrasePositions): string[] {
  return Array.from(positions.common, (t) => positions.tokens[t]!);
}

/** The token's number, or -1 when no paper has it. */
export function tokenNumber(positions: PhrasePositions, token: string): number {
  return indexOfSorted(positions.tokens, token);
}

/** Reads one token's entries in paper order (varints are trusted: loads check them). */
class Cursor {
  doc = -1;
  /** Where the current entry's positions (count first) start, and end. */
  private posAt = 0;
  private posEnd = 0;
  private at: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.at = start;
  }

  private varint(): number {
    const bytes = this.bytes;
    let byte = bytes[this.at++]!;
    if (byte < 0x80) return byte;
    let value = byte & 0x7f;
    let shift = 7;
    do {
      byte = bytes[this.at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte >= 0x80);
    return value;
  }

  /** Moves to the next entry; false at the end. */
  next(): boolean {
    if (this.at >= this.end) {
      this.doc = 0x7fffffff;
      return false;
    }
    this.doc += this.varint() + 1;
    const length = this.varint();
    this.posAt = this.at;
    this.posEnd = this.at + length;
    this.at = this.posEnd;
    return true;
  }

  /** Moves to the first entry at or after `doc`; steps taken are added to `work`. */
  seek(doc: number, work: { steps: number }): boolean {
    while (this.doc < doc) {
      work.steps++;
      if (!this.next()) return false;
    }
    return true;
  }

  /** Where nextPosition reads, how many positions it has left, and the last one it gave. */
  private streamAt = 0;
  private streamLeft = 0;
  private streamPosition = -1;

  /** Starts reading the current entry's positions one at a time (nextPosition). */
  openPositions(): void {
    const saved = this.at;
    this.at = this.posAt;
    this.streamLeft = this.varint();
    this.streamAt = this.at;
    this.streamPosition = -1;
    this.at = saved;
  }

  /** The current entry's next position, ascending; -1 when there are no more. */
  nextPosition(): number {
    if (this.streamLeft === 0) return -1;
    this.streamLeft--;
    const bytes = this.bytes;
    let byte = bytes[this.streamAt++]!;
    let gap = byte & 0x7f;
    let shift = 7;
    while (byte >= 0x80) {
      byte = bytes[this.streamAt++]!;
      gap += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    this.streamPosition += gap + 1;
    return this.streamPosition;
  }

  /** The current entry's positions, into `out` (grown when short); returns how many. */
  positions(out: { array: Uint32Array }): number {
    const saved = this.at;
    this.at = this.posAt;
    const count = this.varint();
    if (out.array.length < count) out.array = new Uint32Array(count * 2);
    let position = -1;
    for (let i = 0; i < count; i++) {
      position += this.varint() + 1;
      out.array[i] = position;
    }
    this.at = saved;
    return count;
  }
}

/** Whether token number `t` is one of the common words (pairs of them are indexed). */
function isCommon(positions: PhrasePositions, t: number): boolean {
  return indexOfSorted(positions.common, t) >= 0;
}

/**
 * What a phrase's words are looked up as: the indexed pair for each two adjacent common words
 * (at the first one's offset), and each word no pair covers on its own. The phrase holds at a
 * start exactly when every one of them does at its offset. Null when one is in no paper.
 */
function phraseUnits(positions: PhrasePositions, tokens: readonly string[]): { token: number; offset: number }[] | null {
  const numbers = tokens.map((token) => tokenNumber(positions, token));
  if (numbers.some((t) => t < 0)) return null;
  const units: { token: number; offset: number }[] = [];
  const covered = new Uint8Array(tokens.length);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (!indexedPair(isCommon(positions, numbers[i]!), isCommon(positions, numbers[i + 1]!), STOP_TOKENS.has(a), STOP_TOKENS.has(b))) continue;
    const pair = tokenNumber(positions, pairToken(a, b));
    // Every adjacent occurrence of two common words is indexed: no pair, no paper.
    if (pair < 0) return null;
    units.push({ token: pair, offset: i });
    covered[i] = 1;
    covered[i + 1] = 1;
  }
  for (let i = 0; i < tokens.length; i++) if (covered[i] === 0) units.push({ token: numbers[i]!, offset: i });
  return units;
}

/** Papers holding the words `tokens` (one token per word) contiguously, in that order. */
function matchSequence(positions: PhrasePositions, tokens: readonly string[], work: { steps: number; budget: number }): { docs: number[]; complete: boolean } {
  const units = phraseUnits(positions, tokens);
  if (units === null) return { docs: [], complete: true };
  // Rarest first: its papers drive the intersection, and its positions seed the check.
  const distinct = [...new Set(units.map((u) => u.token))].sort((a, b) => positions.docCounts[a]! - positions.docCounts[b]!);
  const cursors = distinct.map((t) => new Cursor(positions.bytes, positions.starts[t]!, positions.starts[t + 1]!));
  // The phrase offsets each distinct token must be found at.
  const offsets = distinct.map((t) => units.filter((u) => u.token === t).map((u) => u.offset));
  const check = new SequenceCheck(cursors, offsets);
  const rarest = cursors[0]!;
  const docs: number[] = [];
  while (rarest.next()) {
    if (++work.steps > work.budget) return { docs, complete: false };
    const doc = rarest.doc;
    let all = true;
    for (let k = 1; k < cursors.length; k++) {
      const cursor = cursors[k]!;
      if (!cursor.seek(doc, work)) return { docs, complete: true };
      if (cursor.doc !== doc) {
        all = false;
        break;
      }
    }
    if (all && check.holds()) docs.push(doc);
  }
  return { docs, complete: true };
}

/**
 * Whether the paper every cursor is on holds the sequence: some start p with each token k at
 * p + every one of its offsets. The starts the rarest token allows are narrowed token by token
 * with a merge against that token's positions, decoded only as far as the merge reads them; the
 * check stops at the first token that leaves no start, and the last one stops at the first
 * start it confirms. It runs for every paper holding all of a phrase's tokens: for a phrase
 * with a word that is neither rare nor common (paired), thousands of papers at 100,000.
 */
class SequenceCheck {
  private starts = new Int32Array(16);
  private readonly list = { array: new Uint32Array(16) };
  /** The (cursor, offset) pairs that narrow the starts, in order: all but the anchor's. */
  private readonly narrowing: { readonly cursor: Cursor; readonly offset: number }[] = [];

  constructor(
    private readonly cursors: readonly Cursor[],
    private readonly offsets: readonly (readonly number[])[],
  ) {
    const anchorOffset = offsets[0]![0]!;
    cursors.forEach((cursor, k) => {
      for (const offset of offsets[k]!) if (!(k === 0 && offset === anchorOffset)) this.narrowing.push({ cursor, offset });
    });
  }

  holds(): boolean {
    const { cursors, offsets, list, narrowing } = this;
    const count = cursors[0]!.positions(list);
    if (this.starts.length < count) this.starts = new Int32Array(count * 2);
    const starts = this.starts;
    const anchorOffset = offsets[0]![0]!;
    let m = 0;
    for (let i = 0; i < count; i++) {
      const start = list.array[i]! - anchorOffset;
      if (start >= 0) starts[m++] = start;
    }
    if (m === 0) return false;
    const lastStep = narrowing.length - 1;
    for (let step = 0; step <= lastStep; step++) {
      const { cursor, offset } = narrowing[step]!;
      cursor.openPositions();
      let position = cursor.nextPosition();
      let kept = 0;
      for (let i = 0; i < m && position >= 0; i++) {
        const wanted = starts[i]! + offset;
        while (position >= 0 && position < wanted) position = cursor.nextPosition();
        if (position === wanted) {
          if (step === lastStep) return true;
          starts[kept++] = starts[i]!;
        }
      }
      m = kept;
      if (m === 0) return false;
    }
    return true;
  }
}

/**
 * Papers holding every phrase, with at most `budget` entry steps of work (entries read in the
 * postings, summed over the phrases): past it the papers found so far are returned, marked
 * incomplete, so one pathological phrase cannot hold the event loop. A phrase of no words
 * matches every paper, as the text check it replaces did.
 */
export function matchPhrases(positions: PhrasePositions, phrases: readonly string[], budget = Infinity): PhraseMatches {
  const sequences = phrases.map((phrase) => phraseWords(phrase).map(phraseToken)).filter((tokens) => tokens.length > 0);
  if (sequences.length === 0) return { docs: Int32Array.from({ length: positions.documentCount }, (_, i) => i), complete: true };
  const work = { steps: 0, budget };
  let result: number[] | null = null;
  let complete = true;
  for (const tokens of sequences) {
    const found = matchSequence(positions, tokens, work);
    complete &&= found.complete;
    result = result === null ? found.docs : intersectSorted(result, found.docs);
    if (result.length === 0 && found.complete) break;
  }
  return { docs: Int32Array.from(result ?? []), complete };
}

function intersectSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! === b[j]!) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return out;
}
