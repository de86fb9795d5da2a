import { describe, expect, it } from 'vitest';
import { readPaperReferences } from '../../../src/core/search/paper-reference.js';

describe('readPaperReferences', () => {
  it.each([
    '2403.12345',
    '2403.12345v2',
    'arXiv:2403.12345v10',
    'ARXIV:2403.12345',
    'https://arxiv.org/abs/2403.12345v2',
    'http://www.arxiv.org/abs/2403.12345',
    'https://arxiv.org/pdf/2403.12345v1.pdf',
    'https://arxiv.org/pdf/2403.12345',
    'arxiv.org/abs/2403.12345',
    'https://huggingface.co/papers/2403.12345',
    'huggingface.co/papers/2403.12345',
    '(2403.12345),',
  ])('%j names 2403.12345 whatever its version', (text) => {
    expect(readPaperReferences(text)).toEqual({ ids: ['2403.12345'], words: '' });
  });

  it('reads old-style ids, and four-digit numbers of the early new style', () => {
    expect(readPaperReferences('hep-th/9901001v3').ids).toEqual(['hep-th/9901001']);
    expect(readPaperReferences('https://arxiv.org/abs/hep-th/9901001').ids).toEqual(['hep-th/9901001']);
    expect(readPaperReferences('0704.0001').ids).toEqual(['0704.0001']);
  });

  it('keeps the other words as typed, each id once', () => {
    expect(readPaperReferences('2403.12345 "sparse  attention" -video 2403.12345v2 2401.00001')).toEqual({
      ids: ['2403.12345', '2401.00001'],
      words: '"sparse attention" -video',
    });
  });

  it.each(['3.14159', '2413.12345', '1234.123', 'https://evil.example/abs/2403.12345', 'https://arxiv.org/list/cs.LG', 'diffusion 12345', 'v2'])(
    '%j names no paper',
    (text) => {
      expect(readPaperReferences(text).ids).toEqual([]);
    },
  );
});
