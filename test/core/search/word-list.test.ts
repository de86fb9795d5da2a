/**
 * The sorted word list against a reference: every word whose optimal string alignment distance
 * (talisman's damerau-levenshtein: insertions, deletions, substitutions and adjacent
 * transpositions, each one edit) from the query is within the bound, computed word by word.
 * Same words found, same distances. MiniSearch's SearchableMap.fuzzyGet, which the list replaced,
 * counts a transposition as two edits: where no transposition helps, the two agree.
 */
import fc from 'fast-check';
import SearchableMap from 'minisearch/SearchableMap';
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import { describe, expect, it } from 'vitest';
import { sortedWordList, wordList, wordListSteps } from '../../../src/core/search/word-list.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';
import { splitWords } from '../../../src/core/search/analyzer.js';

function reference(words: readonly string[], query: string, distance: number): [string, number][] {
  return words
    .map((word) => [word, damerauLevenshtein(query, word)] as [string, number])
    .filter(([, d]) => d <= distance)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Plain Levenshtein, as MiniSearch counts it. */
function searchableMap(words: readonly string[], query: string, distance: number): [string, number][] {
  const map = new SearchableMap<number>();
  words.forEach((w, i) => map.set(w, i));
  return [...map.fuzzyGet(query, distance)].map(([word, [, d]]) => [word, d] as [string, number]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function ours(words: readonly string[], query: string, distance: number): [string, number][] {
  const list = sortedWordList(words.map((w, i) => [w, i] as const));
  return list.fuzzyGet(query, distance).map((m) => [m.word, m.distance] as [string, number]);
}

describe('word list', () => {
  it('finds every word within the distance, at distances 0 to 3, on generated words with shared prefixes', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'é', '1', '\uffff');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 7 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 60 }), word, fc.integer({ min: 0, max: 3 }), (words, query, distance) => {
        expect(ours(words, query, distance)).toEqual(reference(words, query, distance));
      }),
      { numRuns: 500 },
    );
  });

  it('counts two adjacent letters swapped as one edit, where MiniSearch counts two; otherwise finds what SearchableMap.fuzzyGet finds', () => {
    const words = ['algorithms', 'abc', 'model', 'mode', 'modal'];
    expect(ours(words, 'algorihtms', 1)).toEqual([['algorithms', 1]]);
    expect(searchableMap(words, 'algorihtms', 1)).toEqual([]);
    expect(ours(words, 'modle', 1)).toEqual([['mode', 1], ['model', 1]]);
    // Restricted: a swapped pair is not edited again ("ca" to "abc" is 3 edits, not 2).
    expect(ours(words, 'ca', 2)).toEqual([]);
    const alphabet = fc.constantFrom('a', 'b', 'c', 'é');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 40 }), word, fc.integer({ min: 0, max: 2 }), (list, query, distance) => {
        const found = new Map(ours(list, query, distance));
        // Everything within reach by plain edits is found, never farther than MiniSearch says.
        for (const [w, d] of searchableMap(list, query, distance)) expect(found.get(w)).toBeLessThanOrEqual(d);
      }),
      { numRuns: 300 },
    );
  });

  it('finds every word within the distance on the seed corpus vocabulary', async () => {
    const { papers } = await loadSeedCorpus();
    const vocabulary = [...new Set(papers.flatMap((p) => splitWords(`${p.title} ${p.abstract}`.toLowerCase())))];
    for (const query of ['difusion', 'quantizaton', 'transfromer', 'lora', 'attention', 'xq', 'reinforcment', 'zzzzzzzz']) {
      for (const distance of [1, 2]) expect(ours(vocabulary, query, distance)).toEqual(reference(vocabulary, query, distance));
    }
  });

  it('finds words longer than the lengths it keeps per prefix (255)', () => {
    const a = 'a'.repeat(250);
    const words = [a, `${a}bcdef`, `${a}bcdefgh`, `${a}bcdefghijklmnopqrstuvwxyz`, `${a}bx`, `${a}c`.repeat(2), 'ab', 'abc'];
    for (const query of [`${a}bcdeg`, `${a}bcdefghi`, `${a}bcdefghijklmnopqrstuvwxy`, `${a}cc`, a.slice(3), 'abd']) {
      for (const distance of [1, 2, 3]) expect(ours(words, query, distance), `${query.length} ${distance}`).toEqual(reference(words, query, distance));
    }
    expect(ours(words, `${a}bcdefghijklmnopqrstuvwxy`, 1)).toEqual([[`${a}bcdefghijklmnopqrstuvwxyz`, 1]]);
  });

  it('is made in steps too: the same list, the order checked a slice at a time', () => {
    const words = Array.from({ length: 50_000 }, (_, i) => `w${String(i).padStart(6, '0')}`);
    const terms = Uint32Array.from(words, (_, i) => i * 2);
    const work = wordListSteps(words, terms);
    let steps = 1;
    let r = work.next();
    for (; !r.done; r = work.next()) steps++;
    expect(steps).toBeGreaterThan(2);
    expect([...r.value]).toEqual([...wordList(words, terms)]);
    expect(() => [...wordListSteps([...words.slice(0, 30_000), 'a', ...words.slice(30_001)], terms)]).toThrow(/not in order at "a"/);
  });

  it('prepares its skips ahead in bounded steps, and answers as a list that builds them on first use', async () => {
    const { papers } = await loadSeedCorpus();
    const vocabulary = [...new Set(papers.flatMap((p) => splitWords(`${p.title} ${p.abstract}`.toLowerCase())))];
    // Many words, so that the preparation takes more than one step.
    const entries = [...vocabulary, ...Array.from({ length: 30_000 }, (_, i) => `zz${String(i).padStart(6, '0')}`)].map((w, i) => [w, i] as const);
    const prepared = sortedWordList(entries);
    let steps = 0;
    for (const _ of prepared.prepare()) steps++;
    expect(steps).toBeGreaterThan(2);
    // Prepared again: nothing left to do.
    expect([...prepared.prepare()].length).toBe(0);
    const lazy = sortedWordList(entries);
    for (const query of ['difusion', 'quantizaton', 'transfromer', 'zz000123', 'zzzzzzzz']) {
      for (const distance of [1, 2]) expect(prepared.fuzzyGet(query, distance)).toEqual(lazy.fuzzyGet(query, distance));
    }
  });

  it('refuses words out of order, repeated, or without a term each', () => {
    expect(() => wordList(['b', 'a'], Uint32Array.from([0, 1]))).toThrow(/not in order/);
    expect(() => wordList(['a', 'a'], Uint32Array.from([0, 1]))).toThrow(/not in order/);
    expect(() => wordList(['a'], Uint32Array.from([0, 1]))).toThrow(/2 word terms for 1 words/);
  });
});
