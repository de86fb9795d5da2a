import { describe, expect, it } from 'vitest';
import { findLimitViolations, lengthOf, truncate } from '../../../src/core/blocks/limits.js';
import { escapeText, mrkdwnLink } from '../../../src/core/blocks/mrkdwn.js';
import { decodePageRequest, encodePageRequest } from '../../../src/core/blocks/page-value.js';
import { NASTY_QUERY } from './nasty-papers.js';

describe('truncate', () => {
  it('leaves short text alone and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('a'.repeat(200), 150);
    expect(lengthOf(cut)).toBe(150);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('counts code points, never splitting a surrogate pair', () => {
    const cut = truncate('🧪'.repeat(100), 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut).toBe(`${'🧪'.repeat(9)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('escapeText', () => {
  it('escapes only & < > (once), keeps every other character, and blanks control characters', () => {
    const out = escapeText('a & b < c > d *bold* soft_max ~s~ `c` &amp;\u0007');
    expect(out).toBe('a &amp; b &lt; c &gt; d *bold* soft_max ~s~ `c` &amp;amp; ');
  });

  it('keeps a link label from ending early at a pipe or injecting markup', () => {
    const link = mrkdwnLink('https://x.test/?q=a b', 'A | B <@U1>');
    expect(link).toBe('<https://x.test/?q=a%20b|A ∣ B &lt;@U1&gt;>');
  });
});

describe('page value', () => {
  it('round-trips a search page and a similar page', () => {
    expect(decodePageRequest(encodePageRequest({ kind: 'search', query: 'diffusion "x"', offset: 5 }))).toEqual({ kind: 'search', query: 'diffusion "x"', offset: 5 });
    expect(decodePageRequest(encodePageRequest({ kind: 'similar', paperId: 'p1', offset: 10 }))).toEqual({ kind: 'similar', paperId: 'p1', offset: 10 });
  });

  it('cuts a huge query so the button value fits in 2,000 chars', () => {
    for (const query of [NASTY_QUERY, '"'.repeat(3000), '\u0001'.repeat(3000)]) {
      const value = encodePageRequest({ kind: 'search', query, offset: 5 });
      expect(value.length).toBeLessThanOrEqual(2000);
      const decoded = decodePageRequest(value);
      expect(decoded?.kind).toBe('search');
      expect(query.startsWith(decoded?.kind === 'search' ? decoded.query : '!')).toBe(true);
    }
  });

  it('rejects values it did not make', () => {
    for (const value of [undefined, '', 'nope', '{"k":"q","q":1,"o":0}', '{"k":"q","q":"a","o":-1}', '{"k":"z","o":0}']) {
      expect(decodePageRequest(value)).toBeNull();
    }
  });
});

describe('findLimitViolations', () => {
  it('catches each kind of violation', () => {
    const violations = findLimitViolations({
      text: '',
      blocks: [
        ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'section', block_id: 'x', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
        { type: 'section', block_id: 'x', text: { type: 'mrkdwn', text: 'ok' } },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, action_id: 'a'.repeat(256), value: 'v'.repeat(2001) }] },
      ],
    });
    const paths = violations.map((v) => `${v.path}: ${v.problem}`).join('\n');
    expect(paths).toMatch(/^text: fallback text missing/m);
    expect(paths).toMatch(/^blocks: 54 blocks > 50/m);
    expect(paths).toMatch(/blocks\[50\]\.text\.text/);
    expect(paths).toMatch(/blocks\[51\]\.text\.text/);
    expect(paths).toMatch(/blocks\[52\]\.block_id: duplicate/);
    expect(paths).toMatch(/elements\[0\]\.text\.text/);
    expect(paths).toMatch(/elements\[0\]\.action_id/);
    expect(paths).toMatch(/elements\[0\]\.value/);
  });
});

describe('mrkdwnLink', () => {
  it('keeps a query string working: & in the URL is an entity Slack decodes, not %26', () => {
    expect(mrkdwnLink('https://x.test/?a=1&b=2', 'A & B')).toBe('<https://x.test/?a=1&amp;b=2|A &amp; B>');
  });
});
