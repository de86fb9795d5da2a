/**
 * Ranks papers for a weighted query straight from the frozen postings, with the scores
 * MiniSearch.search would give (per-field BM25, field boosts, term weights, the coordination
 * factor), but at a fraction of its cost on a large corpus.
 *
 * Why not MiniSearch.search: it builds a result object (with per-term match lists) for every
 * matching paper and sorts them all, so a common word over 100,000 papers costs tens of
 * milliseconds though the user sees five. Here each term's postings become one pair of typed
 * arrays (paper, impact), the sum of its field scores, computed once and cached; a query adds
 * those into a reused accumulator and picks the best k with a heap. The scores equal
 * MiniSearch's up to floating-point rounding (the products are grouped differently); tests hold
 * the two side by side.
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

/** A term's postings: papers (short ids, ascending) and the term's summed field score in each. */
export interface TermImpacts {
  readonly docs: Int32Array;
  readonly impacts: Float64Array;
}
type Postings = TermImpacts;

const EMPTY: Postings = { docs: new Int32Array(0), impacts: new Float64Array(0) };

/** Bytes of one cached posting: its short id (Int32) and its impact (Float64). */
const BYTES_PER_ENTRY = 12;

/**
 * Bytes of postings kept between queries, least recently used dropped first: every term of a
 * small corpus, and the ~100 commonest terms (the costly ones to compute, ~1 ms for a term in
 * half the papers) of a 100k-paper one. A byte limit, so the heap a long-running bot reaches is
 * known in advance: at 100,000 papers the entry limit it replaces (8M entries, 96 MB) filled
 * during a soak and took the heap past 400 MB.
 */
export const DEFAULT_RANKER_CACHE_BYTES = 32 * 1024 * 1024;

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

export class ImpactRanker {
  private readonly frozen: FrozenPostings;
  private readonly settings: RankerSettings;
  private readonly cache = new Map<string, Postings>();
  private cachedEntries = 0;
  /** In entries (cacheBytes / BYTES_PER_ENTRY). */
  private readonly cacheBudget: number;
  /** Computes a term's impacts instead of the frozen postings (a segmented index, segments.ts). */
  private readonly impactsOf: ((term: string) => TermImpacts) | undefined;
  // Scratch space indexed by short id, reused by every query (search is synchronous).
  private readonly scores: Float64Array;
  private readonly counts: Uint16Array;
  private readonly blocked: Uint8Array;
  private readonly touched: Int32Array;
  private requiredMask: Uint32Array | null = null;
  private allowedMask: Uint8Array | null = null;

  /**
   * `shortIdOf` maps a paper id to its short id (its corpus position): the index's paper list
   * already keeps that lookup, so the ranker borrows it rather than building a second one.
   * With `impactsOf` (an index of several segments, segments.ts) a term's impacts come from it,
   * and `frozen` is read only for documentCount and documentIds.
   */
  constructor(
    frozen: FrozenPostings,
    settings: RankerSettings,
    private readonly shortIdOf: (id: string) => number | undefined,
    options: { cacheBytes?: number; impactsOf?: (term: string) => TermImpacts } = {},
  ) {
    this.frozen = frozen;
    this.impactsOf = options.impactsOf;
    this.settings = settings;
    this.cacheBudget = Math.floor((options.cacheBytes ?? DEFAULT_RANKER_CACHE_BYTES) / BYTES_PER_ENTRY);
    const size = frozen.documentCount;
    this.scores = new Float64Array(size);
    this.counts = new Uint16Array(size);
    this.blocked = new Uint8Array(size);
    this.touched = new Int32Array(size);
  }

  /** Bytes the cached postings take now (never above the cacheBytes given). */
  get cachedBytes(): number {
    return this.cachedEntries * BYTES_PER_ENTRY;
  }

