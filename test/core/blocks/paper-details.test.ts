/**
 * What a paper shows beyond its title, through the renderers that place it: authors shortened,
 * the date (publication with its year, else the listing date), the arXiv and Hugging Face pages
 * when the arXiv id is known, the code link from githubRepo or the abstract.
 */
import { describe, expect, it } from 'vitest';
import { renderDigestMessage } from '../../../src/core/blocks/digest-message.js';
import { findLimitViolations } from '../../../src/core/blocks/limits.js';
import { paperDate, shortAuthors, shortName } from '../../../src/core/blocks/paper-view.js';
import { renderSearchResults } from '../../../src/core/blocks/render-search-results.js';
import { renderSharedPaper } from '../../../src/core/blocks/render-shared-paper.js';
import type { DigestItem } from '../../../src/core/digest/select-digest.js';
import type { Paper } from '../../../src/core/paper.js';
import { buildSearchIndex, searchPapers } from '../../../src/core/search/search-index.js';
import { findUnsafeStrings } from '../../support/slack-safety.js';

const seed: Paper = {
  id: 'p-seed',
  title: 'Seed Paper on Diffusion',
  abstract: 'A diffusion model. Code: https://github.com/seed/repo',
  searchAliases: '',
  listedOn: { month: 3, day: 14 },
  sources: [],
  codeLinks: ['https://github.com/seed/repo'],
  otherLinks: [],
  sourceUpvotes: null,
};

const ingested: Paper = {
  ...seed,
  id: 'p-ingested',
  title: 'Ingested Paper on Diffusion',
  abstract: 'Diffusion for everyone.',
  codeLinks: ['https://github.com/org/diffuse'],
  listedOn: { month: 12, day: 1 },
  sourceUpvotes: 40,
  arxivId: '2611.20001',
  arxivVersion: 2,
  authors: ['Ada Lovelace', 'Jean-Pierre Serre', 'Vincent van Gogh'],
  publishedAt: '2026-11-30T10:00:00.000Z',
  listedAt: '2026-12-01T13:00:00.000Z',
  origins: ['hf', 'arxiv'],
};

const texts = (message: { blocks: unknown[] }): string => JSON.stringify(message.blocks);

