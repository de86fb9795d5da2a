import { describe, expect, it } from 'vitest';
import { decodeSlackEntities, droppedMarkupNote, readCommandText } from '../../../src/core/search/slack-command-text.js';

describe('readCommandText', () => {
  it('decodes Slack\'s three entities once: what the user typed, never a second decoding', () => {
    expect(readCommandText('PA&amp;DA').text).toBe('PA&DA');
    expect(readCommandText('a &lt;b&gt; c').text).toBe('a <b> c');
    // The user typed "&lt;" literally; Slack sent "&amp;lt;".
    expect(readCommandText('&amp;lt;').text).toBe('&lt;');
    expect(decodeSlackEntities('&quot; &amp;amp;')).toBe('&quot; &amp;');
  });

  it('drops mentions, channels and specials, counting them', () => {
    const read = readCommandText('<@U123> <@U9|bob> <#C1|x> <#C2> <!here> <!channel> <!subteam^S1|@ml> diffusion');
    expect(read.text).toBe('diffusion');
    expect(read.dropped).toEqual({ users: 2, channels: 2, specials: 3, bareLinks: 0 });
    expect(droppedMarkupNote(read)).toBe('Left out 2 mentions of people, 2 channels and 3 group mentions (@here, @channel...): /papers searches words.');
  });

  it('keeps a link\'s label as text, decoded; a bare link is dropped, not searched as https x y', () => {
    expect(readCommandText('<https://x.y|z>').text).toBe('z');
    expect(readCommandText('<http://a.org|PA&amp;DA> models').text).toBe('PA&DA models');
    const bare = readCommandText('<https://x.y> diffusion');
    expect(bare.text).toBe('diffusion');
    expect(bare.dropped.bareLinks).toBe(1);
  });

  it('keeps a paper link as its URL for search to read, with its label only when that says more', () => {
    for (const raw of ['<https://arxiv.org/abs/2401.12345v2|arxiv.org/abs/2401.12345v2>', '<https://arxiv.org/abs/2401.12345v2>']) {
      const read = readCommandText(raw);
      expect(read.text).toBe('https://arxiv.org/abs/2401.12345v2');
      expect(droppedMarkupNote(read)).toBeNull();
    }
    expect(readCommandText('<https://huggingface.co/papers/2401.12345> more').text).toBe('https://huggingface.co/papers/2401.12345 more');
    expect(readCommandText('<https://arxiv.org/pdf/2401.12345|Sparse &amp; fast>').text).toBe('https://arxiv.org/pdf/2401.12345 Sparse & fast');
    // Any other link is still its label, or dropped when it has none.
    expect(readCommandText('<https://evil.example/abs/2401.12345>').dropped.bareLinks).toBe(1);
  });

  it('leaves text without markup alone, and says nothing', () => {
    const read = readCommandText('  "linear mode connectivity" -video ');
    expect(read.text).toBe('"linear mode connectivity" -video');
    expect(droppedMarkupNote(read)).toBeNull();
  });
});
