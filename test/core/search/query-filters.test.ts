import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { formatQuery, parseQuery } from '../../../src/core/search/parse-query.js';
import { buildSearchIndex, searchPapers } from '../../../src/core/search/search-index.js';

describe('has: filters in the query grammar', () => {
  it('reads has:code and -has:code (any dash, any case) as filters, not words', () => {
    expect(parseQuery('diffusion has:code')).toEqual({ terms: ['diffusion'], phrases: [], excluded: [], isEmpty: false, filters: [{ name: 'code', negated: false }] });
    expect(parseQuery('diffusion -has:code').filters).toEqual([{ name: 'code', negated: true }]);
    expect(parseQuery('diffusion —HAS:Code,').filters).toEqual([{ name: 'code', negated: true }]);
    expect(parseQuery('has:code has:code').filters).toHaveLength(1);
  });

  it('a filter alone leaves no words: the query is empty of words but has a filter', () => {
    expect(parseQuery('has:code')).toMatchObject({ terms: [], isEmpty: true, filters: [{ name: 'code', negated: false }] });
  });

  it('keeps unknown has: names apart, and a quoted "has:code" stays text', () => {
    expect(parseQuery('diffusion has:xyz has:').unknownFilters).toEqual(['xyz', '']);
    expect(parseQuery('"has:code"').filters).toBeUndefined();
  });

  it('writes filters back for Next and suggestions', () => {
    expect(formatQuery(parseQuery('gan has:code -image'))).toBe('gan -image has:code');
    expect(formatQuery(parseQuery('-has:code gan'))).toBe('gan -has:code');
  });
});

const paper = (id: string, title: string, code: string | null, publishedAt?: string): Paper => ({
  id,
  title,
  abstract: `${title} abstract text`,
  searchAliases: '',
  listedOn: null,
  sources: [],
  codeLinks: code ? [code] : [],
  otherLinks: [],
  sourceUpvotes: null,
  ...(publishedAt ? { publishedAt } : {}),
});

const papers = [
  paper('a', 'Diffusion models for video', 'https://github.com/a/a', '2024-01-02T00:00:00.000Z'),
  paper('b', 'Diffusion distillation', null, '2024-05-02T00:00:00.000Z'),
  paper('c', 'Quantization of diffusion', 'https://github.com/c/c', '2024-03-02T00:00:00.000Z'),
  paper('d', 'Code generation with transformers', null),
  paper('e', 'Sparse transformers', 'https://gitlab.com/e/e'),
  // A code link the results would not show (not http) is no code link for the filter either.
  paper('f', 'Diffusion with a strange link', 'ftp://x.org/f'),
];
const index = buildSearchIndex(papers);
const ids = (query: string, options = {}): string[] => {
  const outcome = searchPapers(index, query, { limit: 10, ...options });
  return outcome.kind === 'results' ? outcome.hits.map((h) => h.paper.id) : [];
};

describe('searching with has:code', () => {
  it('keeps only papers with a code link, or (negated) only those without', () => {
    expect(ids('diffusion').sort()).toEqual(['a', 'b', 'c', 'f']);
    expect(ids('diffusion has:code').sort()).toEqual(['a', 'c']);
    expect(ids('diffusion -has:code').sort()).toEqual(['b', 'f']);
  });

  it('is not a search for the word "code"', () => {
    expect(ids('transformers has:code')).toEqual(['e']);
  });

  it('pages within the filtered papers', () => {
    const all = ids('diffusion has:code');
    expect([...ids('diffusion has:code', { limit: 1 }), ...ids('diffusion has:code', { limit: 1, offset: 1 })]).toEqual(all);
    const outcome = searchPapers(index, 'diffusion has:code', { limit: 1 });
    expect(outcome.kind === 'results' && outcome.total).toBe(2);
  });

  it('alone, lists every paper with code newest first, undated ones last; with -word it leaves those out', () => {
    const outcome = searchPapers(index, 'has:code', { limit: 10 });
    expect(outcome).toMatchObject({ kind: 'results', listing: 'newest', total: 3 });
    expect(ids('has:code')).toEqual(['c', 'a', 'e']);
    expect(ids('-has:code')).toEqual(['b', 'd', 'f']);
    expect(ids('has:code -video')).toEqual(['c', 'e']);
    expect(ids('has:code', { limit: 1, offset: 1 })).toEqual(['a']);
  });

  it('applies to the phrase fallback and to the query budget', () => {
    const loose = searchPapers(index, '"diffusion quantization video" has:code', { limit: 10 });
    expect(loose).toMatchObject({ kind: 'results', unmatchedPhrases: ['diffusion quantization video'] });
    expect(loose.kind === 'results' && loose.hits.map((h) => h.paper.id).sort()).toEqual(['a', 'c']);
    const tight = searchPapers(index, 'diffusion transformers has:code', { limit: 10, budget: { rankEntries: 4, phraseSteps: 100 } });
    expect(tight.kind === 'results' && tight.partial).toMatch(/left out/);
    expect(tight.kind === 'results' && tight.hits.every((h) => h.paper.codeLinks[0]?.startsWith('https://'))).toBe(true);
  });

  it('suggests a fix only when the fixed query still has papers passing the filter', () => {
    // Two edits from "sparse": past search's own typo allowance, within the suggestion's.
    expect(searchPapers(index, 'spxrsx has:code')).toMatchObject({ kind: 'no-results', suggestion: 'sparse has:code' });
    // The one sparse paper has code, so "without code" has nothing to suggest.
    expect(searchPapers(index, 'spxrsx -has:code')).toMatchObject({ kind: 'no-results', suggestion: null });
  });

  it('refuses an unknown has: filter rather than searching it as text', () => {
    expect(searchPapers(index, 'diffusion has:github')).toEqual({ kind: 'unknown-filter', query: parseQuery('diffusion has:github'), unknown: ['github'] });
  });
});
