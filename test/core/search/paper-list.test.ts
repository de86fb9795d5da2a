/**
 * The papers section of an index snapshot: one JSON line per paper after the index JSON, kept as
 * bytes at load and parsed on demand. A load must give the same papers and the same search
 * results, and a damaged section must be refused with advice to rebuild, never served.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import {
  allPapers,
  buildSearchIndex,
  getPaper,
  loadSearchIndex,
  moreLikeThis,
  paperCount,
  searchPapers,
  serializeIndex,
  type SearchIndex,
  type SerializedBytes,
  type SerializedIndex,
} from '../../../src/core/search/search-index.js';
import { packArrays, viewArray } from '../../../src/core/search/array-block.js';
import { heldPapers, heldPapersSteps } from '../../../src/core/search/paper-list.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../../src/core/search/search-settings.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let papers: readonly Paper[];
let index: SearchIndex;
let serialized: SerializedIndex;

beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
  index = buildSearchIndex(papers);
  serialized = serializeIndex(index);
});

/** The serialized index as snapshot.ts reads it: each part as bytes in a buffer of its own. */
function parts(s: SerializedIndex): SerializedBytes {
  const encoder = new TextEncoder();
  return { json: encoder.encode(s.json), arrays: s.arrays.slice(), papers: encoder.encode(s.papers) };
}

const load = (s: SerializedIndex | SerializedBytes): SearchIndex => loadSearchIndex(s, DEFAULT_SEARCH_SETTINGS);

type Slot = { offset: number; length: number };
type IndexJson = { ids: string[]; arrays: Record<string, Slot> };
type Damage = { json?: (json: IndexJson, block: Uint8Array) => void; lines?: (lines: string[]) => void; keepOffsets?: boolean };

/**
 * The serialized index with its JSON and/or its paper lines changed. Line offsets follow
 * changed lines (so what is tested is the check of their content) unless `keepOffsets`.
 */
function tamper(change: Damage): SerializedIndex {
  const json = JSON.parse(serialized.json) as IndexJson;
  let block: Uint8Array = serialized.arrays.slice();
  const lines = serialized.papers.split('\n').slice(0, -1);
  change.lines?.(lines);
  if (change.lines && !change.keepOffsets) {
    const offsets = new Uint32Array(lines.length + 1);
    lines.forEach((line, i) => (offsets[i + 1] = offsets[i]! + line.length + 1));
    block = putOffsets(json, block, offsets);
  }
  change.json?.(json, block);
  return { json: JSON.stringify(json), arrays: block, papers: lines.map((l) => `${l}\n`).join('') };
}

/** A view of the paper line offsets: changing it changes the block. */
const offsetsOf = (json: IndexJson, block: Uint8Array): Uint32Array => viewArray(block, json.arrays['paperOffsets'], Uint32Array, 'offsets');

/** The block with `offsets` appended, and the JSON pointing the paper line offsets at them. */
function putOffsets(json: IndexJson, block: Uint8Array, offsets: Uint32Array): Uint8Array {
  const extra = packArrays({ offsets: offsets.slice() }).bytes;
  const grown = new Uint8Array(block.byteLength + extra.byteLength);
  grown.set(block);
  grown.set(extra, block.byteLength);
  json.arrays['paperOffsets'] = { offset: block.byteLength, length: offsets.length };
  return grown;
}

describe('the papers section of a snapshot', () => {
  it('is one JSON line per paper, each opening with its id', () => {
    const lines = serialized.papers.split('\n');
    expect(lines).toHaveLength(papers.length + 1);
    expect(lines.at(-1)).toBe('');
    lines.slice(0, -1).forEach((line, i) => {
      expect(line.startsWith(`{"id":${JSON.stringify(papers[i]!.id)},`)).toBe(true);
      expect(JSON.parse(line)).toEqual(papers[i]);
    });
  });

  it.each([
    ['the parts as written', () => load(serialized)],
    ['bytes', () => load(parts(serialized))],
  ] as const)('round trip from %s: the same papers, results and scores', (_from, loadIt) => {
    const loaded = loadIt();
    expect(paperCount(loaded)).toBe(papers.length);
    for (const q of ['diffusion model', '"linear mode connectivity"', 'difusion quantization', 'schrodinger -equation', 'one-step diffusion']) {
      expect(searchPapers(loaded, q, { limit: 20 })).toEqual(searchPapers(index, q, { limit: 20 }));
      expect(searchPapers(loaded, q, { limit: 10, offset: 10 })).toEqual(searchPapers(index, q, { limit: 10, offset: 10 }));
    }
    expect(moreLikeThis(loaded, papers[7]!.id)).toEqual(moreLikeThis(index, papers[7]!.id));
    expect(allPapers(loaded)).toEqual(papers);
  });

  it('parses a paper when first asked for, once, and all of them only when all are asked for', () => {
    const loaded = load(parts(serialized));
    const one = getPaper(loaded, papers[42]!.id);
    expect(one).toEqual(papers[42]);
    // Memoized: the same object, not a second parse.
    expect(getPaper(loaded, papers[42]!.id)).toBe(one);
    expect(loaded.papers.at(42)).toBe(one);
    expect(getPaper(loaded, 'no such paper')).toBeUndefined();
    const all = allPapers(loaded);
    expect(all[42]).toBe(one);
    expect(all).toEqual(papers);
    expect(allPapers(loaded)).toBe(all);
    papers.forEach((p, i) => expect(getPaper(loaded, p.id)).toBe(all[i]));
  });

  it('keeps every character of a paper (ASCII on disk, escapes read back)', () => {
    const odd: Paper = { ...papers[0]!, id: 'odd-\u00e9', title: 'Schrödinger 🚀 bridges – naïve Ωmega', abstract: 'Ünïcödé ✓ text\nwith a newline and "quotes"' };
    const small = buildSearchIndex([...papers.slice(1, 10), odd]);
    const written = serializeIndex(small);
    expect(/[^\u0000-\u007f]/.test(written.json + written.papers)).toBe(false);
    expect(written.papers.split('\n')).toHaveLength(11);
    const loaded = load(parts(written));
    expect(getPaper(loaded, odd.id)).toEqual(odd);
    expect(searchPapers(loaded, 'naïve schrodinger')).toEqual(searchPapers(small, 'naïve schrodinger'));
  });
});

