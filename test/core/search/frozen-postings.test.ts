/**
 * The frozen postings: an exact copy of what MiniSearch indexed, kept through a snapshot round
 * trip (same search results, same scores, to the last bit), and never trusted when tampered with.
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { arrayBlockChunks, packArrays, viewArray } from '../../../src/core/search/array-block.js';
import { createFrozenPostings, freezeEngine, type FrozenParts, type FrozenPostings } from '../../../src/core/search/frozen-postings.js';
import {
  buildSearchIndex,
  engineOptions,
  getPaper,
  loadSearchIndex,
  moreLikeThis,
  searchPapers,
  serializeIndex,
  type SearchIndex,
  type SerializedIndex,
} from '../../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../../src/core/search/search-settings.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

const FIELDS = ['title', 'abstract', 'searchAliases'];
let papers: readonly Paper[];
let index: SearchIndex;

beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
  index = buildSearchIndex(papers);
});

/** MiniSearch's own view of the corpus, read from its internals (as freezeEngine reads them). */
interface Internals {
  _index: Iterable<[string, Map<number, Map<number, number>>]>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
}

function runOf(p: FrozenPostings, term: string, field: number): [number, number][] {
  const t = p.termNumbers.get(term)!;
  const F = p.fields.length;
  const out: [number, number][] = [];
  for (let i = p.offsets[t * F + field]!; i < p.offsets[t * F + field + 1]!; i++) out.push([p.docs[i]!, p.freqs[i]!]);
  return out;
}

const QUERIES = [
  'linear mode connectivity',
  'diffusion',
  'difusion',
  'difsion',
  'schrodinger bridge',
  '"diffusion model" -image',
  '"state of the art"',
  'one-step diffusion',
  'one step diffusion',
  'large language model -vision',
  'zzzqqq',
];

function sameSearches(a: SearchIndex, b: SearchIndex): void {
  for (const q of QUERIES) expect(searchPapers(b, q, { limit: 50 })).toEqual(searchPapers(a, q, { limit: 50 }));
  for (const paper of papers.slice(0, 5)) expect(moreLikeThis(b, paper.id, { limit: 20 })).toEqual(moreLikeThis(a, paper.id, { limit: 20 }));
}

describe('freezeEngine', () => {
  it('copies every posting, field length and average of the engine exactly', () => {
    const engine = new MiniSearch<Paper>(engineOptions(DEFAULT_SEARCH_SETTINGS));
    engine.addAll(papers);
    const internals = engine as unknown as Internals;
    const p = index.postings;
    expect(p.documentCount).toBe(papers.length);
    expect(p.documentIds).toEqual(papers.map((x) => x.id));
    let terms = 0;
    for (const [term, byField] of internals._index) {
      terms++;
      const holders = new Set<number>();
      FIELDS.forEach((field, f) => {
        const expected = [...(byField.get(internals._fieldIds[field]!) ?? new Map<number, number>())];
        expect(runOf(p, term, f)).toEqual(expected);
        for (const [shortId] of expected) holders.add(shortId);
      });
      expect(p.docFreqs[p.termNumbers.get(term)!]).toBe(holders.size);
    }
    expect(p.terms.length).toBe(terms);
    FIELDS.forEach((field, f) => {
      const fieldId = internals._fieldIds[field]!;
      // The very double MiniSearch scores with, not a recomputed average.
      expect(p.avgFieldLengths[f]).toBe(internals._avgFieldLength[fieldId]);
      for (const [shortId, lengths] of internals._fieldLength) expect(p.fieldLengths[f * papers.length + shortId]).toBe(lengths[fieldId] ?? 0);
    });
  });

  it('refuses an engine whose documents are not the papers, in order', () => {
    const engine = new MiniSearch<Paper>(engineOptions(DEFAULT_SEARCH_SETTINGS));
    engine.addAll(papers.slice(0, 3));
    expect(() => freezeEngine(engine, FIELDS, papers.slice(0, 2).map((x) => x.id))).toThrow(/^paperboy search: .*3 documents/);
    expect(() => freezeEngine(engine, FIELDS, [papers[1]!.id, papers[0]!.id, papers[2]!.id])).toThrow(/^paperboy search: .*short id 0/);
    expect(() => freezeEngine(engine, ['title', 'nope'], papers.slice(0, 3).map((x) => x.id))).toThrow(/no field nope/);
  });
});

