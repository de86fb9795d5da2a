/**
 * Papers added to a built index while the bot runs, as segments, the way Lucene does it: the
 * frozen index is never changed; each batch of new papers is indexed on its own into a small
 * frozen segment (build-index.ts), and a paper that comes again (a new arXiv version, same id)
 * marks its old copy deleted in the segment that holds it (a bitmap, as Lucene's live docs).
 * A query reads every segment, but with collection-wide statistics, so it ranks exactly as one
 * index freshly built over the same papers would:
 *
 * - papers are numbered in corpus order across the segments, deleted ones left out (the short
 *   ids a fresh build over "the first segment's papers, then each later one's in arrival order"
 *   gives them), and ties are broken by that order;
 * - BM25 takes the collection's size, each term's document frequency per field (deleted papers
 *   subtracted, from the terms of each deleted paper, counted when it is deleted) and the
 *   average field length MiniSearch's running mean would reach over the papers in that order;
 * - phrase matches, typo-correction words (those of a term some paper holds), paper lookup,
 *   "more like this" and the re-ranker's features all see every segment through the same ids.
 *
 * Once there are MAX_ADDED_SEGMENTS segments after the first, the next is built over their
 * papers and its own and takes their place (segmentPapersSteps), and everything is merged into
 * a new frozen index when the shell says so (it grew past a threshold): the merge copies the
 * frozen arrays segment by segment (no re-indexing), in bounded steps, and gives the index a
 * fresh build would give, down to the bytes a snapshot holds but for the order of the term and
 * word tables. One deliberate difference: a word seen only in a deleted version stays among the
 * typo-correction words while its term is held by some paper.
 *
 * Pure: typed arrays, no clock, no I/O.
 */
import type { Paper } from '../paper.js';
import { analyze } from './analyzer.js';
import { buildSearchIndexSteps, type BuildOptions } from './build-index.js';
import { createFrozenPostingsSteps, type FrozenPostings } from './frozen-postings.js';
import { ImpactRanker, type SegmentRun, type TermImpacts } from './impact-ranker.js';
import { assemble, FIELDS, type CloseWord, type SearchIndex, type SegmentHooks } from './index-shape.js';
import { heldPapersSteps, type PaperList } from './paper-list.js';
import { commonWords, matchPhrases, pairWords, tokenNumber, type PhraseMatches, type PhrasePositions } from './phrase-positions.js';
import { rankerSettingsOf } from './ranker-cache.js';
import { collectionFrequency, runFrequencies, type RerankSource } from './rerank.js';
import { SearchError } from './search-errors.js';
import type { SearchSettings } from './search-settings.js';
import { runSteps, ticker } from './work-steps.js';
import { wordListSteps, type WordList } from './word-list.js';

/** Step-wise work that may report progress (see work-steps.ts and runInSlices). */
export type Work<T> = Generator<number | void, T, void>;

/** Segments kept beside the first before the next one is built over their papers and replaces them (segmentPapersSteps). */
export const MAX_ADDED_SEGMENTS = 8;

/** Terms, tokens or papers handled between two yields of a merge (well under 1 ms each). */
const PER_STEP = 500;

/**
 * Papers a merge gathers between two yields: a paper of an index loaded from a snapshot is
 * parsed when first read (10-30 us each), so 500 of them take up to 15 ms.
 */
const PAPERS_GATHERED_PER_STEP = 100;

/** Postings, or bytes of phrase positions, a merge copies between two yields (~0.5 ms): a few common terms hold 100,000 papers each. */
const COPIED_PER_STEP = 1 << 17;

/** Papers freshPapersSteps compares with their indexed copy between two yields (~1 ms). */
const PAPERS_COMPARED_PER_STEP = 20;

/** Papers a view's layout, its ids or a merge's field lengths handle between two yields (~0.1 ms). */
const PAPERS_PER_STEP = 10_000;

const F = FIELDS.length;

/** One segment: a frozen index, and which of its papers a later segment holds a newer version of. */
export interface Segment {
  /** A plain index (built or loaded), never itself segmented. */
  readonly index: SearchIndex;
  /** By the segment's short id: 1 for a deleted paper; null when none is. */
  readonly deleted: Uint8Array | null;
  readonly deletedCount: number;
  /**
   * Per term, how many deleted papers hold it in each field (FIELDS order), then in any field,
   * then its occurrences in them: one layer per batch of deletions, summed when read, so marking
   * papers deleted adds a small map rather than copying one that grows with every batch.
   */
  readonly deletedTerms: readonly ReadonlyMap<string, Uint32Array>[];
}

/** Segments and the one index they search as; immutable: adding papers gives a new one. */
export interface SegmentedIndex {
  readonly segments: readonly Segment[];
  /** The segments as one index (the first segment's own index while it is alone and whole). */
  readonly index: SearchIndex;
  /** Papers in the segments after the first: what a merge would fold into it. */
  readonly addedPapers: number;
}