describe('papers held in memory', () => {
  it('are listed in steps too (the id map a slice at a time), and a repeated id is refused', () => {
    const many = Array.from({ length: 12_000 }, (_, i) => ({ ...papers[i % papers.length]!, id: `p${i}` }));
    const work = heldPapersSteps(many);
    let steps = 1;
    let r = work.next();
    for (; !r.done; r = work.next()) steps++;
    expect(steps).toBeGreaterThan(2);
    const list = r.value;
    expect(list.ids).toEqual(many.map((p) => p.id));
    expect(list.position('p11999')).toBe(11_999);
    expect(list.get('p5')).toBe(many[5]);
    expect(list.all()).toBe(many);
    expect(() => heldPapers([...many, { ...many[0]!, title: 'Again' }])).toThrow(/duplicate paper id p0 \("Again"\)/);
  });
});

describe('a damaged papers section is refused at load', () => {
  it.each<[string, Parameters<typeof tamper>[0], RegExp]>([
    ['a paper line dropped', { lines: (l) => l.pop(), keepOffsets: true }, /the paper lines span/],
    ['a paper line added', { lines: (l) => l.push(l[0]!), keepOffsets: true }, /the paper lines span/],
    ['a paper line dropped, offsets too', { lines: (l) => l.pop() }, /offsets for/],
    ['a paper line longer, the next shorter', { lines: (l) => ((l[4] = `${l[4]} `), (l[5] = l[5]!.slice(0, -1))), keepOffsets: true }, /paper line 4 .*is not a line/],
    ['two paper lines swapped', { lines: (l) => ([l[3], l[4]] = [l[4]!, l[3]!]) }, /paper line 3 is not paper/],
    ['a paper id changed in its line', { lines: (l) => (l[5] = l[5]!.replace(/^\{"id":"/, '{"id":"x')) }, /paper line 5 is not paper/],
    ['an id dropped from the index', { json: (j) => j.ids.pop() }, /offsets for|indexed documents/],
    ['an id changed in the index', { json: (j) => (j.ids[9] = 'someone-else') }, /paper line 9 is not paper someone-else/],
    ['a repeated id', { json: (j) => (j.ids[2] = j.ids[1]!) }, /paper line 2 is not paper|duplicate/],
    ['offsets going backwards', { json: (j, b) => { const o = offsetsOf(j, b); [o[3], o[4]] = [o[4]!, o[3]!]; } }, /paper line \d+ .*is not a line|is not paper/],
    ['an offset inside a line', { json: (j, b) => { const o = offsetsOf(j, b); o[6] = o[6]! + 3; } }, /paper line 5 .*is not a line/],
    ['offsets past the end', { json: (j, b) => { const o = offsetsOf(j, b); o[o.length - 1] = o[o.length - 1]! + 10; } }, /the paper lines span/],
    ['an offset cut short', { json: (j) => (j.arrays['paperOffsets'] = { ...j.arrays['paperOffsets']!, length: j.arrays['paperOffsets']!.length - 1 }) }, /offsets for/],
    ['the offsets missing', { json: (j) => delete j.arrays['paperOffsets'] }, /the paper line offsets is missing/],
    ['the ids missing', { json: (j) => { (j as Partial<IndexJson>).ids = undefined; } }, /incomplete/],
  ])('%s', (_name, change, reason) => {
    const damaged = tamper(change);
    expect(() => load(parts(damaged))).toThrow(/^paperboy search: .*rebuild it from the corpus$/);
    expect(() => load(parts(damaged))).toThrow(reason);
  });

  it('a line damaged past its id is refused when that paper is parsed', () => {
    const damaged = tamper({ lines: (l) => (l[8] = `${l[8]!.slice(0, -2)}#}`) });
    const loaded = load(parts(damaged));
    expect(getPaper(loaded, papers[7]!.id)).toEqual(papers[7]);
    expect(() => getPaper(loaded, papers[8]!.id)).toThrow(/^paperboy search: the index snapshot is corrupt \(paper line 8: .*\); rebuild it from the corpus$/);
    expect(() => allPapers(loaded)).toThrow(/paper line 8.*rebuild/);
    const notAPaper = load(parts(tamper({ lines: (l) => (l[8] = `{"id":${JSON.stringify(papers[8]!.id)},"title":3}`) })));
    expect(() => getPaper(notAPaper, papers[8]!.id)).toThrow(/paper line 8 is not paper .*rebuild it from the corpus$/);
  });
});