/** The serialized index as a file gives it back: each part as bytes in a buffer of its own. */
const asBytes = (serialized: SerializedIndex) => ({
  json: new TextEncoder().encode(serialized.json),
  arrays: serialized.arrays.slice(),
  papers: new TextEncoder().encode(serialized.papers),
});

describe('snapshot round trip', () => {
  it.each([
    ['as written', (s: SerializedIndex) => s],
    ['as read back as bytes', asBytes],
  ] as const)('build -> serialize -> load (%s): identical postings, results and scores', (_name, form) => {
    const loaded = loadSearchIndex(form(serializeIndex(index)), DEFAULT_SEARCH_SETTINGS);
    const [a, b] = [index.postings, loaded.postings];
    expect(b.terms).toEqual(a.terms);
    for (const key of ['offsets', 'docs', 'freqs', 'fieldLengths', 'avgFieldLengths', 'docFreqs'] as const) expect(b[key]).toEqual(a[key]);
    expect([...loaded.words]).toEqual([...index.words]);
    sameSearches(index, loaded);
  });

  it('loads the word list as the snapshot holds it, sorted, and answers typo queries as the built index does', () => {
    const loaded = loadSearchIndex(asBytes(serializeIndex(index)), DEFAULT_SEARCH_SETTINGS);
    expect([...loaded.words]).toEqual([...index.words]);
    const words = [...loaded.words].map(([word]) => word);
    expect(words).toEqual([...words].sort());
    expect(searchPapers(loaded, 'difusion quantizaton', { limit: 5 })).toEqual(searchPapers(index, 'difusion quantizaton', { limit: 5 }));
  });

  it('views the arrays where they lie (no copy) when the block is a buffer of its own, and copies when it is not aligned', () => {
    const { arrays } = asBytes(serializeIndex(index));
    expect(loadSearchIndex({ ...asBytes(serializeIndex(index)), arrays }).postings.docs.buffer).toBe(arrays.buffer);
    const shifted = new Uint8Array(arrays.byteLength + 1);
    shifted.set(arrays, 1);
    const misaligned = shifted.subarray(1);
    const loaded = loadSearchIndex({ ...asBytes(serializeIndex(index)), arrays: misaligned });
    expect(loaded.postings.docs.buffer).not.toBe(shifted.buffer);
    sameSearches(index, loaded);
  });

  it('writes ASCII JSON and papers (non-ASCII escaped, for a fast decode) and reads every character back', () => {
    const odd = { ...papers[0]!, id: 'odd', title: 'Schrödinger 🚀 bridges – naïve Ωmega \udc00', abstract: 'Ünïcödé ✓ text' };
    const small = buildSearchIndex([...papers.slice(1, 20), odd]);
    const serialized = serializeIndex(small);
    expect(/[^\u0000-\u007f]/.test(serialized.json + serialized.papers)).toBe(false);
    const loaded = loadSearchIndex(asBytes(serialized), DEFAULT_SEARCH_SETTINGS);
    expect(getPaper(loaded, 'odd')).toEqual(odd);
    expect(searchPapers(loaded, 'naïve schrodinger', { limit: 5 })).toEqual(searchPapers(small, 'naïve schrodinger', { limit: 5 }));
  });

  it('frequencies are 8-bit for real papers, wider when a field repeats a word more than 255 times', () => {
    expect(index.postings.freqs).toBeInstanceOf(Uint8Array);
    const chatty = { ...papers[0]!, id: 'chatty', abstract: 'entropy '.repeat(300) };
    const small = buildSearchIndex([...papers.slice(1, 20), chatty]);
    expect(small.postings.freqs).toBeInstanceOf(Uint16Array);
    const loaded = loadSearchIndex(asBytes(serializeIndex(small)), DEFAULT_SEARCH_SETTINGS);
    expect(loaded.postings.freqs).toEqual(small.postings.freqs);
    expect(searchPapers(loaded, 'entropy', { limit: 5 })).toEqual(searchPapers(small, 'entropy', { limit: 5 }));
  });

  it('keeps results identical with other search-time settings (re-ranking off)', () => {
    const settings = { ...DEFAULT_SEARCH_SETTINGS, coordination: 1, rerank: { ...DEFAULT_SEARCH_SETTINGS.rerank, depth: 0 } };
    const built = buildSearchIndex(papers, settings);
    const loaded = loadSearchIndex(asBytes(serializeIndex(built)), settings);
    sameSearches(built, loaded);
  });
});