function plainSegment(index: SearchIndex): Segment {
  if (index.segments) throw new SearchError('inconsistent', 'a segment must be a plain index');
  return { index, deleted: null, deletedCount: 0, deletedTerms: [] };
}

function segmented(segments: readonly Segment[]): SegmentedIndex {
  return runSteps(segmentedSteps(segments));
}

/** segmented in bounded steps: a view over 100,000 papers with deletions lays them out in ~20 ms. */
function* segmentedSteps(segments: readonly Segment[]): Work<SegmentedIndex> {
  let added = 0;
  for (let k = 1; k < segments.length; k++) added += segments[k]!.index.papers.length - segments[k]!.deletedCount;
  return { segments, index: yield* viewOfSteps(segments), addedPapers: added };
}

/** A built or loaded index as the one segment of a segmented index. */
export function segmentedIndex(index: SearchIndex): SegmentedIndex {
  return segmented([plainSegment(index)]);
}

/** JSON with keys sorted, so two copies of a paper compare equal whatever their key order (a JSONB column reorders them). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * The papers of `papers` a new segment would hold: each id once (its last copy, at its last
 * place), a paper equal to the version already indexed left out. Empty when nothing changes.
 */
export function freshPapers(current: SegmentedIndex, papers: readonly Paper[]): Paper[] {
  return runSteps(freshPapersSteps(current, papers));
}

/** freshPapers in bounded steps: an indexed copy is parsed and both are compared as JSON (~50 us a paper). */
export function* freshPapersSteps(current: SegmentedIndex, papers: readonly Paper[]): Work<Paper[]> {
  const latest = new Map<string, Paper>();
  for (const paper of papers) {
    latest.delete(paper.id);
    latest.set(paper.id, paper);
  }
  const fresh: Paper[] = [];
  let compared = 0;
  for (const paper of latest.values()) {
    const indexed = current.index.papers.get(paper.id);
    if (indexed === undefined) fresh.push(paper);
    else {
      if (canonical(indexed) !== canonical(paper)) fresh.push(paper);
      if (++compared % PAPERS_COMPARED_PER_STEP === 0) yield;
    }
  }
  return fresh;
}

/** Whether the next segment replaces the added ones (there are MAX_ADDED_SEGMENTS of them) rather than joining them. */
function replacesAdded(current: SegmentedIndex): boolean {
  return current.segments.length - 1 >= MAX_ADDED_SEGMENTS;
}

/** Papers of the segments after the first that are in the collection and that none of `fresh` is a newer copy of. */
function keptAddedCount(current: SegmentedIndex, fresh: readonly Paper[]): number {
  let kept = current.addedPapers;
  for (const paper of fresh) {
    for (let k = 1; k < current.segments.length; k++) {
      const { index, deleted } = current.segments[k]!;
      const s = index.papers.position(paper.id);
      if (s !== undefined && deleted?.[s] !== 1) kept--;
    }
  }
  return kept;
}

/**
 * The papers the next segment is built over, for `fresh` (what freshPapers gave): `fresh`
 * itself, or, once there are MAX_ADDED_SEGMENTS added segments, their papers first (in
 * collection order, deleted ones and those `fresh` holds a newer copy of left out), then
 * `fresh`, so that the new segment replaces them all. Built where segments are built (a worker
 * thread in the bot), that costs the main thread nothing: merging them here costs 200-340 ms
 * of steps, and more garbage, at 100k papers.
 */
export function* segmentPapersSteps(current: SegmentedIndex, fresh: readonly Paper[]): Work<Paper[]> {
  if (!replacesAdded(current)) return [...fresh];
  const newer = new Set(fresh.map((paper) => paper.id));
  const out: Paper[] = [];
  for (let k = 1; k < current.segments.length; k++) {
    const { index, deleted } = current.segments[k]!;
    for (let s = 0; s < index.papers.length; s++) {
      if (deleted?.[s] === 1 || newer.has(index.papers.ids[s]!)) continue;
      // A paper loaded as bytes is parsed here (10-30 us).
      out.push(index.papers.at(s));
      if (out.length % PAPERS_GATHERED_PER_STEP === 0) yield;
    }
  }
  out.push(...fresh);
  return out;
}

/**
 * `papers` added as a new segment (freshPapers: an older version is marked deleted). Returns
 * `current` itself when nothing changes.
 */
export function* addPapersSteps(current: SegmentedIndex, papers: readonly Paper[]): Work<SegmentedIndex> {
  const fresh = yield* freshPapersSteps(current, papers);
  if (fresh.length === 0) return current;
  const built = yield* buildSearchIndexSteps(yield* segmentPapersSteps(current, fresh), current.segments[0]!.index.settings, segmentBuildOptions(current));
  return yield* addSegmentSteps(current, fresh, built);
}

/**
 * How a new segment of `current` is built (here or in a worker thread): with the first
 * segment's common words for phrase pairs, not its own papers' (a few hundred papers' counts
 * would differ), so that every segment and their merge index the same pairs.
 */
