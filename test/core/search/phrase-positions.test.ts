/**
 * Phrase matching from positions against the check it replaced: the paper's text analysed into
 * its stemmed word sequence and searched for the phrase's (the reference below is that code as
 * it stood in search-index.ts). Same papers on the seed corpus, on fixtures, and on random
 * corpora and phrases (fast-check).
 */
import fc from 'fast-check';
import { stemmer } from 'stemmer';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../../../src/core/search/analyzer.js';
import type { Paper } from '../../../src/core/paper.js';
import {
  buildPhrasePositions,
  commonWords,
  createPhrasePositions,
  matchPhrases,
  phraseText,
  type PhrasePositions,
} from '../../../src/core/search/phrase-positions.js';
import { buildSearchIndex, loadSearchIndex, searchPapers, serializeIndex } from '../../../src/core/search/search-index.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

/** The reference: search-index.ts's phraseForm and hasPhrases before positions. */
function referenceForm(text: string): string {
  let out = ' ';
  const words = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  for (const word of words) out += `${/^[a-z]+$/.test(word) ? stemmer(word) : word} `;
  return out;
}

function referenceMatches(texts: readonly string[], phrases: readonly string[]): number[] {
  const forms = phrases.map(referenceForm);
  const out: number[] = [];
  texts.forEach((text, i) => {
    const form = referenceForm(text);
    if (forms.every((phrase) => form.includes(phrase))) out.push(i);
  });
  return out;
}

const matched = (positions: PhrasePositions, phrases: readonly string[]): number[] => Array.from(matchPhrases(positions, phrases).docs);

describe('phrase positions on the seed corpus', () => {
  let papers: readonly Paper[];
  let texts: string[];
  let positions: PhrasePositions;
  beforeAll(async () => {
    papers = (await loadSeedCorpus()).papers;
    texts = papers.map(phraseText);
    positions = buildPhrasePositions(texts);
  });

  it('finds the same papers as the text check for phrases taken from the papers and for made-up ones', () => {
    // Two-to-four-word runs cut from the papers (so most match), shifted ones that may not.
    const phrases: string[] = ['diffusion model', 'state of the art', 'one step', 'large language models', 'of the', 'the', 'zzzz qqqq', 'model diffusion'];
    for (let i = 0; i < papers.length; i += 7) {
      const words = papers[i]!.abstract.split(/\s+/);
      const at = (i * 13) % Math.max(1, words.length - 4);
      phrases.push(words.slice(at, at + 2 + (i % 3)).join(' '));
    }
    let nonEmpty = 0;
    for (const phrase of phrases) {
      const expected = referenceMatches(texts, [phrase]);
      if (expected.length > 0) nonEmpty++;
      expect(matched(positions, [phrase]), phrase).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(phrases.length / 2);
    expect(matched(positions, ['diffusion model', 'image generation'])).toEqual(referenceMatches(texts, ['diffusion model', 'image generation']));
  });

  it('searchPapers keeps exactly the papers holding the phrase, and a snapshot keeps the positions', () => {
    const index = buildSearchIndex(papers);
    const loaded = loadSearchIndex(serializeIndex(index));
    for (const query of ['"diffusion model"', '"state of the art" reasoning', '"large language" -vision']) {
      const a = searchPapers(index, query, { limit: 1000 });
      const b = searchPapers(loaded, query, { limit: 1000 });
      if (a.kind !== 'results' || b.kind !== 'results') throw new Error(`expected results for ${query}`);
      const phrase = /"([^"]+)"/.exec(query)![1]!;
      const holding = new Set(referenceMatches(texts, [phrase]).map((i) => papers[i]!.id));
      expect(a.hits.length).toBeGreaterThan(0);
      for (const hit of a.hits) expect(holding.has(hit.paper.id), `${query}: ${hit.paper.title}`).toBe(true);
      expect(b.hits.map((h) => [h.paper.id, h.score])).toEqual(a.hits.map((h) => [h.paper.id, h.score]));
    }
  });
});