describe('the array block', () => {
  it('round-trips any arrays, each at a multiple of 8 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 50 }), fc.uint32Array({ maxLength: 50 }), fc.float64Array({ maxLength: 20, noDefaultInfinity: true, noNaN: true }), (a, b, c) => {
        const { bytes, slots } = packArrays({ a, b, c });
        for (const slot of Object.values(slots)) expect(slot.offset % 8).toBe(0);
        expect(viewArray(bytes, slots.a, Uint8Array, 'a')).toEqual(a);
        expect(viewArray(bytes, slots.b, Uint32Array, 'b')).toEqual(b);
        expect(viewArray(bytes, slots.c, Float64Array, 'c')).toEqual(c);
      }),
    );
  });

  it('as chunks: the same bytes and slots, viewing the arrays (no copy), no chunk over 4 MiB', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 50 }), fc.uint32Array({ maxLength: 50 }), fc.float64Array({ maxLength: 20, noDefaultInfinity: true, noNaN: true }), (a, b, c) => {
        const { chunks, slots } = arrayBlockChunks({ a, b, c });
        const packed = packArrays({ a, b, c });
        expect(slots).toEqual(packed.slots);
        expect(Buffer.concat(chunks).equals(Buffer.from(packed.bytes))).toBe(true);
      }),
    );
    const big = new Uint16Array(2.5 * 1024 * 1024 + 1).map((_, i) => i);
    const { chunks, size } = arrayBlockChunks({ small: new Uint8Array([1, 2, 3]), big });
    expect(chunks.every((chunk) => chunk.byteLength <= 4 * 1024 * 1024)).toBe(true);
    expect(chunks.filter((chunk) => chunk.buffer === big.buffer)).toHaveLength(2);
    expect(Buffer.concat(chunks).equals(Buffer.from(packArrays({ small: new Uint8Array([1, 2, 3]), big }).bytes))).toBe(true);
    expect(size).toBe(8 + Math.ceil(big.byteLength / 8) * 8);
  });

  it('refuses a slot that is missing, malformed, unaligned or past the end of the block', () => {
    const { bytes, slots } = packArrays({ a: new Uint32Array([1, 2, 3]) });
    expect(() => viewArray(bytes, undefined, Uint32Array, 'the docs')).toThrow(/the docs is missing/);
    expect(() => viewArray(bytes, { offset: 'x', length: 1 }, Uint32Array, 'the docs')).toThrow(/the docs has no valid place/);
    expect(() => viewArray(bytes, { offset: 4, length: 1 }, Uint32Array, 'the docs')).toThrow(/no valid place/);
    expect(() => viewArray(bytes, { offset: -8, length: 1 }, Uint32Array, 'the docs')).toThrow(/no valid place/);
    expect(() => viewArray(bytes, { ...slots.a, length: 5 }, Uint32Array, 'the docs')).toThrow(/the docs runs past the end/);
  });
});

