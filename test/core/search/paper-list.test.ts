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
} from '../../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../../src/core/search/search-settings.js';
import { bufferBase64 } from '../../../src/corpus/buffer-codec.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let papers: readonly Paper[];
let index: SearchIndex;
let text: string;

beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
  index = buildSearchIndex(papers);
  text = serializeIndex(index, bufferBase64);
});

/** The serialized index split as snapshot.ts reads it: the index line, then the papers' bytes. */
function parts(serialized: string): { index: Uint8Array; papers: Uint8Array } {
  const newline = serialized.indexOf('\n');
  const encoder = new TextEncoder();
  return { index: encoder.encode(serialized.slice(0, newline)), papers: encoder.encode(serialized.slice(newline + 1)) };
}

const load = (serialized: string | { index: Uint8Array; papers: Uint8Array }): SearchIndex =>
  loadSearchIndex(serialized, DEFAULT_SEARCH_SETTINGS, bufferBase64);

type IndexJson = { papers: { ids: string[]; offsets: string } };

/**
 * The serialized index with its index JSON and/or its paper lines changed. Line offsets follow
 * changed lines (so what is tested is the check of their content) unless `keepOffsets`.
 */
function tamper(change: { json?: (json: IndexJson) => void; lines?: (lines: string[]) => void; keepOffsets?: boolean }): string {
  const newline = text.indexOf('\n');
  const json = JSON.parse(text.slice(0, newline)) as IndexJson;
  const lines = text.slice(newline + 1).split('\n').slice(0, -1);
  change.lines?.(lines);
  if (change.lines && !change.keepOffsets) {
    const offsets = new Uint32Array(lines.length + 1);
    lines.forEach((line, i) => (offsets[i + 1] = offsets[i]! + line.length + 1));
    putOffsets(json, offsets);
  }
  change.json?.(json);
  return `${JSON.stringify(json)}\n${lines.map((l) => `${l}\n`).join('')}`;
}

function offsetsOf(json: IndexJson): Uint32Array {
  const bytes = bufferBase64.decode(json.papers.offsets);
  return new Uint32Array(new Uint8Array(bytes).buffer);
}
function putOffsets(json: IndexJson, offsets: Uint32Array): void {
  json.papers.offsets = bufferBase64.encode(new Uint8Array(offsets.buffer, offsets.byteOffset, offsets.byteLength));
}

describe('the papers section of a snapshot', () => {
  it('is one JSON line per paper after the index line, each opening with its id', () => {
    const lines = text.split('\n');
    expect(lines).toHaveLength(papers.length + 2);
    expect(lines.at(-1)).toBe('');
    lines.slice(1, -1).forEach((line, i) => {
      expect(line.startsWith(`{"id":${JSON.stringify(papers[i]!.id)},`)).toBe(true);
      expect(JSON.parse(line)).toEqual(papers[i]);
    });
  });

  it.each([
    ['text', () => load(text)],
    ['bytes', () => load(parts(text))],
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
    const loaded = load(parts(text));
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
    const serialized = serializeIndex(small, bufferBase64);
    expect(/[^\u0000-\u007f]/.test(serialized)).toBe(false);
    expect(serialized.split('\n')).toHaveLength(12);
    const loaded = load(parts(serialized));
    expect(getPaper(loaded, odd.id)).toEqual(odd);
    expect(searchPapers(loaded, 'naïve schrodinger')).toEqual(searchPapers(small, 'naïve schrodinger'));
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
    ['an id dropped from the index', { json: (j) => j.papers.ids.pop() }, /offsets for|indexed documents/],
    ['an id changed in the index', { json: (j) => (j.papers.ids[9] = 'someone-else') }, /paper line 9 is not paper someone-else/],
    ['a repeated id', { json: (j) => (j.papers.ids[2] = j.papers.ids[1]!) }, /paper line 2 is not paper|duplicate/],
    ['offsets going backwards', { json: (j) => { const o = offsetsOf(j); [o[3], o[4]] = [o[4]!, o[3]!]; putOffsets(j, o); } }, /paper line \d+ .*is not a line|is not paper/],
    ['an offset inside a line', { json: (j) => { const o = offsetsOf(j); o[6] = o[6]! + 3; putOffsets(j, o); } }, /paper line 5 .*is not a line/],
    ['offsets past the end', { json: (j) => { const o = offsetsOf(j); o[o.length - 1] = o[o.length - 1]! + 10; putOffsets(j, o); } }, /the paper lines span/],
    ['an offset cut short', { json: (j) => putOffsets(j, offsetsOf(j).subarray(1)) }, /offsets for/],
    ['the offsets missing', { json: (j) => { (j.papers as Partial<IndexJson['papers']>).offsets = undefined; } }, /the paper line offsets is missing/],
    ['the ids missing', { json: (j) => { (j.papers as Partial<IndexJson['papers']>).ids = undefined; } }, /incomplete/],
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
