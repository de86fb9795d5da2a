import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, splitWords } from '../../../src/core/search/analyzer.js';

describe('analyze', () => {
  it('folds accents and case, drops stop words, stems word forms', () => {
    expect(analyze('The Schrödinger bridges of Quantized models')).toEqual(['schroding', 'bridg', 'quantiz', 'model']);
    expect(analyze('quantization quantizing quantize')).toEqual(['quantiz', 'quantiz', 'quantiz']);
  });

  it('expands hyphenated compounds into parts and the joined word, so every spelling meets', () => {
    expect(splitWords('One-step f‑Divergence')).toEqual(['one', 'step', 'onestep', 'f', 'divergence', 'fdivergence']);
    const compound = new Set(analyze('one-step'));
    for (const term of [...analyze('one step'), ...analyze('onestep')]) expect(compound.has(term)).toBe(true);
  });

  it('splits non-Latin scripts on Unicode word boundaries and keeps numbers', () => {
    expect(analyze('Трансформер, 2024 GPT-4')).toEqual(['трансформер', '2024', 'gpt', '4', 'gpt4']);
  });

  it('analyzing is stable: terms of terms are themselves (idempotent on its output words)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const terms = analyze(text);
        for (const t of terms) expect(t).toBe(t.toLowerCase());
        expect(analyze(text)).toEqual(terms);
      }),
    );
  });
});