export function segmentBuildOptions(current: SegmentedIndex): BuildOptions {
  return { phraseCommon: commonWords(current.segments[0]!.index.phrases) };
}

/**
 * `built`, the index of what segmentPapersSteps gave for `fresh` (freshPapers), in its order,
 * with the first segment's settings (built here or elsewhere, say in a worker thread, and
 * loaded), added as a new segment: beside the others, or in place of the added ones.
 */
export function* addSegmentSteps(current: SegmentedIndex, fresh: readonly Paper[], built: SearchIndex): Work<SegmentedIndex> {
  if (built.fingerprint !== current.segments[0]!.index.fingerprint) throw new SearchError('inconsistent', "a segment must be built with the index's settings");
  const replace = replacesAdded(current);
  const expected = replace ? keptAddedCount(current, fresh) + fresh.length : fresh.length;
  const last = built.papers.ids.slice(built.papers.length - fresh.length);
  if (built.papers.length !== expected || last.some((id, i) => id !== fresh[i]!.id)) {
    throw new SearchError('inconsistent', replace ? 'a segment replacing the added ones must hold their papers, then the fresh ones (segmentPapersSteps)' : 'a segment must hold the fresh papers');
  }
  const segments = [...(yield* withDeletedSteps(replace ? current.segments.slice(0, 1) : current.segments, fresh)), plainSegment(built)];
  const next = yield* segmentedSteps(segments);
  if (next.index.segments) yield* next.index.segments.prepare();
  return next;
}

/**
 * The segments with every older copy of these papers marked deleted (copied on write), in
 * bounded steps: a deleted paper's terms are counted from its text (~0.2 ms a paper).
 */
function* withDeletedSteps(segments: readonly Segment[], papers: readonly Paper[]): Work<Segment[]> {
  const out: Segment[] = [];
  for (const segment of segments) {
    let deleted: Uint8Array | null = null;
    let terms: Map<string, Uint32Array> | null = null;
    let count = segment.deletedCount;
    for (const paper of papers) {
      const s = segment.index.papers.position(paper.id);
      if (s === undefined || segment.deleted?.[s] === 1 || deleted?.[s] === 1) continue;
      deleted ??= segment.deleted ? segment.deleted.slice() : new Uint8Array(segment.index.papers.length);
      terms ??= new Map();
      deleted[s] = 1;
      count++;
      countTerms(terms, segment.index.papers.at(s));
      yield;
    }
    out.push(deleted === null ? segment : { index: segment.index, deleted, deletedCount: count, deletedTerms: [...segment.deletedTerms, terms!] });
  }
  return out;
}

/** Slot `slot` of the term's counts over the segment's deleted papers (Segment.deletedTerms). */
function deletedCount(segment: Segment, term: string, slot: number): number {
  let n = 0;
  for (const layer of segment.deletedTerms) n += layer.get(term)?.[slot] ?? 0;
  return n;
}

/** Adds a deleted paper's terms to the per-term counts: the terms MiniSearch indexed it under (analyze), with their occurrences. */
function countTerms(counts: Map<string, Uint32Array>, paper: Paper): void {
  const occurrences = new Map<string, number>();
  const byField = FIELDS.map((field) => {
    const terms = analyze(paper[field]);
    for (const term of terms) occurrences.set(term, (occurrences.get(term) ?? 0) + 1);
    return new Set(terms);
  });
  for (const [term, times] of occurrences) {
    // The layer is this batch's own, not yet read by any view: counted in place.
    let c = counts.get(term);
    if (!c) counts.set(term, (c = new Uint32Array(F + 2)));
    for (let f = 0; f < F; f++) if (byField[f]!.has(term)) c[f]!++;
    c[F]!++;
    c[F + 1]! += times;
  }
}

/** Every segment merged into one frozen index; `current` unchanged when it is one already. */
export function* mergeAllSteps(current: SegmentedIndex): Work<SegmentedIndex> {
  if (current.segments.length === 1 && current.segments[0]!.deleted === null) return current;
  return segmentedIndex(yield* mergeSegmentsSteps(current.segments));
}

/**
 * Segment papers from..to into its maps (map: collection id - base, or -1 when deleted;
 * inverse: the other way), the first of them getting collection id - base `c`; returns the next.
 * The loops a view's layout runs are plain functions, not generator bodies: they run once per
 * view, too seldom for the optimising compiler, and a generator's unoptimised arithmetic
 * allocated ~2 MB of boxed numbers a view at 100,000 papers.
 */
function mapRange(deleted: Uint8Array, map: Int32Array, inverse: Int32Array, from: number, to: number, c: number): number {
  for (let s = from; s < to; s++) {
    if (deleted[s] === 1) map[s] = -1;
    else {
      map[s] = c;
      inverse[c++] = s;
    }
  }
  return c;
}

