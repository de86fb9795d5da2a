/**
 * Ranks papers for a weighted query straight from the frozen postings, with the scores
 * MiniSearch.search would give (per-field BM25, field boosts, term weights, the coordination
 * factor), but at a fraction of its cost on a large corpus.
 *
 * Why not MiniSearch.search: it builds a result object (with per-term match lists) for every
 * matching paper and sorts them all, so a common word over 100,000 papers costs tens of
 * milliseconds though the user sees five. Here a query scores each term's frozen postings field
 * by field into a reused accumulator indexed by paper and picks the best k with a heap. The
 * scores equal MiniSearch's up to floating-point rounding (the products are grouped
 * differently); tests hold the two side by side.
 *
 * The one deliberate difference: papers with equal scores come in corpus order (MiniSearch keeps
 * the order it first met them in), so results are stable whatever the query's word order.
 */
import type { FrozenPostings } from './frozen-postings.js';
import { indexOfSorted } from './sorted-search.js';

export interface RankerSettings {
  /** Boost per engine field name (MiniSearch reads a missing or zero boost as 1; so do we). */
  readonly fieldBoosts: Readonly<Record<string, number>>;
  readonly bm25: { readonly k: number; readonly b: number; readonly d: number };
  /** A paper's score is multiplied by (distinct query terms it matched)^coordination. */
  readonly coordination: number;
}

export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/**
 * One segment's run of a term in one field, read where it lies (segments.ts): postings
 * docs[start..end) of the segment, local short ids ascending, each local id s standing for
 * collection id base + map[s] (base + s when map is null; map[s] < 0: a deleted paper, skipped),
 * with the field's length in paper s at lengths[lengthsAt + s] (the segment's own field
 * lengths). `inverse` and `count` go the other way, for checking whether a collection id holds
 * the term.
 */
export interface SegmentRun {
  readonly docs: Int32Array;
  readonly freqs: Uint8Array | Uint16Array | Uint32Array;
  readonly start: number;
  readonly end: number;
  readonly base: number;
  readonly map: Int32Array | null;
  readonly inverse: Int32Array | null;
  /** The segment's papers in the collection (deleted ones left out). */
  readonly count: number;
  readonly lengths: Uint32Array;
  readonly lengthsAt: number;
}

/**
 * A term's postings as an index of several segments (segments.ts) computes them with
 * collection-wide statistics, in place of the frozen postings: one entry per boosted field the
 * term is in, in the order the boosts are summed, with the field's boost, collection-wide idf
 * and mean length, and the segments' runs in collection order. Nothing is copied: a segmented
 * query scores from the segments' own arrays, as a frozen one does from its postings.
 */
export interface TermImpacts {
  readonly runs: readonly { readonly boost: number; readonly idf: number; readonly avgLength: number; readonly parts: readonly SegmentRun[] }[];
}

/** Whether collection id `shortId` is one of the run's papers. */
function runHolds(part: SegmentRun, shortId: number): boolean {
  const local = shortId - part.base;
  if (local < 0 || local >= part.count) return false;
  const s = part.inverse ? part.inverse[local]! : local;
  return indexOfSorted(part.docs, s, part.end, part.start) >= 0;
}

/** A query term as the ranker sees it: its number in the frozen postings (-1 when unknown). */
interface QueryTerm extends WeightedTerm {
  readonly t: number;
}

export interface Ranking {
  /** How many papers matched. */
  readonly total: number;
  /** Papers `offset`..`offset + count` of the ranking, best first. */
  window(offset: number, count: number): { id: string; score: number }[];
  /** Every matched paper id (unordered). */
  ids(): string[];
  /** The query terms a matched paper holds, in query order. */
  matchedTerms(id: string): string[];
  /** The ranking restricted to papers passing `keep` (scores unchanged). */
  filter(keep: (id: string) => boolean): Ranking;
}

/**
 * Scratch space indexed by collection id, all zero between queries. One is shared by every
 * ranker, so an index put in place per added segment (segments.ts) allocates none: ~2.4 MB a
 * view at 100,000 papers otherwise, garbage that brings the main thread's next major GC closer
 * while papers come in.
 * Search is synchronous, so one query holds it at a time; a ranking asked for while it is held
 * (from inside a `keep`) gets a scratch of its own.
 */