  /** The term's postings with impacts, from the cache or computed from the frozen postings. */
  private postings(term: string): Postings {
    const hit = this.cache.get(term);
    if (hit) {
      // Refresh its place in the LRU order.
      this.cache.delete(term);
      this.cache.set(term, hit);
      return hit;
    }
    const computed = this.computePostings(term);
    if (computed.docs.length <= this.cacheBudget) {
      this.cache.set(term, computed);
      this.cachedEntries += computed.docs.length;
      for (const [oldTerm, old] of this.cache) {
        if (this.cachedEntries <= this.cacheBudget) break;
        this.cache.delete(oldTerm);
        this.cachedEntries -= old.docs.length;
      }
    }
    return computed;
  }

  /**
   * Per field, each paper's BM25 length normalisation k(1 - b + b*length/avgLength), computed
   * once: it is the same for every term, and computing it per posting was the costliest part of
   * a cold term.
   */
  private norms: Map<number, Float64Array> | null = null;

  private normsOf(field: number): Float64Array {
    this.norms ??= new Map();
    let norms = this.norms.get(field);
    if (!norms) {
      const { k, b } = this.settings.bm25;
      const { documentCount: n, fieldLengths } = this.frozen;
      const avgLength = this.frozen.avgFieldLengths[field]!;
      norms = new Float64Array(n);
      for (let shortId = 0; shortId < n; shortId++) norms[shortId] = k * (1 - b + (b * fieldLengths[field * n + shortId]!) / avgLength);
      this.norms.set(field, norms);
    }
    return norms;
  }

  private computePostings(term: string): Postings {
    if (this.impactsOf) return this.impactsOf(term);
    const { termNumbers, fields: fieldNames, offsets, docs: allDocs, freqs, documentCount: n } = this.frozen;
    const t = termNumbers.get(term);
    if (t === undefined) return EMPTY;
    const { k, d } = this.settings.bm25;
    const F = fieldNames.length;
    const acc = this.scores;
    const seen = this.counts;
    let touched = 0;
    // [start, end, boost, norms] per field holding the term, in the order of the boosts (which
    // is the order the field scores are summed in, as MiniSearch sums them).
    const fields: [number, number, number, Float64Array][] = [];
    for (const [field, boost] of Object.entries(this.settings.fieldBoosts)) {
      const f = fieldNames.indexOf(field);
      if (f < 0) continue;
      const start = offsets[t * F + f]!;
      const end = offsets[t * F + f + 1]!;
      if (start === end) continue;
      fields.push([start, end, boost || 1, this.normsOf(f)]);
    }
    const ids = new Int32Array(fields.reduce((sum, [start, end]) => sum + end - start, 0));
    for (const [start, end, fieldBoost, norms] of fields) {
      // MiniSearch's calcBM25Score, term for term, with the length normalisation precomputed.
      const matching = end - start;
      const idf = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
      for (let i = start; i < end; i++) {
        const shortId = allDocs[i]!;
        const tf = freqs[i]!;
        const score = fieldBoost * (idf * (d + (tf * (k + 1)) / (tf + norms[shortId]!)));
        if (seen[shortId] === 0) {
          seen[shortId] = 1;
          ids[touched++] = shortId;
        }
        acc[shortId]! += score;
      }
    }
    // A typed array sorts numerically, and far faster than an array of numbers would.
    const docs = ids.slice(0, touched).sort();
    const impacts = new Float64Array(docs.length);
    for (let i = 0; i < docs.length; i++) {
      const shortId = docs[i]!;
      impacts[i] = acc[shortId]!;
      acc[shortId] = 0;
      seen[shortId] = 0;
    }
    return { docs, impacts };
  }