/** MiniSearch's running mean of each field's length over papers from..to of a segment (n papers), after `seen` papers; returns the count seen. */
function meanRange(avg: Float64Array, lengths: Uint32Array, n: number, deleted: Uint8Array | null, from: number, to: number, seen: number): number {
  for (let s = from; s < to; s++) {
    if (deleted !== null && deleted[s] === 1) continue;
    for (let f = 0; f < F; f++) avg[f] = (avg[f]! * seen + lengths[f * n + s]!) / (seen + 1);
    seen++;
  }
  return seen;
}

/** Where each segment's papers sit among the collection's (deleted ones left out). */
interface Layout {
  readonly segments: readonly Segment[];
  /** Papers in the collection. */
  readonly count: number;
  /** Per segment: its first paper's collection id. */
  readonly bases: Int32Array;
  /** Per segment: how many of the collection's papers it holds (its deleted ones left out). */
  readonly counts: Int32Array;
  /** Per segment with deletions: collection id - base by short id (-1 when deleted); else null. */
  readonly toCollection: readonly (Int32Array | null)[];
  /** Per segment with deletions: short id by collection id - base; else null. */
  readonly toSegment: readonly (Int32Array | null)[];
  /** MiniSearch's running mean of each field's length over the collection's papers in order. */
  readonly avgFieldLengths: Float64Array;
}

/** Where each segment's papers sit, in bounded steps: in one go it is ~13 ms at 100k papers when the first segment has deletions. */
function* layoutOfSteps(segments: readonly Segment[]): Work<Layout> {
  const bases = new Int32Array(segments.length);
  const toCollection: (Int32Array | null)[] = [];
  const toSegment: (Int32Array | null)[] = [];
  let count = 0;
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k]!;
    bases[k] = count;
    const n = segment.index.papers.length;
    if (segment.deleted === null) {
      toCollection.push(null);
      toSegment.push(null);
      count += n;
      continue;
    }
    const map = new Int32Array(n);
    const inverse = new Int32Array(n - segment.deletedCount);
    let c = 0;
    for (let from = 0; from < n; from += PAPERS_PER_STEP) {
      c = mapRange(segment.deleted, map, inverse, from, Math.min(n, from + PAPERS_PER_STEP), c);
      yield;
    }
    toCollection.push(map);
    toSegment.push(inverse);
    count += c;
  }
  // As MiniSearch.addFieldLength computes it, paper by paper: (mean x count + length) / (count + 1).
  // A first segment with nothing deleted already holds that mean over its papers.
  const avg = new Float64Array(F);
  let seen = 0;
  let from = 0;
  const first = segments[0]!;
  if (first.deleted === null) {
    avg.set(first.index.postings.avgFieldLengths);
    seen = first.index.papers.length;
    from = 1;
  }
  for (let k = from; k < segments.length; k++) {
    const { deleted, index } = segments[k]!;
    const n = index.papers.length;
    const lengths = index.postings.fieldLengths;
    for (let start = 0; start < n; start += PAPERS_PER_STEP) {
      seen = meanRange(avg, lengths, n, deleted, start, Math.min(n, start + PAPERS_PER_STEP), seen);
      yield;
    }
  }
  const counts = Int32Array.from(bases, (b, k) => (k + 1 < bases.length ? bases[k + 1]! : count) - b);
  return { segments, count, bases, counts, toCollection, toSegment, avgFieldLengths: avg };
}

/** The segment holding collection id c (0 <= c < count). */
function segmentOf(layout: Layout, c: number): number {
  let k = layout.segments.length - 1;
  while (k > 0 && layout.bases[k]! > c) k--;
  return k;
}

/** The short id in segment k of collection id c (a paper segment k holds). */
function shortIdIn(layout: Layout, k: number, c: number): number {
  const local = c - layout.bases[k]!;
  const inverse = layout.toSegment[k];
  return inverse ? inverse[local]! : local;
}

/** The collection id of segment k's paper s, or -1 when it is deleted. */
function collectionId(layout: Layout, k: number, s: number): number {
  const map = layout.toCollection[k];
  if (!map) return layout.bases[k]! + s;
  const c = map[s]!;
  return c < 0 ? -1 : layout.bases[k]! + c;
}

/** Collection ids base + from..to of a segment's papers (its ids, read through `inverse` when it has deletions) into `ids`. */
function copyIds(ids: string[], own: readonly string[], inverse: Int32Array | null, base: number, from: number, to: number): void {
  for (let c = from; c < to; c++) ids[base + c] = own[inverse ? inverse[c]! : c]!;
}

