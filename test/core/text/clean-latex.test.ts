import { describe, expect, it } from 'vitest';
import { cleanLatex } from '../../../src/core/text/clean-latex.js';
import { extractLinks } from '../../../src/core/text/links.js';
import { foldAccents, titleKey } from '../../../src/core/text/normalize.js';

describe('cleanLatex', () => {
  it.each([
    ['Schr\\"odinger Bridges', 'Schrödinger Bridges'],
    ['Schr\\"{o}dinger', 'Schrödinger'],
    ['na\\"{\\i}vely', 'naïvely'],
    ['na\\"ive', 'naïve'],
    ["Fr\\'echet mean and Mat\\'ern kernels", 'Fréchet mean and Matérn kernels'],
    ['Rozi\\`ere et al.', 'Rozière et al.'],
    ['H\\"older continuous', 'Hölder continuous'],
    ['up to 3.32\\% and 5\\%', 'up to 3.32% and 5%'],
    ['descent \\& Hessian', 'descent & Hessian'],
    ['a {\\em weighting vector} and {\\sc LegendreTron} in {\\it single-loop}', 'a weighting vector and LegendreTron in single-loop'],
    ['One-step Diffusion with $f$-Divergence', 'One-step Diffusion with f-Divergence'],
    ['the means \\mu_i within \\varepsilon', 'the means μ_i within ε'],
    ['their \\( O(n^3) \\) time complexity', 'their O(n^3) time complexity'],
    ['gradient field (\\aka, score), \\ie, the', 'gradient field (a.k.a., score), i.e., the'],
    ['estimation~(NCE) has', 'estimation (NCE) has'],
    ['takes only 1{\\varepsilon^{O(k)}} samples', 'takes only 1ε^O(k) samples'],
    ['\\Omega and \\omega and \\sigma', 'Ω and ω and σ'],
  ])('%s', (raw, clean) => {
    expect(cleanLatex(raw)).toBe(clean);
  });

  it('leaves text it does not understand rather than losing words', () => {
    expect(cleanLatex('a \\unknowncommand here')).toBe('a \\unknowncommand here');
    expect(cleanLatex('plain text, no LaTeX at all.')).toBe('plain text, no LaTeX at all.');
  });

  it('keeps link text glued to a URL for the link extractor', () => {
    expect(cleanLatex('at https://github.com/a/b{here}.')).toBe('at https://github.com/a/b{here}.');
  });
});

describe('normalisation', () => {
  it('folds accents without a table', () => {
    expect(foldAccents('Schrödinger, naïve, Fréchet, Rozière')).toBe('Schrodinger, naive, Frechet, Roziere');
  });

  it('gives near-duplicate titles the same key', () => {
    expect(titleKey('One-step Diffusion Models with $f$-Divergence')).toBe(titleKey('One-step diffusion models with f-Divergence'));
    expect(titleKey('Schr\\"odinger Bridge')).toBe(titleKey('Schrödinger  Bridge'));
    expect(titleKey('A Title')).not.toBe(titleKey('A Titles'));
  });
});

describe('extractLinks', () => {
  it('separates code repositories from other pages and tidies LaTeX and punctuation', () => {
    const text = 'Code: https://github.com/xuke225/EQ-Net.git{https://github.com/xuke225/EQ-Net}. '
      + 'Also https://github.com/kleinzcy/Cr-KD-NCD{here}. Project page https://sled-group.github.io/InfEdit/ '
      + 'and www.github.com/looooongChen/sortedAP. Data at https://ophai.hms.harvard.edu/datasets/x.';
    expect(extractLinks(text)).toEqual({
      codeLinks: [
        'https://github.com/xuke225/EQ-Net',
        'https://github.com/kleinzcy/Cr-KD-NCD',
        'https://www.github.com/looooongChen/sortedAP',
      ],
      otherLinks: ['https://sled-group.github.io/InfEdit', 'https://ophai.hms.harvard.edu/datasets/x'],
    });
  });

  it('finds nothing in text without links', () => {
    expect(extractLinks('no links here, only github as a word')).toEqual({ codeLinks: [], otherLinks: [] });
  });
});