class Scratch {
  readonly scores: Float64Array;
  readonly counts: Uint16Array;
  readonly blocked: Uint8Array;
  readonly touched: Int32Array;
  /** Per paper, the stamp of the last query term that reached it: a term counts once however many fields hold it. */
  readonly stamps: Int32Array;
  readonly allowed: Uint8Array;
  private mask: Uint32Array | null = null;
  private stamp = 0;

  constructor(readonly size: number) {
    this.scores = new Float64Array(size);
    this.counts = new Uint16Array(size);
    this.blocked = new Uint8Array(size);
    this.touched = new Int32Array(size);
    this.stamps = new Int32Array(size);
    this.allowed = new Uint8Array(size);
  }

  /** Per paper, a bit per required term it holds (made when a query first has one). */
  requiredMask(): Uint32Array {
    return (this.mask ??= new Uint32Array(this.size));
  }

  /** A stamp no paper holds yet (stamps only grow; on wrapping, every paper's is cleared). */
  nextStamp(): number {
    if (this.stamp >= 0x7ffffff0) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

let spareScratch: Scratch | null = null;

/** A zeroed scratch for `size` papers: the shared one when it is free and large enough, else a new one with room to grow. */
function takeScratch(size: number): Scratch {
  const spare = spareScratch;
  if (spare !== null && spare.size >= size) {
    spareScratch = null;
    return spare;
  }
  // Room for the papers of many polls before it has to grow again.
  return new Scratch(size + (size >> 3) + 64);
}

/** Hands a scratch back, zeroed: it becomes the shared one unless that is larger. */
function giveBackScratch(scratch: Scratch): void {
  if (spareScratch === null || scratch.size > spareScratch.size) spareScratch = scratch;
}

/**
 * Adds one field's run of one term to the scratch: the hot loop of every query, kept in a
 * function of its own over typed arrays and numbers so that it stays optimised whatever shapes
 * the ranker's callers come in. Returns the new count of touched papers.
 *
 * The length normalisation k(1 - b + b*length/avgLength) is computed per posting as
 * normBase + normScale*length from the segment's own field lengths: the same expression over
 * one frozen index and over segments, so both give the same doubles, and no per-paper array of
 * norms is built per index (2.4 MB a view at 100,000 papers).
 */
function scoreRun(
  scratch: Scratch,
  part: SegmentRun,
  boost: number,
  idf: number,
  normBase: number,
  normScale: number,
  d: number,
  k1: number,
  weight: number,
  countIt: number,
  stamp: number,
  reqBit: number,
  useAllowed: boolean,
  nTouched: number,
): number {
  const { scores, counts, blocked, touched, stamps, allowed } = scratch;
  const requiredMask = reqBit !== 0 ? scratch.requiredMask() : null;
  const { docs: local, freqs: tfs, start, end, base, map, lengths, lengthsAt } = part;
  for (let j = start; j < end; j++) {
    const s = local[j]!;
    const c = map ? map[s]! : s;
    if (c < 0) continue;
    const shortId = base + c;
    // A paper the phrases rule out is never scored: it would be dropped below anyway.
    if (blocked[shortId] === 1 || (useAllowed && allowed[shortId] === 0)) continue;
    const tf = tfs[j]!;
    // MiniSearch's calcBM25Score.
    const score = boost * (idf * (d + (tf * k1) / (tf + (normBase + normScale * lengths[lengthsAt + s]!))));
    if (stamps[shortId] !== stamp) {
      stamps[shortId] = stamp;
      if (counts[shortId] === 0 && scores[shortId] === 0) touched[nTouched++] = shortId;
      counts[shortId] = counts[shortId]! + countIt;
    }
    scores[shortId] = scores[shortId]! + weight * score;
    if (requiredMask !== null) requiredMask[shortId] = requiredMask[shortId]! | reqBit;
  }
  return nTouched;
}

/**
 * Why no per-term cache of impacts: each posting's BM25 is a few multiplications and one
 * division, so scoring straight from the frozen postings costs about what adding up cached
 * impacts would, without sorting, copying or holding them. A cache of impacts misses on most
 * terms of a large vocabulary (282,000 words at 100,000 generated papers): measured, an LRU of
 * 32 MB spent ~40% of a soak's query time refilling itself.
 */
export class ImpactRanker {
  private readonly frozen: FrozenPostings;
  private readonly settings: RankerSettings;
  /** [field number, boost] per boosted field the postings have, in the order of the boosts (MiniSearch's summing order). */
  private readonly boosted: readonly (readonly [number, number])[];
  /** Computes a term's impacts instead of the frozen postings (a segmented index, segments.ts). */
  private readonly impactsOf: ((term: string) => TermImpacts) | undefined;

  /**
   * `shortIdOf` maps a paper id to its short id (its corpus position): the index's paper list
   * already keeps that lookup, so the ranker borrows it rather than building a second one.
   * With `impactsOf` (an index of several segments, segments.ts) a term's papers and impacts come
   * from it, and `frozen` is read only for documentCount and documentIds.
   */
  constructor(
    frozen: FrozenPostings,
    settings: RankerSettings,
    private readonly shortIdOf: (id: string) => number | undefined,
    options: { impactsOf?: (term: string) => TermImpacts } = {},
  ) {
    this.frozen = frozen;
    this.impactsOf = options.impactsOf;
    this.settings = settings;
    this.boosted = Object.entries(settings.fieldBoosts)
      .map(([field, boost]) => [frozen.fields.indexOf(field), boost || 1] as const)
      .filter(([f]) => f >= 0);
  }

  /** Term number t's runs in the frozen postings, as TermImpacts gives a segmented index's: one part per boosted field it is in. */
  private frozenImpacts(t: number): TermImpacts {
    const { offsets, docs, freqs, documentCount: N, fieldLengths, avgFieldLengths } = this.frozen;
    const F = this.frozen.fields.length;
    const runs: TermImpacts['runs'][number][] = [];
    for (const [f, boost] of this.boosted) {
      const start = offsets[t * F + f]!;
      const end = offsets[t * F + f + 1]!;
      if (start === end) continue;
      const matching = end - start;
      const idf = Math.log(1 + (N - matching + 0.5) / (matching + 0.5));
      runs.push({ boost, idf, avgLength: avgFieldLengths[f]!, parts: [{ docs, freqs, start, end, base: 0, map: null, inverse: null, count: N, lengths: fieldLengths, lengthsAt: f * N }] });
    }
    return { runs };
  }

  /** Blocks every paper holding term number t, in any field. */
  private blockTerm(t: number, block: (shortId: number) => void): void {
    const { offsets, docs, fields } = this.frozen;
    const F = fields.length;
    for (let i = offsets[t * F]!; i < offsets[t * F + F]!; i++) block(docs[i]!);
  }

  /**
   * Papers holding any of `terms` and none of `excluded`, scored as
   * sum(weight x impact) x (matched terms)^coordination, a term's impact in a paper being the
   * sum of its fields' boosted BM25 (MiniSearch's calcBM25Score, term for term). `keep` (by
   * paper id) narrows the set. `required` lists indexes into `terms` a paper must all hold
   * (phrase words); `allowed`, when given, is every short id a paper may have (the papers
   * holding the query's phrases).
   */
  rank(
    terms: readonly WeightedTerm[],
    excluded: readonly string[] = [],
    options: { keep?: (id: string) => boolean; skipId?: string; required?: readonly number[]; allowed?: Int32Array } = {},
  ): Ranking {
    const scratch = takeScratch(this.frozen.documentCount);
    // Handed back only once zeroed again: a query that throws leaves its scratch to the collector.
    const ranking = this.rankWith(scratch, terms, excluded, options);
    giveBackScratch(scratch);
    return ranking;
  }

  private rankWith(
    scratch: Scratch,
    terms: readonly WeightedTerm[],
    excluded: readonly string[],
    options: { keep?: (id: string) => boolean; skipId?: string; required?: readonly number[]; allowed?: Int32Array },
  ): Ranking {
    const { scores, counts, blocked, touched } = scratch;
    const { termNumbers } = this.frozen;
    const allowed = options.allowed ? scratch.allowed : null;
    if (allowed) for (const shortId of options.allowed!) allowed[shortId] = 1;
    const blockedIds: number[] = [];
    const block = (shortId: number): void => {
      if (blocked[shortId] === 0) {
        blocked[shortId] = 1;
        blockedIds.push(shortId);
      }
    };
    for (const term of excluded) {
      if (this.impactsOf) {
        for (const run of this.impactsOf(term).runs) {
          for (const { docs: local, start, end, base, map } of run.parts) {
            for (let i = start; i < end; i++) {
              const c = map ? map[local[i]!]! : local[i]!;
              if (c >= 0) block(base + c);
            }
          }
        }
        continue;
      }
      const t = termNumbers.get(term);
      if (t !== undefined) this.blockTerm(t, block);
    }
    if (options.skipId !== undefined) {
      const skip = this.shortIdOf(options.skipId);
      if (skip !== undefined) block(skip);
    }

    const impactsOf = this.impactsOf;
    const given = impactsOf ? new Map(terms.map((q) => [q.term, impactsOf(q.term)])) : null;
    const lists: QueryTerm[] = terms.map((q) => ({ ...q, t: given ? (given.get(q.term)!.runs.length > 0 ? 0 : -1) : (termNumbers.get(q.term) ?? -1) }));
    // Distinct terms only: MiniSearch counts a repeated term once in its coordination factor
    // but adds its score each time, and so do we.
    const distinct = new Set<string>();
    const required = options.required ?? [];
    // Required terms are checked through a bit mask; beyond 32 of them, a plain count of the
    // distinct terms matched cannot tell which, so they are checked per paper below.
    const requiredMask = required.length > 0 && required.length <= 32 ? scratch.requiredMask() : null;
    const { k, b, d } = this.settings.bm25;
    const k1 = k + 1;
    const normBase = k * (1 - b);

    // One pass over each term's postings per field (and segment), nothing allocated per paper.
    let nTouched = 0;
    for (let i = 0; i < lists.length; i++) {
      const { t, weight, term } = lists[i]!;
      const countIt = distinct.has(term) ? 0 : 1;
      distinct.add(term);
      if (t < 0) continue;
      const reqIndex = required.indexOf(i);
      const reqBit = requiredMask && reqIndex >= 0 ? 1 << reqIndex : 0;
      const stamp = scratch.nextStamp();
      // A frozen index's runs, or a segmented index's read from each segment's own arrays:
      // the same expression and the same order of additions either way.
      for (const { boost, idf, avgLength, parts } of (given ? given.get(term)! : this.frozenImpacts(t)).runs) {
        const normScale = (k * b) / avgLength;
        for (const part of parts) nTouched = scoreRun(scratch, part, boost, idf, normBase, normScale, d, k1, weight, countIt, stamp, reqBit, allowed !== null, nTouched);
      }
    }

    const keep = options.keep;
    const fullMask = required.length >= 32 ? 0xffffffff : (1 << required.length) - 1;
    // MiniSearch multiplies by the count of matched terms; the coordination exponent replaces
    // that. Counts are small integers, so the powers are looked up, not computed per paper.
    const c = this.settings.coordination;
    const factor = new Float64Array(distinct.size + 1);
    for (let count = 0; count <= distinct.size; count++) factor[count] = c === 1 ? count : Math.pow(count, c);
    const ids = new Int32Array(nTouched);
    const finalScores = new Float64Array(nTouched);
    let n = 0;
    for (let x = 0; x < nTouched; x++) {
      const shortId = touched[x]!;
      const count = counts[shortId]!;
      const raw = scores[shortId]!;
      scores[shortId] = 0;
      counts[shortId] = 0;
      if (required.length > 0) {
        const ok = requiredMask ? (requiredMask[shortId]! >>> 0) === fullMask >>> 0 : required.every((r) => this.holdsTerm(lists[r]!, shortId, given));
        if (requiredMask) requiredMask[shortId] = 0;
        if (!ok) continue;
      }
      if (keep && !keep(this.frozen.documentIds[shortId]!)) continue;
      ids[n] = shortId;
      // raw * count when c = 1, exactly as MiniSearch computes it.
      finalScores[n++] = raw * factor[count]!;
    }
    for (const shortId of blockedIds) blocked[shortId] = 0;
    if (allowed) for (const shortId of options.allowed!) allowed[shortId] = 0;

    return this.ranking(ids.subarray(0, n), finalScores.subarray(0, n), lists, given);
  }

  private holdsTerm(list: QueryTerm, shortId: number, given: ReadonlyMap<string, TermImpacts> | null): boolean {
    if (!given) return this.holds(list.t, shortId);
    for (const run of given.get(list.term)!.runs) for (const part of run.parts) if (runHolds(part, shortId)) return true;
    return false;
  }

  /** Whether paper `shortId` holds term number t in any field. */
  private holds(t: number, shortId: number): boolean {
    if (t < 0) return false;
    const { offsets, docs, fields } = this.frozen;
    const F = fields.length;
    for (let f = 0; f < F; f++) if (indexOfSorted(docs, shortId, offsets[t * F + f + 1]!, offsets[t * F + f]!) >= 0) return true;
    return false;
  }

  private ranking(ids: Int32Array, scores: Float64Array, lists: readonly QueryTerm[], given: ReadonlyMap<string, TermImpacts> | null): Ranking {
    const documentIds = this.frozen.documentIds;
    const toId = (shortId: number): string => documentIds[shortId]!;
    let order: Int32Array | null = null;
    let orderedUpTo = 0;
    const ensureOrder = (upTo: number): Int32Array => {
      if (order && orderedUpTo >= Math.min(upTo, ids.length)) return order;
      order = topPositions(ids, scores, upTo);
      orderedUpTo = upTo >= ids.length ? ids.length : upTo;
      return order;
    };
    return {
      total: ids.length,
      window: (offset, count) => {
        const end = Math.min(ids.length, offset + count);
        if (offset >= end) return [];
        const positions = ensureOrder(end);
        const out: { id: string; score: number }[] = [];
        for (let i = offset; i < end; i++) out.push({ id: toId(ids[positions[i]!]!), score: scores[positions[i]!]! });
        return out;
      },
      ids: () => Array.from(ids, toId),
      matchedTerms: (id) => {
        const shortId = this.shortIdOf(id);
        if (shortId === undefined) return [];
        const out: string[] = [];
        for (const list of lists) if (!out.includes(list.term) && this.holdsTerm(list, shortId, given)) out.push(list.term);
        return out;
      },
      filter: (keep) => {
        const keptIds: number[] = [];
        const keptScores: number[] = [];
        for (let i = 0; i < ids.length; i++) {
          if (!keep(toId(ids[i]!))) continue;
          keptIds.push(ids[i]!);
          keptScores.push(scores[i]!);
        }
        return this.ranking(Int32Array.from(keptIds), Float64Array.from(keptScores), lists, given);
      },
    };
  }
}

/** a ranks before b: higher score, then lower short id (corpus order). */
const before = (ids: Int32Array, scores: Float64Array, a: number, b: number): boolean =>
  scores[a]! > scores[b]! || (scores[a] === scores[b] && ids[a]! < ids[b]!);

/**
 * Positions of the best `k` entries, best first. A bounded min-heap: O(n log k) rather than
 * sorting every match when the user sees five.
 */
export function topPositions(ids: Int32Array, scores: Float64Array, k: number): Int32Array {
  const n = ids.length;
  const size = Math.min(k, n);
  if (size <= 0) return new Int32Array(0);
  if (size * 4 >= n) {
    const all = Array.from({ length: n }, (_, i) => i);
    all.sort((a, b) => (before(ids, scores, a, b) ? -1 : before(ids, scores, b, a) ? 1 : 0));
    return Int32Array.from(all.slice(0, size));
  }
  // heap[0] is the worst of the best `size` so far.
  const heap = new Int32Array(size);
  let filled = 0;
  const worse = (a: number, b: number): boolean => before(ids, scores, b, a);
  const siftUp = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = (i: number): void => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < filled && worse(heap[left]!, heap[worst]!)) worst = left;
      if (right < filled && worse(heap[right]!, heap[worst]!)) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    if (filled < size) {
      heap[filled] = i;
      siftUp(filled++);
    } else if (before(ids, scores, i, heap[0]!)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  const out = Array.from(heap);
  out.sort((a, b) => (before(ids, scores, a, b) ? -1 : 1));
  return Int32Array.from(out);
}