/** The papers of the collection, by collection id, in bounded steps (its ids: ~5 ms in one go at 100k papers). */
function* collectionPapersSteps(layout: Layout): Work<PaperList> {
  const { segments, bases, toSegment, count } = layout;
  const ids: string[] = new Array<string>(count);
  for (let k = 0; k < segments.length; k++) {
    const list = segments[k]!.index.papers;
    const inverse = toSegment[k];
    const n = inverse ? inverse.length : list.length;
    for (let from = 0; from < n; from += PAPERS_PER_STEP) {
      copyIds(ids, list.ids, inverse ?? null, bases[k]!, from, Math.min(n, from + PAPERS_PER_STEP));
      yield;
    }
  }
  const position = (id: string): number | undefined => {
    // The newest copy first: an older one is deleted.
    for (let k = segments.length - 1; k >= 0; k--) {
      const s = segments[k]!.index.papers.position(id);
      if (s === undefined) continue;
      const c = collectionId(layout, k, s);
      if (c >= 0) return c;
    }
    return undefined;
  };
  const at = (c: number): Paper => {
    if (!(c >= 0 && c < count)) throw new SearchError('inconsistent', `no paper at position ${c}`);
    const k = segmentOf(layout, c);
    return segments[k]!.index.papers.at(shortIdIn(layout, k, c));
  };
  let all: Paper[] | null = null;
  return {
    length: count,
    ids,
    position,
    at,
    get: (id) => {
      const c = position(id);
      return c === undefined ? undefined : at(c);
    },
    all: () => (all ??= ids.map((_, c) => at(c))),
  };
}

/** The run of term `term` in field f of segment k: [start, end) of its postings, empty when absent. */
function runOf(postings: FrozenPostings, term: string, f: number): [number, number] {
  const t = postings.termNumbers.get(term);
  if (t === undefined) return [0, 0];
  return [postings.offsets[t * F + f]!, postings.offsets[t * F + f + 1]!];
}

/** Papers of the collection holding `term` in field f. */
function fieldDocFreq(layout: Layout, term: string, f: number): number {
  let df = 0;
  for (const segment of layout.segments) {
    const [start, end] = runOf(segment.index.postings, term, f);
    if (start === end) continue;
    df += end - start - deletedCount(segment, term, f);
  }
  return df;
}

function docFreqOf(layout: Layout, term: string): number {
  let df = 0;
  for (const segment of layout.segments) {
    const postings = segment.index.postings;
    const t = postings.termNumbers.get(term);
    if (t === undefined) continue;
    df += postings.docFreqs[t]! - deletedCount(segment, term, F);
  }
  return df;
}

