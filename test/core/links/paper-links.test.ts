import { describe, expect, it } from 'vitest';
import { paperLinkArxivId } from '../../../src/core/links/paper-links.js';

describe('paperLinkArxivId', () => {
  it('reads the arXiv id from every abs, pdf and Hugging Face form, with or without vN and .pdf', () => {
    for (const url of [
      'https://arxiv.org/abs/2403.12345', 'https://arxiv.org/abs/2403.12345v2', 'http://arxiv.org/abs/2403.12345/',
      'https://arxiv.org/pdf/2403.12345', 'https://arxiv.org/pdf/2403.12345v2', 'https://arxiv.org/pdf/2403.12345.pdf',
      'https://arxiv.org/pdf/2403.12345v10.pdf', 'https://www.arxiv.org/abs/2403.12345?context=cs', 'https://huggingface.co/papers/2403.12345',
      'https://huggingface.co/papers/2403.12345#community',
    ]) {
      expect(paperLinkArxivId(url), url).toBe('2403.12345');
    }
    expect(paperLinkArxivId('https://arxiv.org/abs/hep-th/9901001v1')).toBe('hep-th/9901001');
    expect(paperLinkArxivId('https://arxiv.org/pdf/math.GT/0309136.pdf')).toBe('math.GT/0309136');
    expect(paperLinkArxivId('https://arxiv.org/abs/1501.0001')).toBe('1501.0001');
  });

  it('is null for anything else', () => {
    for (const url of [
      'https://arxiv.org/list/cs.LG/recent', 'https://arxiv.org/abs/', 'https://arxiv.org/abs/2403.123', 'https://arxiv.org/abs/2403.12345v',
      'https://huggingface.co/papers', 'https://huggingface.co/papers/2403.12345/discussion', 'https://huggingface.co/models/2403.12345',
      'https://example.org/abs/2403.12345', 'https://arxiv.org.evil.example/abs/2403.12345', 'ftp://arxiv.org/abs/2403.12345', 'not a url', '',
    ]) {
      expect(paperLinkArxivId(url), url).toBeNull();
    }
  });
});