describe('a tampered snapshot is refused, never served', () => {
  type Slot = { offset: number; length: number };
  type Json = { postings: Record<string, unknown>; words: string[]; arrays: Record<string, Slot> };
  // The papers are left as they are; the JSON and the array block are changed (in place, through views).
  const tamper = (change: (json: Json, block: Uint8Array) => void): SerializedIndex => {
    const serialized = serializeIndex(index);
    const json = JSON.parse(serialized.json) as Json;
    const block = serialized.arrays.slice();
    change(json, block);
    return { json: JSON.stringify(json), arrays: block, papers: serialized.papers };
  };
  const u32 = (json: Json, block: Uint8Array, key: string): Uint32Array => viewArray(block, json.arrays[key], Uint32Array, key);
  const i32 = (json: Json, block: Uint8Array, key: string): Int32Array => viewArray(block, json.arrays[key], Int32Array, key);

  it.each<[string, (json: Json, block: Uint8Array) => void, RegExp]>([
    ['offsets going backwards', (j, b) => { const o = u32(j, b, 'offsets'); o[5] = o[6]! + 1; }, /offsets/],
    ['an offset past the postings', (j, b) => { const o = u32(j, b, 'offsets'); o[o.length - 1] = o[o.length - 1]! + 1; }, /offsets/],
    ['an offsets array cut short', (j) => { j.arrays['offsets'] = { ...j.arrays['offsets']!, length: j.arrays['offsets']!.length - 1 }; }, /offsets/],
    ['postings out of order', (j, b) => {
      const docs = i32(j, b, 'docs');
      const o = u32(j, b, 'offsets');
      // The first run of at least two papers, its first two swapped.
      let i = 0;
      while (o[i + 1]! - o[i]! < 2) i++;
      const at = o[i]!;
      [docs[at], docs[at + 1]] = [docs[at + 1]!, docs[at]!];
    }, /out of order/],
    ['a short id out of range', (j, b) => { const docs = i32(j, b, 'docs'); docs[docs.length - 1] = 1e6; }, /out of range/],
    ['frequencies missing', (j) => { delete j.arrays['freqs']; }, /frequencies/],
    ['frequencies of another width', (j) => { j.postings['freqBytes'] = 8; }, /8 bytes/],
    ['an array placed past the block', (j, b) => { j.arrays['docs'] = { offset: b.byteLength, length: 1 }; }, /the postings runs past the end/],
    ['field lengths cut short', (j) => { j.arrays['fieldLengths'] = { ...j.arrays['fieldLengths']!, length: j.arrays['fieldLengths']!.length - 1 }; }, /field lengths/],
    ['a repeated term', (j) => { const terms = j.postings['terms'] as string[]; terms[1] = terms[0]!; }, /terms out of order or repeated/],
    ['terms out of order', (j) => { const terms = j.postings['terms'] as string[]; [terms[0], terms[1]] = [terms[1]!, terms[0]!]; }, /terms out of order or repeated/],
    ['other fields', (j) => { j.postings['fields'] = ['title', 'abstract', 'tags']; }, /fields/],
    ['a word naming no term', (j, b) => { u32(j, b, 'wordTerms')[0] = 1e7; }, /has no term/],
    ['a word dropped', (j) => { j.words.pop(); }, /word terms for/],
    ['the postings missing', (j) => { delete (j as Partial<Json>).postings; }, /incomplete/],
  ])('%s', (_name, change, reason) => {
    expect(() => loadSearchIndex(tamper(change), DEFAULT_SEARCH_SETTINGS)).toThrow(/^paperboy search: .*rebuild it from the corpus$/);
    expect(() => loadSearchIndex(tamper(change), DEFAULT_SEARCH_SETTINGS)).toThrow(reason);
  });
});

describe('createFrozenPostings', () => {
  const parts = (): FrozenParts => ({
    fields: ['a', 'b'],
    documentCount: 3,
    documentIds: ['x', 'y', 'z'],
    terms: ['t', 'u'],
    // t: a -> papers 0, 2; b -> paper 1.  u: a -> nothing; b -> papers 1, 2.
    offsets: Uint32Array.from([0, 2, 3, 3, 5]),
    docs: Int32Array.from([0, 2, 1, 1, 2]),
    freqs: Uint16Array.from([1, 2, 1, 3, 1]),
    fieldLengths: Uint32Array.from([5, 0, 7, 1, 4, 2]),
    avgFieldLengths: Float64Array.from([4, 7 / 3]),
  });

  it('derives the term lookup and the papers per term', () => {
    const p = createFrozenPostings(parts());
    expect(p.termNumbers.get('u')).toBe(1);
    expect(Array.from(p.docFreqs)).toEqual([3, 2]);
  });

  it.each<[string, Partial<FrozenParts>, RegExp]>([
    ['ids for another count', { documentIds: ['x', 'y'] }, /2 ids for 3 documents/],
    ['a zero frequency', { freqs: Uint16Array.from([1, 0, 1, 1, 1]) }, /zero frequency/],
    ['an average that is not a number', { avgFieldLengths: Float64Array.from([4, NaN]) }, /average/],
    ['a repeated paper in a run', { docs: Int32Array.from([0, 0, 1, 1, 2]) }, /out of order/],
  ])('refuses %s', (_name, change, reason) => {
    expect(() => createFrozenPostings({ ...parts(), ...change })).toThrow(/^paperboy search: the frozen postings are inconsistent/);
    expect(() => createFrozenPostings({ ...parts(), ...change })).toThrow(reason);
  });
});