/** The segments as one index: what every search module is given. */
function* viewOfSteps(segments: readonly Segment[]): Work<SearchIndex> {
  const first = segments[0]!;
  if (segments.length === 1 && first.deleted === null) return first.index;
  const layout = yield* layoutOfSteps(segments);
  const N = layout.count;
  const papers = yield* collectionPapersSteps(layout);
  const base = first.index;

  /**
   * The term's runs over every segment, as a fresh build's postings hold them: per boosted field
   * (in the ranker's summing order) the collection-wide idf and each segment's run where it
   * lies, with the collection's mean lengths, so the ranker computes the same doubles with the
   * same expression and adds them in the same order as over one frozen
   * index (paper by paper in collection id order).
   */
  const impactsOf = (settings: SearchSettings, term: string): TermImpacts => {
    const runs: { boost: number; idf: number; avgLength: number; parts: SegmentRun[] }[] = [];
    for (const [field, boost] of Object.entries(rankerSettingsOf(settings).fieldBoosts)) {
      const f = FIELDS.indexOf(field as (typeof FIELDS)[number]);
      if (f < 0) continue;
      const matching = fieldDocFreq(layout, term, f);
      if (matching === 0) continue;
      const parts: SegmentRun[] = [];
      segments.forEach((segment, j) => {
        const postings = segment.index.postings;
        const [start, end] = runOf(postings, term, f);
        if (start === end) return;
        parts.push({
          docs: postings.docs,
          freqs: postings.freqs,
          start,
          end,
          base: layout.bases[j]!,
          map: layout.toCollection[j]!,
          inverse: layout.toSegment[j]!,
          count: layout.counts[j]!,
          lengths: postings.fieldLengths,
          lengthsAt: f * segment.index.papers.length,
        });
      });
      runs.push({ boost: boost || 1, idf: Math.log(1 + (N - matching + 0.5) / (matching + 0.5)), avgLength: layout.avgFieldLengths[f]!, parts });
    }
    return { runs };
  };

  // What the ranker reads of its postings when it is given the impacts: the count and the ids.
  const shell: FrozenPostings = { ...base.postings, documentCount: N, documentIds: papers.ids };
  const rankers = new WeakMap<SearchSettings, ImpactRanker>();

  let rerankView: RerankSource | null = null;

  const hooks: SegmentHooks = {
    // What the first typo query on this view would otherwise compute in one go: each segment's
    // word-list skips (a segment's are built once, whichever view asks). Nothing else is built
    // per view: the ranker reads each segment's own field lengths, and shares its scratch.
    *prepare() {
      for (const segment of segments) yield* segment.index.words.prepare();
    },
    docFreq: (term) => docFreqOf(layout, term),
    ranker: (settings) => {
      let ranker = rankers.get(settings);
      if (!ranker) {
        ranker = new ImpactRanker(shell, rankerSettingsOf(settings), papers.position, { impactsOf: (term) => impactsOf(settings, term) });
        rankers.set(settings, ranker);
      }
      return ranker;
    },
    matchPhrases: (phrases, budget) => {
      const out: number[] = [];
      let complete = true;
      segments.forEach((segment, k) => {
        const found: PhraseMatches = matchPhrases(segment.index.phrases, phrases, budget);
        complete &&= found.complete;
        for (const s of found.docs) {
          const c = collectionId(layout, k, s);
          if (c >= 0) out.push(c);
        }
      });
      return { docs: Int32Array.from(out), complete };
    },
    fuzzyWords: (word, maxEdits) => {
      const out = new Map<string, CloseWord>();
      for (const segment of segments) {
        const { terms } = segment.index.postings;
        for (const match of segment.index.words.fuzzyGet(word, maxEdits)) {
          const term = terms[match.term]!;
          if (!out.has(match.word) && docFreqOf(layout, term) > 0) out.set(match.word, { word: match.word, term, distance: match.distance });
        }
      }
      return [...out.values()];
    },
    rerankSource: () => (rerankView ??= {
      fields: FIELDS,
      documentCount: N,
      avgFieldLengths: layout.avgFieldLengths,
      fieldLength: (f, c) => {
        const k = segmentOf(layout, c);
        return segments[k]!.index.postings.fieldLengths[f * segments[k]!.index.papers.length + shortIdIn(layout, k, c)]!;
      },
      termStats: (term) => {
        const df = docFreqOf(layout, term);
        if (df === 0) return null;
        let cf = 0;
        for (const segment of segments) {
          const t = segment.index.postings.termNumbers.get(term);
          if (t !== undefined) cf += collectionFrequency(segment.index.postings, t) - deletedCount(segment, term, F + 1);
        }
        return { df, cf };
      },
      termFrequencies: (term, f, sorted, order, out, stride, slot) => {
        // The candidates of segment k are the run of `sorted` within its collection ids.
        let from = 0;
        segments.forEach((segment, k) => {
          const base = layout.bases[k]!;
          const last = base + layout.counts[k]!;
          let to = from;
          while (to < sorted.length && sorted[to]! < last) to++;
          if (to === from) return;
          const postings = segment.index.postings;
          const [start, end] = runOf(postings, term, f);
          if (start < end) runFrequencies({ docs: postings.docs, freqs: postings.freqs, start, end, base, inverse: layout.toSegment[k]! }, sorted, from, to, order, out, stride, slot);
          from = to;
        });
      },
    }),
  };

  let merged: SearchIndex | null = null;
  const whole = (): SearchIndex => (merged ??= runSteps(mergeSegmentsSteps(segments)));
  return {
    settings: base.settings,
    fingerprint: base.fingerprint,
    papers,
    get postings() {
      return whole().postings;
    },
    get words() {
      return whole().words;
    },
    get phrases() {
      return whole().phrases;
    },
    segments: hooks,
  };
}

/** Field f's length in collection paper c at [f * N + c], as a fresh build's postings hold them. */
function* collectionFieldLengthsSteps(layout: Layout): Work<Uint32Array> {
  const { segments, count: N } = layout;
  const out = new Uint32Array(F * N);
  for (let k = 0; k < segments.length; k++) {
    const n = segments[k]!.index.papers.length;
    const lengths = segments[k]!.index.postings.fieldLengths;
    for (let s = 0; s < n; s++) {
      const c = collectionId(layout, k, s);
      if (c >= 0) for (let f = 0; f < F; f++) out[f * N + c] = lengths[f * n + s]!;
      if (s % PAPERS_PER_STEP === PAPERS_PER_STEP - 1) yield;
    }
  }
  return out;
}

/** The widest of the segments' frequency arrays' types, for postings that hold all of theirs. */
function widestFreqs(segments: readonly Segment[], length: number): Uint8Array | Uint16Array | Uint32Array {
  let bytes = 1;
  for (const segment of segments) bytes = Math.max(bytes, segment.index.postings.freqs.BYTES_PER_ELEMENT);
  return bytes === 1 ? new Uint8Array(length) : bytes === 2 ? new Uint16Array(length) : new Uint32Array(length);
}

/** Appends every segment's run of `term` in field f (collection ids, deleted papers left out) at `at`; returns the new end. */
function copyRuns(layout: Layout, term: string, f: number, docs: Int32Array, freqs: Uint8Array | Uint16Array | Uint32Array, at: number): number {
  layout.segments.forEach((segment, k) => {
    const postings = segment.index.postings;
    const [start, end] = runOf(postings, term, f);
    for (let i = start; i < end; i++) {
      const c = collectionId(layout, k, postings.docs[i]!);
      if (c < 0) continue;
      docs[at] = c;
      freqs[at++] = postings.freqs[i]!;
    }
  });
  return at;
}

