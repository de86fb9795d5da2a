/**
 * The search index's postings, frozen into a few flat typed arrays once indexing is done.
 *
 * Why: MiniSearch keeps its postings as a radix tree of Maps of Maps (term → field → paper →
 * frequency). That is what makes adding and removing documents cheap, but paperboy never changes
 * an index after building it, and at 100,000 papers those Maps cost ~690 MB of heap and ~7 s to
 * rebuild from a JSON snapshot. The same facts as one shared array each (papers, frequencies,
 * per-term offsets, field lengths) take a tenth of the memory and load as a few binary blobs.
 *
 * MiniSearch stays the indexer (tokenizer pipeline, term frequencies, field lengths and their
 * running averages): freezeEngine copies its internals right after indexing, exactly, so the
 * ranker computes the very doubles MiniSearch's own BM25 would. Nothing else reads MiniSearch's
 * internals.
 *
 * Layout, for F fields, T terms and n papers (short id = corpus position, 0..n-1):
 * - term t's postings in field f are entries offsets[t*F + f] .. offsets[t*F + f + 1] of `docs`
 *   (short ids, strictly ascending) and `freqs` (term frequency in that field, >= 1);
 * - field f's length in paper s is fieldLengths[f*n + s].
 */
import { SearchError } from './search-errors.js';
import { indexOfSorted } from './sorted-search.js';
import { ownString, runSteps, sortSteps, ticker, type Steps } from './work-steps.js';

/** Terms handled between two yields of the step-wise build and check (well under 1 ms). */
const TERMS_PER_STEP = 500;

/** Postings checked between two yields (~1 ms): a few common terms hold 100,000 papers each. */
const POSTINGS_PER_STEP = 1 << 18;

export interface FrozenPostings {
  /** Field names, in the order of the per-term runs. */
  readonly fields: readonly string[];
  readonly documentCount: number;
  /** Paper id by short id. */
  readonly documentIds: readonly string[];
  /** Term by term number. */
  readonly terms: readonly string[];
  /**
   * Term → term number: a binary search of `terms`, which are in code unit order. Not a Map: at
   * 100,000 papers a Map of ~240,000 terms is ~10 MB of heap that a search of a sorted array
   * already held makes redundant.
   */
  readonly termNumbers: TermLookup;
  readonly offsets: Uint32Array;
  readonly docs: Int32Array;
  /** As narrow as the largest frequency allows: 8-bit for real papers (a word 255 times in one field is rare). */
  readonly freqs: Uint8Array | Uint16Array | Uint32Array;
  readonly fieldLengths: Uint32Array;
  /** Per field, MiniSearch's running average of the field length: the exact double it scores with. */
  readonly avgFieldLengths: Float64Array;
  /** Term number → how many papers hold the term, in any field (derived, never stored). */
  readonly docFreqs: Uint32Array;
}

export interface TermLookup {
  get(term: string): number | undefined;
}

/** What a frozen index is made of; everything else is derived (and everything is checked). */
export type FrozenParts = Omit<FrozenPostings, 'termNumbers' | 'docFreqs'>;

/** What MiniSearch 7 keeps internally (see its toJSON/loadJS); read only, never written. */
interface EngineInternals {
  readonly _index: Iterable<[string, Map<number, Map<number, number>>]>;
  readonly _fieldIds: Readonly<Record<string, number>>;
  readonly _fieldLength: Map<number, number[]>;
  readonly _avgFieldLength: readonly number[];
  readonly _documentCount: number;
  readonly _documentIds: Map<number, string | number>;
  readonly _nextId: number;
}

const fail = (what: string): never => {
  throw new SearchError('inconsistent', what);
};

/**
 * The postings of a MiniSearch engine that indexed exactly `documentIds`, in that order, with
 * nothing removed (so its short ids are the corpus positions).
 */
export function freezeEngine(engine: object, fields: readonly string[], documentIds: readonly string[]): FrozenPostings {
  return runSteps(freezeEngineSteps(engine, fields, documentIds));
}

