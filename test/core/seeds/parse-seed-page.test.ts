import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src/core/seeds/build-corpus.js';
import { parseSeedPage } from '../../../src/core/seeds/parse-seed-page.js';

const ABSTRACT = 'We study a problem that matters. '.repeat(6).trim();

describe('parseSeedPage', () => {
  it('reads the daily layout: chrome, a listing date, blank-line separated pairs', () => {
    const page = [
      'new', '', 'Get trending papers in your email inbox!', '', 'Subscribe', '',
      'byAK and the research community', '', 'Mar 14', '',
      'First Paper Title', '', ABSTRACT, '',
      'Second: A Title', '', ABSTRACT,
    ].join('\n');
    const parsed = parseSeedPage(page, 'daily.txt');
    expect(parsed.problems).toEqual([]);
    expect(parsed.listedOn).toEqual({ month: 3, day: 14 });
    expect(parsed.entries.map((e) => [e.rawTitle, e.line, e.listedOn])).toEqual([
      ['First Paper Title', 11, { month: 3, day: 14 }],
      ['Second: A Title', 15, { month: 3, day: 14 }],
    ]);
  });

  it('reads the subscription layout: no blank lines, no date, "Subscribe" glued to the first title', () => {
    const page = [
      'Get trending papers in your email inbox once a day!',
      'Get trending papers in your email inbox!',
      'SubscribeFlexible Model Aggregation for Quantile Regression',
      ABSTRACT,
      'Subscribe to Nothing: A Title That Starts With the Word',
      ABSTRACT,
    ].join('\n');
    const parsed = parseSeedPage(page, 'sub.txt');
    expect(parsed.problems).toEqual([]);
    expect(parsed.listedOn).toBeNull();
    // Only the chrome's glued "Subscribe" is stripped, not a title that happens to start with the word.
    expect(parsed.entries.map((e) => e.rawTitle)).toEqual([
      'Flexible Model Aggregation for Quantile Regression',
      'Subscribe to Nothing: A Title That Starts With the Word',
    ]);
    expect(parsed.entries[0]!.line).toBe(3);
  });

  it('reports a title without an abstract with file and line, and keeps the paper', () => {
    const page = ['Mar 12', 'Lonely Title', 'Next Title', ABSTRACT].join('\n');
    const parsed = parseSeedPage(page, 'odd.txt');
    expect(parsed.entries.map((e) => [e.rawTitle, e.rawAbstract === ''])).toEqual([
      ['Lonely Title', true],
      ['Next Title', false],
    ]);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ file: 'odd.txt', line: 2, message: expect.stringContaining('not an abstract') }),
    ]);
  });

  it('reports an abstract where a title should be rather than taking it as a title', () => {
    const page = ['A Title', ABSTRACT, ABSTRACT + ' More words so it is long.', 'Last Title', ABSTRACT].join('\n');
    const parsed = parseSeedPage(page, 'odd.txt');
    expect(parsed.entries.map((e) => e.rawTitle)).toEqual(['A Title', 'Last Title']);
    expect(parsed.problems).toEqual([expect.objectContaining({ file: 'odd.txt', line: 3 })]);
  });

  it('reports a title left at the end of the page', () => {
    const parsed = parseSeedPage(['T1', ABSTRACT, 'Cut Off Title'].join('\n'), 'end.txt');
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('end of the page') })]);
  });

  it('accepts Windows line endings', () => {
    const parsed = parseSeedPage(['Mar 18', 'Title', ABSTRACT].join('\r\n'), 'crlf.txt');
    expect(parsed.entries[0]).toMatchObject({ rawTitle: 'Title', rawAbstract: ABSTRACT, listedOn: { month: 3, day: 18 } });
  });
});

describe('pages that are not listing pages', () => {
  const abstract = 'An abstract long enough to read as one, '.repeat(4);
  it('a page with the chrome is recognised; lines that merely pair up are not a listing page', () => {
    expect(parseSeedPage(`Subscribe\n\nMar 14\n\nA title\n\n${abstract}\n`, 'real.txt').recognised).toBe(true);
    expect(parseSeedPage(`SubscribeA title\n${abstract}\n`, 'subscription.txt').recognised).toBe(true);
    expect(parseSeedPage(`A title\n${abstract}\nAnother\n${abstract}\n`, 'junk.txt').recognised).toBe(false);
  });

  it('buildCorpus indexes nothing from an unrecognised page and names it', () => {
    const corpus = buildCorpus([
      { file: 'junk.txt', text: `A title\n${abstract}\n` },
      { file: 'real.txt', text: `Mar 14\n\nReal title\n\n${abstract}\n` },
    ]);
    expect(corpus.papers.map((p) => p.title)).toEqual(['Real title']);
    expect(corpus.refusedPages).toEqual(['junk.txt']);
    expect(corpus.problems).toContainEqual(expect.objectContaining({ file: 'junk.txt', message: expect.stringContaining('not a paper listing page') }));
  });
});
