import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery } from '../../../src/core/search/parse-query.js';

describe('parseQuery', () => {
  it('reads plain words, "phrases" and -exclusions', () => {
    expect(parseQuery('Diffusion "linear mode connectivity" -image quantization')).toEqual({
      terms: ['diffusion', 'quantization'],
      phrases: ['linear mode connectivity'],
      excluded: ['image'],
      isEmpty: false,
    });
  });

  it('reads smart quotes from Slack and macOS as quotes, and en/em dashes as exclusions', () => {
    expect(parseQuery('“one step” —image –video')).toMatchObject({ phrases: ['one step'], excluded: ['image', 'video'] });
  });

  it('an unbalanced quote opens a phrase running to the end', () => {
    expect(parseQuery('gan "style transfer')).toMatchObject({ terms: ['gan'], phrases: ['style transfer'] });
  });

  it('a one-word phrase is a word; stray punctuation and stop words are dropped', () => {
    expect(parseQuery('"diffusion" ?? , the - --')).toEqual({ terms: ['diffusion'], phrases: [], excluded: [], isEmpty: false });
  });

  it('keeps hyphenated words whole as terms (the analyzer expands them)', () => {
    expect(parseQuery('one-step')).toMatchObject({ terms: ['one-step'], excluded: [] });
  });

  it.each(['', '   ', 'the of and', '""', '“ ”', '-diffusion', '!!! ...'])('%j is empty', (q) => {
    expect(parseQuery(q).isEmpty).toBe(true);
  });

  it.each([
    ['"the cat"', ['cat']],
    ['"-dropout"', ['dropout']],
    ['"  of  Transformers "', ['transformers']],
  ])('a one-word phrase %j is that word', (q, terms) => {
    const parsed = parseQuery(q);
    expect(parsed).toMatchObject({ terms, phrases: [], excluded: [] });
    expect(parseQuery(formatQuery(parsed))).toEqual(parsed);
  });

  it('never throws, and a formatted query parses back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const parsed = parseQuery(text);
        expect(parseQuery(formatQuery(parsed))).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });
});