describe('authors, date and links', () => {
  it('shortens names: initials for given names, particles kept with the surname, one word as it is', () => {
    expect(shortName('Ada Lovelace')).toBe('A. Lovelace');
    expect(shortName('Jean-Pierre Serre')).toBe('J.-P. Serre');
    expect(shortName('Vincent van Gogh')).toBe('V. van Gogh');
    expect(shortName('  Grace   Brewster Murray Hopper ')).toBe('G. B. M. Hopper');
    expect(shortName('Plato')).toBe('Plato');
    expect(shortAuthors(['Ada Lovelace'])).toBe('A. Lovelace');
    expect(shortAuthors(['Ada Lovelace', 'Alan Turing'])).toBe('A. Lovelace, A. Turing');
    expect(shortAuthors(['Ada Lovelace', 'Alan Turing', 'Grace Hopper'])).toBe('A. Lovelace, A. Turing et al.');
    expect(shortAuthors([])).toBeNull();
    expect(shortAuthors(undefined)).toBeNull();
  });

  it('dates: publication with the year, else the listing day (with the year when the feed gave one)', () => {
    expect(paperDate(ingested)).toEqual({ kind: 'published', text: 'Nov 30, 2026' });
    expect(paperDate({ ...ingested, publishedAt: null })).toEqual({ kind: 'listed', text: 'Dec 1, 2026' });
    expect(paperDate(seed)).toEqual({ kind: 'listed', text: 'Mar 14' });
    expect(paperDate({ ...seed, listedOn: null })).toBeNull();
    expect(paperDate({ ...seed, publishedAt: 'not a date' })).toEqual({ kind: 'listed', text: 'Mar 14' });
  });

  it('search results: authors, date, arXiv, Hugging Face and code links; the title links the Hugging Face paper page', () => {
    const index = buildSearchIndex([seed, ingested]);
    const message = renderSearchResults(searchPapers(index, 'diffusion', { limit: 5 }), { query: 'diffusion', offset: 0 });
    const blocks = texts(message);
    expect(blocks).toContain('A. Lovelace, J.-P. Serre et al.');
    expect(blocks).toContain('Published Nov 30, 2026');
    expect(blocks).toContain('<https://arxiv.org/abs/2611.20001|arXiv>');
    expect(blocks).toContain('<https://huggingface.co/papers/2611.20001|Hugging Face>');
    expect(blocks).toContain('<https://github.com/org/diffuse|Code>');
    expect(blocks).toContain('<https://huggingface.co/papers/2611.20001|Ingested Paper on Diffusion>');
    // The seed paper: no authors, the listing day without a year, no arXiv links, its code link.
    expect(blocks).toContain('Listed Mar 14');
    expect(blocks).toContain('<https://github.com/seed/repo|Code>');
    expect(blocks.match(/arxiv\.org\/abs/g)).toHaveLength(1);
    expect(findLimitViolations(message)).toEqual([]);
  });

  it('a shared paper: the same details; a search link only when the arXiv id is unknown', () => {
    const shared = texts(renderSharedPaper(ingested, 'U0USER'));
    expect(shared).toContain('Shared by <@U0USER>  ·  A. Lovelace, J.-P. Serre et al.  ·  Published Nov 30, 2026  ·  <https://arxiv.org/abs/2611.20001|arXiv>  ·  <https://huggingface.co/papers/2611.20001|Hugging Face>  ·  <https://github.com/org/diffuse|Code>');
    expect(shared).not.toContain('Find on Hugging Face');
    const sharedSeed = texts(renderSharedPaper(seed, 'U0USER'));
    expect(sharedSeed).toContain('Listed Mar 14');
    expect(sharedSeed).toContain('|Find on Hugging Face>');
    expect(sharedSeed).not.toContain('arxiv.org');
  });

  it('a digest: authors and links under the reason, which gives the publication date', () => {
    const item: DigestItem = {
      paper: ingested,
      score: 2,
      relevance: 0,
      trending: { votes: 0, voteCount: 0, sourceUpvotes: 1.8, recency: 0.9, listedDaysAgo: 1, total: 2.7 },
      matches: [],
      centrality: 0.5,
      centralTo: 'corpus',
    };
    const message = renderDigestMessage({ selection: { topics: [], items: [item] }, digestDate: '2026-12-01', schedule: null });
    const blocks = texts(message);
    expect(blocks).toContain('_Why:_ 40 upvotes on Hugging Face · published Nov 30, 2026');
    expect(blocks).toContain('A. Lovelace, J.-P. Serre et al.  ·  <https://arxiv.org/abs/2611.20001|arXiv>  ·  <https://huggingface.co/papers/2611.20001|Hugging Face>  ·  <https://github.com/org/diffuse|Code>');
    expect(findLimitViolations(message)).toEqual([]);
  });

  it('escapes hostile author names and never links an arXiv id that is not one', () => {
    const hostile: Paper = { ...ingested, arxivId: '2611.20001/../<!channel>', authors: ['<!channel> & <@U0EVE>', 'Eve <https://evil.example|x>', 'C'] };
    for (const message of [
      renderSharedPaper(hostile, 'U0USER'),
      renderSearchResults(searchPapers(buildSearchIndex([hostile]), 'diffusion', { limit: 5 }), { query: 'diffusion', offset: 0 }),
    ]) {
      expect(findUnsafeStrings(message, { users: ['U0USER'] })).toEqual([]);
      expect(texts(message)).toContain('&lt;!channel&gt; &amp; &lt;@U0EVE&gt;');
      expect(texts(message)).not.toContain('arxiv.org/abs');
    }
  });
});