  /**
   * Papers holding any of `terms` and none of `excluded`, scored as
   * sum(weight x impact) x (matched terms)^coordination. `keep` (by paper id) narrows the set.
   * `required` lists indexes into `terms` a paper must all hold (phrase words); `allowed`, when
   * given, is every short id a paper may have (the papers holding the query's phrases).
   */
  rank(
    terms: readonly WeightedTerm[],
    excluded: readonly string[] = [],
    options: { keep?: (id: string) => boolean; skipId?: string; required?: readonly number[]; allowed?: Int32Array } = {},
  ): Ranking {
    const { scores, counts, blocked } = this;
    const allowed = options.allowed ? (this.allowedMask ??= new Uint8Array(scores.length)) : null;
    if (allowed) for (const shortId of options.allowed!) allowed[shortId] = 1;
    const blockedIds: number[] = [];
    const block = (shortId: number): void => {
      if (blocked[shortId] === 0) {
        blocked[shortId] = 1;
        blockedIds.push(shortId);
      }
    };
    for (const term of excluded) for (const shortId of this.postings(term).docs) block(shortId);
    if (options.skipId !== undefined) {
      const skip = this.shortIdOf(options.skipId);
      if (skip !== undefined) block(skip);
    }

    // Distinct terms only: MiniSearch counts a repeated term once in its coordination factor
    // but adds its score each time, and so do we.
    const lists = terms.map((t) => ({ ...t, postings: this.postings(t.term) }));
    const distinct = new Set<string>();
    const required = options.required ?? [];
    // Required terms are checked through a bit mask; beyond 32 of them, a plain count of the
    // distinct terms matched cannot tell which, so they are checked per paper below.
    const requiredMask = required.length > 0 && required.length <= 32 ? (this.requiredMask ??= new Uint32Array(scores.length)) : null;

    // The hot loop of every query: one pass over each term's postings, nothing allocated per paper.
    const touched = this.touched;
    let nTouched = 0;
    for (let i = 0; i < lists.length; i++) {
      const { docs, impacts } = lists[i]!.postings;
      const weight = lists[i]!.weight;
      const countIt = distinct.has(lists[i]!.term) ? 0 : 1;
      distinct.add(lists[i]!.term);
      const reqIndex = required.indexOf(i);
      const reqBit = requiredMask && reqIndex >= 0 ? 1 << reqIndex : 0;
      for (let j = 0; j < docs.length; j++) {
        const shortId = docs[j]!;
        if (blocked[shortId] === 1) continue;
        if (counts[shortId] === 0) touched[nTouched++] = shortId;
        counts[shortId] = counts[shortId]! + countIt;
        scores[shortId] = scores[shortId]! + weight * impacts[j]!;
        if (reqBit !== 0) requiredMask![shortId] = requiredMask![shortId]! | reqBit;
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
    for (let t = 0; t < nTouched; t++) {
      const shortId = touched[t]!;
      const count = counts[shortId]!;
      const raw = scores[shortId]!;
      scores[shortId] = 0;
      counts[shortId] = 0;
      if (required.length > 0) {
        const ok = requiredMask ? (requiredMask[shortId]! >>> 0) === fullMask >>> 0 : required.every((r) => has(lists[r]!.postings, shortId));
        if (requiredMask) requiredMask[shortId] = 0;
        if (!ok) continue;
      }
      if (allowed && allowed[shortId] === 0) continue;
      if (keep && !keep(this.frozen.documentIds[shortId]!)) continue;
      ids[n] = shortId;
      // raw * count when c = 1, exactly as MiniSearch computes it.
      finalScores[n++] = raw * factor[count]!;
    }
    for (const shortId of blockedIds) blocked[shortId] = 0;
    if (allowed) for (const shortId of options.allowed!) allowed[shortId] = 0;

    return this.ranking(ids.subarray(0, n), finalScores.subarray(0, n), lists);
  }

  private ranking(ids: Int32Array, scores: Float64Array, lists: readonly (WeightedTerm & { postings: Postings })[]): Ranking {
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
        for (const list of lists) if (!out.includes(list.term) && has(list.postings, shortId)) out.push(list.term);
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
        return this.ranking(Int32Array.from(keptIds), Float64Array.from(keptScores), lists);
      },
    };
  }
}

function has(postings: Postings, shortId: number): boolean {
  return indexOfSorted(postings.docs, shortId) >= 0;
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