/** freezeEngine, yielding every TERMS_PER_STEP terms (see work-steps.ts). */
export function* freezeEngineSteps(engine: object, fields: readonly string[], documentIds: readonly string[]): Steps<FrozenPostings> {
  const tick = ticker(TERMS_PER_STEP);
  const e = engine as EngineInternals;
  const n = documentIds.length;
  if (e._documentCount !== n || e._nextId !== n) fail(`the engine indexed ${e._documentCount} documents (next id ${e._nextId}) for ${n} papers`);
  for (let s = 0; s < n; s++) if (e._documentIds.get(s) !== documentIds[s]) fail(`the engine's short id ${s} is not paper ${documentIds[s]}`);
  const fieldIds = fields.map((field) => e._fieldIds[field] ?? fail(`the engine has no field ${field}`));

  // Two passes over the engine's terms, in code unit order: count, then copy into arrays of the
  // right size.
  // Read a few hundred terms at a time: walking MiniSearch's radix tree of ~240,000 terms in one
  // go held the event loop ~0.4 s.
  const read: [string, Map<number, Map<number, number>>][] = [];
  for (const entry of e._index) {
    read.push(entry);
    if (tick()) yield;
  }
  const entries = yield* sortSteps(read, (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms: string[] = [];
  let total = 0;
  let maxFreq = 0;
  for (const [term, byField] of entries) {
    terms.push(ownString(term));
    for (const fieldId of fieldIds) {
      const freqs = byField.get(fieldId);
      if (!freqs) continue;
      total += freqs.size;
      for (const tf of freqs.values()) if (tf > maxFreq) maxFreq = tf;
    }
    if (tick()) yield;
  }
  const F = fields.length;
  const offsets = new Uint32Array(terms.length * F + 1);
  const docs = new Int32Array(total);
  const freqs = maxFreq <= 0xff ? new Uint8Array(total) : maxFreq <= 0xffff ? new Uint16Array(total) : new Uint32Array(total);
  let at = 0;
  let t = 0;
  for (const [, byField] of entries) {
    for (let f = 0; f < F; f++) {
      offsets[t * F + f] = at;
      const fieldFreqs = byField.get(fieldIds[f]!);
      // Papers are only ever added, in corpus order, so each map is already in ascending short
      // id order; createFrozenPostings checks that rather than trusting it.
      if (fieldFreqs) {
        for (const [shortId, tf] of fieldFreqs) {
          docs[at] = shortId;
          freqs[at++] = tf;
        }
      }
    }
    t++;
    if (tick()) yield;
  }
  offsets[terms.length * F] = at;

  const fieldLengths = new Uint32Array(F * n);
  for (const [shortId, lengths] of e._fieldLength) {
    for (let f = 0; f < F; f++) fieldLengths[f * n + shortId] = lengths[fieldIds[f]!] ?? 0;
  }
  const avgFieldLengths = Float64Array.from(fieldIds, (fieldId) => e._avgFieldLength[fieldId] ?? 0);
  return yield* createFrozenPostingsSteps({ fields, documentCount: n, documentIds, terms, offsets, docs, freqs, fieldLengths, avgFieldLengths });
}

/**
 * Frozen postings from their parts, checked end to end (a snapshot is never trusted: a tampered
 * offset or id would otherwise read past a run or score the wrong paper), with the term lookup
 * and document frequencies derived. Throws on any inconsistency.
 */
export function createFrozenPostings(parts: FrozenParts): FrozenPostings {
  return runSteps(createFrozenPostingsSteps(parts));
}

/** createFrozenPostings, yielding every TERMS_PER_STEP terms (see work-steps.ts). */
export function* createFrozenPostingsSteps(parts: FrozenParts): Steps<FrozenPostings> {
  const tick = ticker(TERMS_PER_STEP);
  const { fields, documentCount: n, documentIds, terms, offsets, docs, freqs, fieldLengths, avgFieldLengths } = parts;
  const F = fields.length;
  const T = terms.length;
  const bad = (what: string): never => fail(`the frozen postings are inconsistent (${what})`);
  if (F === 0) bad('no fields');
  if (!Number.isInteger(n) || n < 0 || documentIds.length !== n) bad(`${documentIds.length} ids for ${n} documents`);
  if (avgFieldLengths.length !== F || !avgFieldLengths.every((a) => Number.isFinite(a) && a >= 0)) bad('average field lengths');
  if (fieldLengths.length !== F * n) bad(`${fieldLengths.length} field lengths for ${F} fields x ${n} documents`);
  if (offsets.length !== T * F + 1 || offsets[0] !== 0 || offsets[T * F] !== docs.length) bad('offsets do not span the postings');
  if (freqs.length !== docs.length) bad(`${freqs.length} frequencies for ${docs.length} postings`);
  for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) bad(`offsets go backwards at ${i}`);

  for (let t = 1; t < T; t++) {
    if (!(terms[t - 1]! < terms[t]!)) bad(`terms out of order or repeated at "${terms[t]}"`);
    if (tick()) yield;
  }
  const termNumbers: TermLookup = {
    get: (term) => {
      const t = indexOfSorted(terms, term);
      return t < 0 ? undefined : t;
    },
  };

  // Every posting checked once, in one pass (the runs tile the postings, as the offsets were
  // just checked to): short ids strictly ascending within a run and in range, frequencies
  // positive. A term's papers are counted once across its fields: by the run's length when only
  // one field holds it (most terms), else by stamping (stamp = term number + 1).
  const docFreqs = new Uint32Array(T);
  const stamp = new Uint32Array(n);
  let yieldedAt = 0;
  for (let t = 0; t < T; t++) {
    if (tick() || offsets[t * F]! - yieldedAt >= POSTINGS_PER_STEP) {
      yieldedAt = offsets[t * F]!;
      yield;
    }
    let fieldsHolding = 0;
    for (let f = 0; f < F; f++) {
      const start = offsets[t * F + f]!;
      const end = offsets[t * F + f + 1]!;
      if (start === end) continue;
      fieldsHolding++;
      let previous = -1;
      for (let i = start; i < end; i++) {
        const shortId = docs[i]!;
        if (shortId <= previous) bad(`postings of term ${terms[t]} are out of order`);
        if (freqs[i] === 0) bad(`a zero frequency at posting ${i}`);
        previous = shortId;
      }
      if (previous >= n) bad(`postings of term ${terms[t]} are out of range`);
    }
    const first = offsets[t * F]!;
    const last = offsets[t * F + F]!;
    if (fieldsHolding <= 1) {
      docFreqs[t] = last - first;
      continue;
    }
    let df = 0;
    for (let i = first; i < last; i++) {
      const shortId = docs[i]!;
      if (stamp[shortId] !== t + 1) {
        stamp[shortId] = t + 1;
        df++;
      }
    }
    docFreqs[t] = df;
  }
  return { ...parts, termNumbers, docFreqs };
}

/** How many papers hold the term (0 when the corpus never has it). */
export function documentFrequency(postings: FrozenPostings, term: string): number {
  const t = postings.termNumbers.get(term);
  return t === undefined ? 0 : postings.docFreqs[t]!;
}