/**
 * The segments merged into one frozen index, in bounded steps: the papers in collection order,
 * each term's runs and each token's positions copied segment after segment with collection ids
 * (deleted papers, and terms or tokens only they held, left out), the words put together.
 */
export function* mergeSegmentsSteps(segments: readonly Segment[]): Work<SearchIndex> {
  const tick = ticker(PER_STEP);
  const layout = yield* layoutOfSteps(segments);
  const N = layout.count;
  const settings = segments[0]!.index.settings;
  const view = yield* collectionPapersSteps(layout);

  const papers: Paper[] = new Array<Paper>(N);
  for (let c = 0; c < N; c++) {
    papers[c] = view.at(c);
    if (c % PAPERS_GATHERED_PER_STEP === PAPERS_GATHERED_PER_STEP - 1) yield;
  }

  // Terms: every segment's (each sorted), merged into one sorted list, as frozen postings keep them.
  let union: readonly string[] = [];
  for (const segment of segments) union = yield* mergeSortedSteps(union, segment.index.postings.terms, (term) => term, tick);
  // Exactly the postings kept: every segment's, less those of its deleted papers (counted per
  // term and field when they were deleted), so nothing is allocated twice and copied down.
  let total = 0;
  for (const segment of segments) {
    total += segment.index.postings.docs.length;
    for (const layer of segment.deletedTerms) for (const counts of layer.values()) for (let f = 0; f < F; f++) total -= counts[f]!;
  }
  // Each large allocation a step of its own: tens of MB outside the heap at once make V8 mark
  // the heap there and then (external memory pressure), which should not land on top of a step's work.
  const docs = new Int32Array(total);
  yield;
  const freqs = widestFreqs(segments, total);
  yield;
  const offsets = new Uint32Array(union.length * F + 1);
  const terms: string[] = [];
  let at = 0;
  let yieldedAt = 0;
  for (const term of union) {
    const start = at;
    const t = terms.length;
    for (let f = 0; f < F; f++) {
      offsets[t * F + f] = at;
      at = copyRuns(layout, term, f, docs, freqs, at);
    }
    // A term only deleted papers held is gone, as from a fresh build.
    if (at > start) terms.push(term);
    if (tick() || at - yieldedAt >= COPIED_PER_STEP) {
      yieldedAt = at;
      yield;
    }
  }
  offsets[terms.length * F] = at;
  if (at !== total) throw new SearchError('inconsistent', `the merge kept ${at} postings, not the ${total} counted`);
  const fieldLengths = yield* collectionFieldLengthsSteps(layout);
  const postings = yield* createFrozenPostingsSteps({
    fields: FIELDS,
    documentCount: N,
    documentIds: view.ids,
    terms,
    offsets: terms.length === union.length ? offsets : offsets.slice(0, terms.length * F + 1),
    docs,
    freqs,
    fieldLengths,
    avgFieldLengths: layout.avgFieldLengths,
  });
  const phrases = yield* mergePhrasesSteps(layout, tick);
  const words = yield* mergeWordsSteps(segments, postings, tick);
  const list = yield* heldPapersSteps(papers);
  return assemble(settings, list, postings, phrases, words);
}

/** Appends bytes, growing as needed. */
class Bytes {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
  }

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  varint(value: number): void {
    this.room(5);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  copy(from: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    if (end - start > 64) {
      this.bytes.set(from.subarray(start, end), this.length);
      this.length += end - start;
      return;
    }
    // Most entries are a few bytes: a subarray for each (millions at 100k papers) cost more
    // than the copy, and its garbage more GC.
    const bytes = this.bytes;
    let at = this.length;
    for (let i = start; i < end; i++) bytes[at++] = from[i]!;
    this.length = at;
  }
}

/** Reads the varint at `at.at` (the positions' bytes were checked when their segment was made). */
function readVarint(bytes: Uint8Array, at: { at: number }): number {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at.at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
    shift += 7;
  }
}

/**
 * The segments' phrase positions as one (phrase-positions.ts has the layout): tokens merged in
 * sorted order, each token's entries copied segment after segment with the paper gaps
 * re-encoded for collection ids and each paper's positions copied as they are.
 */
