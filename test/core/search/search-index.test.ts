/**
 * Ranking on the real seed corpus, for what users actually type: typical, misspelt, accented,
 * hyphenated, phrase and exclusion queries; plus snapshots that round-trip or fail loudly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import {
  buildSearchIndex,
  getPaper,
  loadSearchIndex,
  moreLikeThis,
  paperCount,
  searchPapers,
  serializeIndex,
  type SearchIndex,
} from '../../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, settingsFingerprint } from '../../../src/core/search/search-settings.js';
import type { SearchOutcome } from '../../../src/core/search/search-types.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let papers: readonly Paper[];
let index: SearchIndex;

beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
  index = buildSearchIndex(papers);
});

function titles(outcome: SearchOutcome): string[] {
  if (outcome.kind !== 'results') throw new Error(`expected results, got ${outcome.kind}`);
  return outcome.hits.map((h) => h.paper.title);
}

const paperTitled = (title: string): Paper => {
  const paper = papers.find((p) => p.title === title);
  if (!paper) throw new Error(`no seed paper titled ${title}`);
  return paper;
};

const fullText = (p: Paper): string => `${p.title} ${p.abstract}`.toLowerCase();

describe('searchPapers on the seed corpus', () => {
  it('indexes every paper', () => {
    expect(paperCount(index)).toBe(402);
    expect(getPaper(index, papers[7]!.id)).toBe(papers[7]);
    expect(getPaper(index, 'no-such-id')).toBeUndefined();
  });

  it('ranks the paper named "linear mode connectivity" first', () => {
    expect(titles(searchPapers(index, 'linear mode connectivity'))[0]).toBe(
      'Analysis of Linear Mode Connectivity via Permutation-Based Weight Matching',
    );
  });

  it('ranks papers holding both topics above those holding one', () => {
    const outcome = searchPapers(index, 'diffusion quantization', { limit: 5 });
    expect(outcome.kind).toBe('results');
    if (outcome.kind !== 'results') return;
    for (const hit of outcome.hits) expect(hit.matchedTerms).toEqual(expect.arrayContaining(['diffus', 'quantiz']));
  });

  it('tolerates a small typo: "difusion" finds diffusion papers', () => {
    const found = titles(searchPapers(index, 'difusion', { limit: 10 }));
    expect(found).toHaveLength(10);
    for (const title of found) expect(title.toLowerCase()).toContain('diffusion');
  });

  it('does not treat a known word as a typo: "model" does not bring in "mode" papers by fuzz', () => {
    const outcome = searchPapers(index, 'mode', { limit: 400 });
    if (outcome.kind !== 'results') throw new Error('expected results');
    for (const hit of outcome.hits) expect(hit.matchedTerms).toEqual(['mode']);
  });

  it('folds accents: "schrodinger" finds "Light Schrödinger Bridge"', () => {
    expect(titles(searchPapers(index, 'schrodinger'))).toContain('Light Schrödinger Bridge');
    expect(titles(searchPapers(index, 'Schrödinger'))[0]).toBe(titles(searchPapers(index, 'schrodinger'))[0]);
  });

  it.each(['one step diffusion', 'one-step diffusion', 'onestep diffusion'])('"%s" ranks the one-step f-divergence paper near the top', (q) => {
    expect(titles(searchPapers(index, q, { limit: 3 }))).toContain('One-step Diffusion Models with f-Divergence Distribution Matching');
  });

  it('matches word forms: quantization, quantized and quantizing find the same papers', () => {
    const ids = (q: string): string[] => {
      const o = searchPapers(index, q, { limit: 1000 });
      return o.kind === 'results' ? o.hits.map((h) => h.paper.id).sort() : [];
    };
    const base = ids('quantization');
    expect(base.length).toBeGreaterThan(20);
    expect(ids('quantized')).toEqual(base);
    expect(ids('quantizing')).toEqual(base);
    expect(ids('QUANTIZATIONS')).toEqual(base);
  });

  it('a phrase keeps only papers holding the words together, in any word form', () => {
    const loose = searchPapers(index, 'diffusion model', { limit: 1000 });
    const phrase = searchPapers(index, '"diffusion model"', { limit: 1000 });
    if (loose.kind !== 'results' || phrase.kind !== 'results') throw new Error('expected results');
    expect(phrase.total).toBeGreaterThan(0);
    expect(phrase.total).toBeLessThan(loose.total);
    for (const hit of phrase.hits) expect(fullText(hit.paper)).toMatch(/diffusion[\s-]+models?\b/);
  });

  it('a quoted phrase no paper holds answers for its words and names the phrase', () => {
    const phrase = searchPapers(index, '"diffusion for video"', { limit: 1000 });
    const words = searchPapers(index, 'diffusion for video', { limit: 1000 });
    if (phrase.kind !== 'results' || words.kind !== 'results') throw new Error(`expected results, got ${phrase.kind}`);
    for (const hit of phrase.hits) expect(fullText(hit.paper)).not.toMatch(/diffusion for video/);
    expect(phrase.unmatchedPhrases).toEqual(['diffusion for video']);
    expect(phrase.hits.map((h) => h.paper.id)).toEqual(words.hits.map((h) => h.paper.id));
    expect(phrase.query.phrases).toEqual(['diffusion for video']);
    // A phrase some paper holds is not flagged.
    const held = searchPapers(index, '"diffusion model"', { limit: 5 });
    expect(held.kind === 'results' && held.unmatchedPhrases).toBeFalsy();
  });

  it('only the phrase no paper holds is named; with none held together, all are', () => {
    const one = searchPapers(index, '"diffusion model" "diffusion for video"', { limit: 5 });
    if (one.kind !== 'results') throw new Error(`expected results, got ${one.kind}`);
    expect(one.unmatchedPhrases).toEqual(['diffusion for video']);
    // Words that never occur at all still find nothing, phrase or not.
    expect(searchPapers(index, '"xqzvbw plkmtr"').kind).toBe('no-results');
  });

  it('a query over its work budget is cut short with the best of what fits, and says so', () => {
    const query = 'diffusion model image language training learning';
    const full = searchPapers(index, query, { limit: 5 });
    const cut = searchPapers(index, query, { limit: 5, budget: { rankEntries: 150, phraseSteps: Infinity } });
    if (full.kind !== 'results' || cut.kind !== 'results') throw new Error('expected results');
    expect(full.partial).toBeUndefined();
    expect(cut.partial).toMatch(/too many common words.*left out: .*model/);
    expect(cut.hits.length).toBe(5);
    expect(cut.total).toBeLessThan(full.total);
    const phrase = searchPapers(index, '"diffusion model"', { limit: 1000, budget: { rankEntries: Infinity, phraseSteps: 10 } });
    const whole = searchPapers(index, '"diffusion model"', { limit: 1000 });
    if (phrase.kind !== 'results' || whole.kind !== 'results') throw new Error('expected results');
    expect(phrase.partial).toMatch(/phrase search stopped early/);
    expect(phrase.total).toBeLessThan(whole.total);
    const wholeIds = new Set(whole.hits.map((h) => h.paper.id));
    for (const hit of phrase.hits) expect(wholeIds.has(hit.paper.id)).toBe(true);
  });

  it('an unbalanced smart-quoted phrase still works as a phrase', () => {
    const smart = searchPapers(index, '“diffusion model', { limit: 1000 });
    const plain = searchPapers(index, '"diffusion model"', { limit: 1000 });
    if (smart.kind !== 'results' || plain.kind !== 'results') throw new Error('expected results');
    expect(smart.hits.map((h) => h.paper.id)).toEqual(plain.hits.map((h) => h.paper.id));
  });

  it('-word drops every paper containing the word', () => {
    const all = searchPapers(index, 'diffusion', { limit: 1000 });
    const without = searchPapers(index, 'diffusion -image', { limit: 1000 });
    if (all.kind !== 'results' || without.kind !== 'results') throw new Error('expected results');
    expect(without.total).toBeGreaterThan(0);
    expect(without.total).toBeLessThan(all.total);
    for (const hit of without.hits) expect(fullText(hit.paper)).not.toMatch(/\bimag(e|es|ing)\b/);
  });

  it('pages through results with limit and offset, total unchanged', () => {
    const first = searchPapers(index, 'diffusion', { limit: 5 });
    const second = searchPapers(index, 'diffusion', { limit: 5, offset: 5 });
    const ten = searchPapers(index, 'diffusion', { limit: 10 });
    if (first.kind !== 'results' || second.kind !== 'results' || ten.kind !== 'results') throw new Error('expected results');
    expect([...first.hits, ...second.hits].map((h) => h.paper.id)).toEqual(ten.hits.map((h) => h.paper.id));
    expect(second.total).toBe(first.total);
    const scores = ten.hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it.each(['', '   ', 'the of and', '"the"', '-diffusion', '?!'])('%j is an empty query, not an error', (q) => {
    expect(searchPapers(index, q).kind).toBe('empty-query');
  });

  it('nonsense gets no results and no suggestion', () => {
    expect(searchPapers(index, 'xqzvbw plkmtr')).toMatchObject({ kind: 'no-results', suggestion: null });
  });

  it('a misspelling beyond typo tolerance gets a suggestion that finds papers', () => {
    const outcome = searchPapers(index, 'difsion');
    expect(outcome).toMatchObject({ kind: 'no-results', suggestion: 'diffusion' });
    // "nerual" would be corrected (a swap is one edit); "nerula" is two swaps from "neural".
    expect(searchPapers(index, 'difsuion nerula')).toMatchObject({ kind: 'no-results', suggestion: 'diffusion neural' });
  });

  it('corrects a typo by the fewest edits that reach known words: two-edit neighbours only when no word is one edit away', () => {
    const base = papers[0]!;
    const paper = (id: string, title: string): Paper => ({ ...base, id, title, abstract: 'We study graphs.', searchAliases: '' });
    // "quantizaton" is one edit from "quantization" and two from "quanitzatin" (a typo in a title).
    const small = buildSearchIndex([paper('a', 'Quantization of networks'), paper('b', 'Quanitzatin of graphs'), paper('c', 'Pruning of graphs')]);
    const oneEdit = searchPapers(small, 'quantizaton', { limit: 5 });
    expect(oneEdit.kind === 'results' && oneEdit.hits.map((h) => h.paper.id)).toEqual(['a']);
    // Two letters swapped are one edit: "quantizatoin" is one from "quantization".
    const swapped = searchPapers(small, 'quantizatoin', { limit: 5 });
    expect(swapped.kind === 'results' && swapped.hits.map((h) => h.paper.id)).toEqual(['a']);
    // "qunatizatoin" is two edits from "quantization" (two swaps) and none is closer.
    const twoEdits = searchPapers(small, 'qunatizatoin', { limit: 5 });
    expect(twoEdits.kind === 'results' && twoEdits.hits.map((h) => h.paper.id)).toEqual(['a']);
  });

  it('small typos in two words are corrected in place: "quantizaton trasformer"', () => {
    const outcome = searchPapers(index, 'quantizaton trasformer', { limit: 3 });
    if (outcome.kind !== 'results') throw new Error('expected results');
    for (const hit of outcome.hits) expect(hit.matchedTerms).toEqual(expect.arrayContaining(['quantiz', 'transform']));
  });

  it('two letters swapped in a short word are one typo, corrected: "lagnuage models"', () => {
    const outcome = searchPapers(index, 'lagnuage models', { limit: 3 });
    if (outcome.kind !== 'results') throw new Error('expected results');
    for (const hit of outcome.hits) expect(hit.matchedTerms).toEqual(expect.arrayContaining(['languag', 'model']));
  });
});

describe('moreLikeThis', () => {
  it('finds papers on the same topic, never the paper itself', () => {
    const paper = paperTitled('Light Schrödinger Bridge');
    const outcome = moreLikeThis(index, paper.id, { limit: 5 });
    if (outcome.kind !== 'results') throw new Error('expected results');
    expect(outcome.hits.map((h) => h.paper.id)).not.toContain(paper.id);
    expect(outcome.hits.length).toBe(5);
    // The one other Schrödinger-bridge paper in the seeds should be among the closest.
    expect(outcome.hits.some((h) => /schr(ö|o)dinger|bridge/i.test(fullText(h.paper)))).toBe(true);
  });

  it('an unknown paper id gets no results', () => {
    expect(moreLikeThis(index, 'nope').kind).toBe('no-results');
  });
});

describe('snapshots', () => {
  it('save -> load -> search gives identical results, papers included', () => {
    const loaded = loadSearchIndex(serializeIndex(index));
    expect(paperCount(loaded)).toBe(paperCount(index));
    expect(getPaper(loaded, papers[3]!.id)).toEqual(papers[3]);
    for (const q of ['linear mode connectivity', 'difusion', 'schrodinger', '"diffusion model" -image', 'difsion', 'one-step diffusion']) {
      expect(searchPapers(loaded, q, { limit: 20 })).toEqual(searchPapers(index, q, { limit: 20 }));
    }
    expect(moreLikeThis(loaded, papers[0]!.id)).toEqual(moreLikeThis(index, papers[0]!.id));
  });

  it('refuses a snapshot built with other settings', () => {
    const other = { ...DEFAULT_SEARCH_SETTINGS, boost: { ...DEFAULT_SEARCH_SETTINGS.boost, title: 3 } };
    expect(settingsFingerprint(other)).not.toBe(settingsFingerprint(DEFAULT_SEARCH_SETTINGS));
    expect(() => loadSearchIndex(serializeIndex(index), other)).toThrow(/other search settings.*rebuild/);
  });

  it('refuses corrupt, truncated or foreign JSON with a clear message', () => {
    const serialized = serializeIndex(index);
    const { json, papers: lines } = serialized;
    expect(() => loadSearchIndex({ ...serialized, json: json.slice(0, json.length / 2) })).toThrow(/not valid JSON.*rebuild/);
    // Papers cut short: the line offsets no longer fit.
    expect(() => loadSearchIndex({ ...serialized, papers: lines.slice(0, lines.length / 2) })).toThrow(/corrupt \(the paper lines span.*rebuild/);
    expect(() => loadSearchIndex({ ...serialized, papers: '' })).toThrow(/corrupt.*rebuild/);
    // Arrays cut short: the postings run past the block's end.
    expect(() => loadSearchIndex({ ...serialized, arrays: serialized.arrays.subarray(0, serialized.arrays.byteLength / 2) })).toThrow(/corrupt.*runs past the end.*rebuild/);
    expect(() => loadSearchIndex({ ...serialized, json: '{"hello":1}' })).toThrow(/not a paperboy index snapshot/);
    expect(() => loadSearchIndex({ ...serialized, json: 'null' })).toThrow(/not a paperboy index snapshot/);
    const tampered = JSON.parse(json) as { ids: unknown[] };
    tampered.ids.pop();
    expect(() => loadSearchIndex({ ...serialized, json: JSON.stringify(tampered) })).toThrow(/rebuild/);
  });

  it('a settings fingerprint ignores key order', () => {
    const s = DEFAULT_SEARCH_SETTINGS;
    const reordered = { ...Object.fromEntries(Object.entries(s).reverse()), bm25: { d: s.bm25.d, b: s.bm25.b, k: s.bm25.k } } as typeof s;
    expect(settingsFingerprint(reordered)).toBe(settingsFingerprint(s));
  });

  it('rejects duplicate paper ids when building', () => {
    expect(() => buildSearchIndex([papers[0]!, papers[0]!])).toThrow(/duplicate paper id/);
  });
});
