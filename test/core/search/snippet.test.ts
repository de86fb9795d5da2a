import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/search/analyzer.js';
import { makeSnippet } from '../../../src/core/search/snippet.js';

const join = (parts: readonly { text: string }[]): string => parts.map((p) => p.text).join('');

const LONG =
  'We study neural networks at large. Training is costly and much prior work looks at other things entirely, ' +
  'such as optimisers and data. Here we show that Quantized diffusion models keep their quality when weights are quantizing to four bits, ' +
  'which makes sampling cheaper. We close with a long discussion of limitations and future work that goes on for a while.';

describe('makeSnippet', () => {
  it('returns short text whole, with matched words (any form) flagged', () => {
    const parts = makeSnippet('Quantized diffusion, and quantization.', analyze('quantization'), 200);
    expect(parts).toEqual([
      { text: 'Quantized', match: true },
      { text: ' diffusion, and ', match: false },
      { text: 'quantization', match: true },
      { text: '.', match: false },
    ]);
  });

  it('windows long text around the densest matches, cut at word boundaries with ellipses', () => {
    const parts = makeSnippet(LONG, analyze('quantization diffusion'), 120);
    const text = join(parts);
    expect(text.length).toBeLessThanOrEqual(120);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Quantized', 'diffusion', 'quantizing']);
    // No word is cut in half: every piece between the ellipses is a run of whole words of the original.
    expect(LONG).toContain(text.slice(1, -1));
    expect(LONG).toMatch(new RegExp(`\\s${text.slice(1, 8)}`));
  });

  it('without any match shows the start of the text', () => {
    const text = join(makeSnippet(LONG, ['zzz'], 60));
    expect(text.startsWith('We study')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(60);
  });

  it('never exceeds maxChars and only flags real matches (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 300 }), fc.array(fc.constantFrom<string>('model', 'diffus', 'a'), { maxLength: 3 }), (text, max, terms) => {
        const parts = makeSnippet(text, terms, max);
        expect(join(parts).length).toBeLessThanOrEqual(max);
        for (const p of parts.filter((x) => x.match)) expect(analyze(p.text).some((t) => terms.includes(t))).toBe(true);
      }),
    );
  });
});

describe('makeSnippet on real abstracts', () => {
  it('flags exactly the words whose analysis holds a wanted term (the first-letter shortcut never misses one)', async () => {
    const { loadSeedCorpus } = await import('../../../src/corpus/load-seeds.js');
    const { papers } = await loadSeedCorpus();
    const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-‐‑–][\p{L}\p{N}\p{M}]+)*/gu;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: papers.length - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (i, picks) => {
        const text = `${papers[i]!.title} ${papers[i]!.abstract}`.replace(/\s+/g, ' ').trim();
        const terms = analyze(text);
        const wanted = picks.map((k) => terms[k % terms.length]!);
        const expected = [...text.matchAll(WORD)].filter((m) => analyze(m[0]).some((t) => wanted.includes(t))).map((m) => m[0]);
        const flagged = makeSnippet(text, wanted, 100_000).filter((p) => p.match).flatMap((p) => [...p.text.matchAll(WORD)].map((m) => m[0]));
        expect(flagged).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