function* mergePhrasesSteps(layout: Layout, tick: () => boolean): Work<PhrasePositions> {
  const { segments } = layout;
  const all = segments.map((segment) => segment.index.phrases);
  const next = all.map(() => 0);
  // Room for every entry, so the bytes are never grown (a copy of ~70 MB at 100k papers in one step): an entry
  // is copied as it is but for its paper gap, which only a later segment's first entry of a
  // token can lengthen (from its short id to the gap from the paper before, in another segment),
  // by at most 4 bytes below 2^35 papers; deleted papers' entries are dropped.
  let capacity = 0;
  for (const [k, phrases] of all.entries()) capacity += phrases.bytes.length + (k > 0 ? 4 * phrases.tokens.length : 0);
  const out = new Bytes(capacity);
  // A step of its own, as the postings' arrays are (mergeSegmentsSteps).
  yield;
  const common = commonOfMerge(all);
  yield;
  const tokens: string[] = [];
  const starts: number[] = [0];
  const docCounts: number[] = [];
  const commonNumbers: number[] = [];
  const reader = { at: 0 };
  let yieldedAt = 0;
  for (;;) {
    let token: string | null = null;
    for (let k = 0; k < all.length; k++) {
      const candidate = all[k]!.tokens[next[k]!];
      if (candidate !== undefined && (token === null || candidate < token)) token = candidate;
    }
    if (token === null) break;
    const pair = pairWords(token);
    if (pair !== null && !(common.has(pair[0]) && common.has(pair[1]))) {
      // A pair of words not common in every segment: some segment did not index it.
      for (let k = 0; k < all.length; k++) if (all[k]!.tokens[next[k]!] === token) next[k]!++;
      continue;
    }
    let previous = -1;
    let entries = 0;
    for (let k = 0; k < all.length; k++) {
      const phrases = all[k]!;
      const t = next[k]!;
      if (phrases.tokens[t] !== token) continue;
      next[k] = t + 1;
      const end = phrases.starts[t + 1]!;
      reader.at = phrases.starts[t]!;
      let doc = -1;
      while (reader.at < end) {
        doc += readVarint(phrases.bytes, reader) + 1;
        const length = readVarint(phrases.bytes, reader);
        const from = reader.at;
        reader.at += length;
        const c = collectionId(layout, k, doc);
        if (c < 0) continue;
        out.varint(c - previous - 1);
        out.varint(length);
        out.copy(phrases.bytes, from, from + length);
        previous = c;
        entries++;
      }
    }
    if (entries > 0) {
      if (out.length > 0xffffffff) throw new SearchError('too-large', 'the phrase positions take more than 4 GiB');
      if (pair === null && common.has(token)) commonNumbers.push(tokens.length);
      tokens.push(token);
      starts.push(out.length);
      docCounts.push(entries);
    }
    if (tick() || out.length - yieldedAt >= COPIED_PER_STEP) {
      yieldedAt = out.length;
      yield;
    }
  }
  const startsArray = Uint32Array.from(starts);
  yield;
  // A view, not a copy: the room left over (4 bytes a token of each later segment, and deleted
  // papers' entries) costs less than copying the ~70 MB in one step.
  return { tokens, starts: startsArray, bytes: out.bytes.subarray(0, out.length), docCounts: Uint32Array.from(docCounts), common: Uint32Array.from(commonNumbers), documentCount: layout.count };
}

/**
 * The common words of a merge: those every segment either counts common (so it indexed their
 * pairs) or does not hold at all (so it has none of their pairs to index). Segments are built
 * with the first one's common words (segmentBuildOptions), so a merge keeps them.
 */
function commonOfMerge(all: readonly PhrasePositions[]): Set<string> {
  const out = new Set<string>();
  const commonOf = all.map((phrases) => new Set(commonWords(phrases)));
  for (const words of commonOf) {
    for (const word of words) {
      if (out.has(word)) continue;
      if (all.every((phrases, k) => commonOf[k]!.has(word) || tokenNumber(phrases, word) < 0)) out.add(word);
    }
  }
  return out;
}

/**
 * Two lists in code unit order (by `key`, no repeats within either) as one, a key in both kept
 * once, from `a`.
 */
function* mergeSortedSteps<T>(a: readonly T[], b: readonly T[], key: (item: T) => string, tick: () => boolean): Work<T[]> {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length) out.push(a[i++]!);
    else if (i >= a.length) out.push(b[j++]!);
    else {
      const x = key(a[i]!);
      const y = key(b[j]!);
      if (x < y) out.push(a[i++]!);
      else if (y < x) out.push(b[j++]!);
      else {
        out.push(a[i++]!);
        j++;
      }
    }
    if (tick()) yield;
  }
  return out;
}

/**
 * Every segment's words as one sorted list, each with its term's number in the merged postings;
 * words whose term no paper holds any more are left out, as from a fresh build.
 */
function* mergeWordsSteps(segments: readonly Segment[], postings: FrozenPostings, tick: () => boolean): Work<WordList> {
  let union: (readonly [string, string])[] = [];
  for (const segment of segments) {
    const { terms } = segment.index.postings;
    const list: (readonly [string, string])[] = [];
    for (const [word, t] of segment.index.words) {
      list.push([word, terms[t]!]);
      if (tick()) yield;
    }
    union = yield* mergeSortedSteps(union, list, (entry) => entry[0], tick);
  }
  const words: string[] = [];
  const numbers: number[] = [];
  for (const [word, term] of union) {
    const t = postings.termNumbers.get(term);
    if (t !== undefined) {
      words.push(word);
      numbers.push(t);
    }
    if (tick()) yield;
  }
  const terms = Uint32Array.from(numbers);
  yield;
  return yield* wordListSteps(words, terms);
}
