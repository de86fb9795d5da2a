/**
 * The frozen postings: an exact copy of what MiniSearch indexed, kept through a snapshot round
 * trip (same search results, same scores, to the last bit), and never trusted when tampered with.
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { decodeArray, encodeArray, pureBase64 } from '../../../src/core/search/binary-codec.js';
import { createFrozenPostings, freezeEngine, type FrozenParts, type FrozenPostings } from '../../../src/core/search/frozen-postings.js';
import {
  buildSearchIndex,
  engineOptions,
  feedbackTerms,
  getPaper,
  loadSearchIndex,
  moreLikeThis,
  searchPapers,
  serializeIndex,
  type SearchIndex,
} from '../../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../../src/core/search/search-settings.js';
import { bufferBase64 } from '../../../src/corpus/buffer-codec.js';
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

describe('snapshot round trip', () => {
  it.each([
    ['pure', pureBase64],
    ['Buffer', bufferBase64],
  ] as const)('build -> serialize -> load (%s codec): identical postings, results and scores', (_name, codec) => {
    const text = serializeIndex(index, codec);
    const loaded = loadSearchIndex(text, DEFAULT_SEARCH_SETTINGS, codec);
    const [a, b] = [index.postings, loaded.postings];
    expect(b.terms).toEqual(a.terms);
    for (const key of ['offsets', 'docs', 'freqs', 'fieldLengths', 'avgFieldLengths', 'docFreqs'] as const) expect(b[key]).toEqual(a[key]);
    // The same words and terms (a radix tree's iteration order depends on how it was filled).
    expect(new Map(loaded.words)).toEqual(new Map(index.words));
    sameSearches(index, loaded);
  });

  it('writes ASCII only (non-ASCII escaped, for a fast decode) and reads every character back', () => {
    const odd = { ...papers[0]!, id: 'odd', title: 'Schrödinger 🚀 bridges – naïve Ωmega \udc00', abstract: 'Ünïcödé ✓ text' };
    const small = buildSearchIndex([...papers.slice(1, 20), odd]);
    const text = serializeIndex(small, bufferBase64);
    expect(/[^\u0000-\u007f]/.test(text)).toBe(false);
    const loaded = loadSearchIndex(text, DEFAULT_SEARCH_SETTINGS, bufferBase64);
    expect(getPaper(loaded, 'odd')).toEqual(odd);
    expect(searchPapers(loaded, 'naïve schrodinger', { limit: 5 })).toEqual(searchPapers(small, 'naïve schrodinger', { limit: 5 }));
  });

  it('frequencies are 8-bit for real papers, wider when a field repeats a word more than 255 times', () => {
    expect(index.postings.freqs).toBeInstanceOf(Uint8Array);
    const chatty = { ...papers[0]!, id: 'chatty', abstract: 'entropy '.repeat(300) };
    const small = buildSearchIndex([...papers.slice(1, 20), chatty]);
    expect(small.postings.freqs).toBeInstanceOf(Uint16Array);
    const loaded = loadSearchIndex(serializeIndex(small, bufferBase64), DEFAULT_SEARCH_SETTINGS, bufferBase64);
    expect(loaded.postings.freqs).toEqual(small.postings.freqs);
    expect(searchPapers(loaded, 'entropy', { limit: 5 })).toEqual(searchPapers(small, 'entropy', { limit: 5 }));
  });

  it('both codecs write the same text, so either reads the other', () => {
    expect(serializeIndex(index, pureBase64)).toBe(serializeIndex(index, bufferBase64));
  });

  it('keeps results identical with feedback on and with other search-time settings', () => {
    const settings = { ...DEFAULT_SEARCH_SETTINGS, feedback: { docs: 5, terms: 10, weight: 0.3 } };
    const built = buildSearchIndex(papers, settings);
    const loaded = loadSearchIndex(serializeIndex(built, bufferBase64), settings, bufferBase64);
    expect(feedbackTerms(loaded, 'diffusion model')).toEqual(feedbackTerms(built, 'diffusion model'));
    expect(feedbackTerms(loaded, 'diffusion model').length).toBeGreaterThan(0);
    sameSearches(built, loaded);
  });
});

describe('binary codec', () => {
  it('the pure codec round-trips any bytes and agrees with Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = pureBase64.encode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(pureBase64.decode(text)).toEqual(bytes);
      }),
    );
  });

  it('rejects text that is not base64, and bytes that are not whole elements', () => {
    expect(() => pureBase64.decode('ab!d')).toThrow(/paperboy search: not base64/);
    expect(() => pureBase64.decode('abc')).toThrow(/multiple of 4/);
    expect(() => decodeArray(pureBase64, pureBase64.encode(new Uint8Array(6)), Uint32Array, 'the docs')).toThrow(/the docs has 6 bytes/);
    expect(() => decodeArray(pureBase64, undefined, Uint32Array, 'the docs')).toThrow(/the docs is missing/);
    const odd = new Uint8Array(9).subarray(1);
    expect(decodeArray({ encode: pureBase64.encode, decode: () => odd }, '', Uint32Array, 'x')).toEqual(new Uint32Array(2));
  });
});

describe('a tampered snapshot is refused, never served', () => {
  type Json = { postings: Record<string, unknown>; words: string[]; wordTerms: string };
  // The index JSON is the first line; the papers section after it is left as it is.
  const tamper = (change: (json: Json) => void): string => {
    const text = serializeIndex(index, bufferBase64);
    const newline = text.indexOf('\n');
    const json = JSON.parse(text.slice(0, newline)) as Json;
    change(json);
    return JSON.stringify(json) + text.slice(newline);
  };
  const u32 = (json: Json, key: string): Uint32Array => decodeArray(bufferBase64, json.postings[key], Uint32Array, key);
  const put = (json: Json, key: string, array: Uint32Array | Int32Array): void => {
    json.postings[key] = encodeArray(bufferBase64, array);
  };

  it.each<[string, (json: Json) => void, RegExp]>([
    ['offsets going backwards', (j) => { const o = u32(j, 'offsets'); o[5] = o[6]! + 1; put(j, 'offsets', o); }, /offsets/],
    ['an offset past the postings', (j) => { const o = u32(j, 'offsets'); o[o.length - 1] = o[o.length - 1]! + 1; put(j, 'offsets', o); }, /offsets/],
    ['an offsets array cut short', (j) => { put(j, 'offsets', u32(j, 'offsets').subarray(1)); }, /offsets/],
    ['postings out of order', (j) => {
      const docs = decodeArray(bufferBase64, j.postings['docs'], Int32Array, 'docs');
      const o = u32(j, 'offsets');
      // The first run of at least two papers, its first two swapped.
      let i = 0;
      while (o[i + 1]! - o[i]! < 2) i++;
      const at = o[i]!;
      [docs[at], docs[at + 1]] = [docs[at + 1]!, docs[at]!];
      put(j, 'docs', docs);
    }, /out of order/],
    ['a short id out of range', (j) => { const docs = decodeArray(bufferBase64, j.postings['docs'], Int32Array, 'docs'); docs[docs.length - 1] = 1e6; put(j, 'docs', docs); }, /out of range/],
    ['frequencies missing', (j) => { j.postings['freqs'] = ''; }, /frequencies/],
    ['frequencies of another width', (j) => { j.postings['freqBytes'] = 8; }, /8 bytes/],
    ['field lengths cut short', (j) => { put(j, 'fieldLengths', u32(j, 'fieldLengths').subarray(1)); }, /field lengths/],
    ['a repeated term', (j) => { const terms = j.postings['terms'] as string[]; terms[1] = terms[0]!; }, /repeated terms/],
    ['other fields', (j) => { j.postings['fields'] = ['title', 'abstract', 'tags']; }, /fields/],
    ['a word naming no term', (j) => { const w = decodeArray(bufferBase64, j.wordTerms, Uint32Array, 'w'); w[0] = 1e7; j.wordTerms = encodeArray(bufferBase64, w); }, /has no term/],
    ['a word dropped', (j) => { j.words.pop(); }, /word terms for/],
    ['the postings missing', (j) => { delete (j as Partial<Json>).postings; }, /incomplete/],
  ])('%s', (_name, change, reason) => {
    expect(() => loadSearchIndex(tamper(change), DEFAULT_SEARCH_SETTINGS, bufferBase64)).toThrow(/^paperboy search: .*rebuild it from the corpus$/);
    expect(() => loadSearchIndex(tamper(change), DEFAULT_SEARCH_SETTINGS, bufferBase64)).toThrow(reason);
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
