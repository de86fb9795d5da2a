import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import type { Corpus } from '../../../src/core/seeds/build-corpus.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let corpus: Corpus;
const byTitle = (start: string): Paper => {
  const found = corpus.papers.filter((p) => p.title.startsWith(start));
  expect(found, start).toHaveLength(1);
  return found[0]!;
};

beforeAll(async () => {
  corpus = await loadSeedCorpus();
});

describe('the shipped seed corpus', () => {
  it('holds 454 entries that merge into 402 papers, with nothing odd to report', () => {
    expect(corpus.entryCount).toBe(454);
    expect(corpus.papers).toHaveLength(402);
    expect(corpus.problems).toEqual([]);
  });

  it('gives every paper a unique, stable id and a non-empty title and abstract', () => {
    expect(new Set(corpus.papers.map((p) => p.id)).size).toBe(402);
    for (const paper of corpus.papers) {
      expect(paper.id).toMatch(/^[0-9a-f]{12}$/);
      expect(paper.title.length).toBeGreaterThan(0);
      expect(paper.abstract.length).toBeGreaterThan(100);
    }
  });

  it('merges $f$-Divergence and f-Divergence into one paper listed on two pages', () => {
    const paper = byTitle('One-step Diffusion Models with');
    expect(paper.title).toBe('One-step Diffusion Models with f-Divergence Distribution Matching');
    expect(paper.sources).toEqual([
      { file: '001_610f197604c2059d.txt', line: 11, listedOn: { month: 3, day: 12 } },
      { file: '003_9201367f188765ce.txt', line: 163, listedOn: { month: 3, day: 18 } },
    ]);
    // The earliest listing is the paper's date.
    expect(paper.listedOn).toEqual({ month: 3, day: 12 });
  });

  it('keeps the listing date per source, null for the page layout that has none', () => {
    const paper = byTitle('Flexible Model Aggregation for Quantile Regression');
    expect(paper.sources).toEqual([
      { file: '001_610f197604c2059d.txt', line: 59, listedOn: { month: 3, day: 12 } },
      { file: '002_eaa9c9cff76efed7.txt', line: 3, listedOn: null },
    ]);
    expect(paper.listedOn).toEqual({ month: 3, day: 12 });
    const undated = corpus.papers.filter((p) => p.sources.every((s) => s.file.startsWith('002_')));
    expect(undated.length).toBeGreaterThan(100);
    for (const p of undated) expect(p.listedOn).toBeNull();
    const dated = byTitle('Target-based Surrogates for Stochastic Optimization');
    expect(dated.sources.map((s) => s.listedOn)).toEqual([{ month: 3, day: 12 }, { month: 3, day: 18 }]);
    expect(dated.listedOn).toEqual({ month: 3, day: 12 });
  });

  it('cleans LaTeX residue for display and keeps the raw spelling searchable', () => {
    const paper = byTitle('Light Schrödinger Bridge');
    expect(paper.abstract).toContain('computational Schrödinger Bridges');
    expect(paper.abstract).not.toMatch(/\\"/);
    expect(paper.searchAliases.split(' ')).toContain('Schrodinger');
    expect(byTitle('One-step Diffusion Models with').searchAliases).toBe('');
    const legendre = byTitle('LegendreTron');
    expect(legendre.abstract).toContain('We present LegendreTron as');
    for (const p of corpus.papers) {
      expect(`${p.title} ${p.abstract}`, p.title).not.toMatch(/\\["'`^~]|\\(em|it|sc|ie|aka)\b|\$[^$]*\$/);
    }
  });

  it('finds code links in abstracts and trims the punctuation glued to them', () => {
    expect(byTitle('Light Schrödinger Bridge').codeLinks).toEqual(['https://github.com/ngushchin/LightSB']);
    expect(byTitle('AdamP').codeLinks).toEqual(['https://github.com/clovaai/AdamP']);
    const all = corpus.papers.flatMap((p) => [...p.codeLinks, ...p.otherLinks]);
    expect(all.length).toBeGreaterThan(60);
    for (const url of all) expect(url, url).toMatch(/^https:\/\/[^\s{}]+[^.,;:]$/);
    expect(corpus.papers.filter((p) => p.codeLinks.some((u) => u.includes('github.io')))).toEqual([]);
  });
});