describe('phrase positions on fixtures', () => {
  const texts = [
    'State of the Art . in one-step Diffusion Models . ',
    'Diffusion . models of the art state . ',
    'A Study . the the the of the the . diffusion-model',
    'Schrödinger bridges . Schrodinger bridge 3D 3d-ViT . ',
    '',
    'model model model diffusion model . model . x',
  ];
  const positions = buildPhrasePositions(texts);
  it.each([
    ['state of the art'],
    ['one step'],
    ['onestep'],
    ['diffusion model'],
    ['the the of'],
    ['schrodinger bridge'],
    ['3d vit'],
    ['model model'],
    ['model diffusion model'],
    ['art in one'],
    ['study the'],
    ['...'],
    ['x'],
  ])('%s matches the same papers as the text check', (phrase) => {
    expect(matched(positions, [phrase])).toEqual(referenceMatches(texts, [phrase]));
  });

  it('indexes the pairs of adjacent common words, but not of two stop words, and finds phrases of them through the pairs', () => {
    // Six texts: a word in two of them is common (COMMON_FRACTION 0.3).
    expect(commonWords(positions)).toEqual(expect.arrayContaining(['diffus', 'model', 'the', 'of', 'art', 'state']));
    expect(positions.tokens).toEqual(expect.arrayContaining(['diffus model', 'state of', 'the art', 'model diffus']));
    expect(positions.tokens).not.toContain('of the');
    expect(positions.tokens).not.toContain('the the');
    const none = buildPhrasePositions(texts, { common: [] });
    expect(none.tokens.some((t) => t.includes(' '))).toBe(false);
    for (const phrase of ['state of the art', 'model diffusion model', 'the the of', 'diffusion model']) expect(matched(none, [phrase])).toEqual(matched(positions, [phrase]));
    expect(() => createPhrasePositions({ ...positions, common: Uint32Array.from([positions.tokens.indexOf('diffus model')]) })).toThrow(/common words/);
    expect(() => createPhrasePositions({ ...positions, common: Uint32Array.from([...positions.common].reverse()) })).toThrow(/common words/);
  });

  it('refuses damaged positions', () => {
    const bytes = positions.bytes.slice();
    bytes[bytes.length - 1] = 0xff;
    expect(() => createPhrasePositions({ ...positions, bytes }, { deep: true })).toThrow(/phrase positions are inconsistent/);
    expect(() => createPhrasePositions({ ...positions, documentCount: 2 }, { deep: true })).toThrow(/out of range/);
    expect(() => createPhrasePositions({ ...positions, docCounts: positions.docCounts.map((c) => c + 1) }, { deep: true })).toThrow(/is said to be in/);
    // The shallow check a load does (the file's CRC-32 vouches for the bytes) still sees the layout.
    expect(() => createPhrasePositions({ ...positions, starts: positions.starts.map((v, i) => (i === 1 ? v + 1000 : v)) })).toThrow(/offsets go backwards|do not span/);
    expect(() => createPhrasePositions({ ...positions, tokens: [...positions.tokens].reverse() })).toThrow(/tokens out of order/);
    expect(createPhrasePositions({ ...positions, bytes })).toBeDefined();
  });

  it('stops at the work budget with the papers found so far, all of them true matches', () => {
    const many = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 'the diffusion model works' : 'a model of diffusion'));
    const p = buildPhrasePositions(many);
    const full = matchPhrases(p, ['diffusion model']);
    const cut = matchPhrases(p, ['diffusion model'], 40);
    expect(full.complete).toBe(true);
    expect(full.docs.length).toBe(100);
    expect(cut.complete).toBe(false);
    expect(cut.docs.length).toBeGreaterThan(0);
    expect(cut.docs.length).toBeLessThan(100);
    for (const doc of cut.docs) expect(doc % 2).toBe(0);
  });
});

describe('phrase positions, property tests', () => {
  // Few words, stop words and word forms among them, so random phrases often match.
  const word = fc.constantFrom('the', 'of', 'a', 'model', 'models', 'modeling', 'diffusion', 'art', 'state', 'ünet', 'unet', '3d', 'x', 'one-step', 'step', 'é');
  const separator = fc.constantFrom(' ', ' ', ' ', '-', ', ', '. ', '\n', '(');
  const text = fc.array(fc.tuple(word, separator), { maxLength: 40 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
  const phrase = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([w, s]) => w + s).join(''));

  it('matches exactly the papers the text check matches', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), fc.array(phrase, { minLength: 1, maxLength: 2 }), (texts, phrases) => {
        expect(matched(buildPhrasePositions(texts), phrases)).toEqual(referenceMatches(texts, phrases));
      }),
      { numRuns: 400 },
    );
  });

  it('matches exactly the papers the text check matches with any set of common words (whose pairs are indexed)', () => {
    const tokens = ['the', 'of', 'a', 'model', 'diffus', 'art', 'state', 'unet', '3d', 'x', 'one', 'step', 'e', 'onestep'];
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), fc.array(phrase, { minLength: 1, maxLength: 2 }), fc.subarray(tokens), (texts, phrases, common) => {
        const p = buildPhrasePositions(texts, { common });
        expect(matched(p, phrases)).toEqual(referenceMatches(texts, phrases));
        expect(createPhrasePositions(p, { deep: true })).toBe(p);
      }),
      { numRuns: 300 },
    );
  });

  it('survives the snapshot check unchanged', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), (texts) => {
        const p = buildPhrasePositions(texts);
        expect(createPhrasePositions(p, { deep: true })).toBe(p);
      }),
      { numRuns: 100 },
    );
  });
});
