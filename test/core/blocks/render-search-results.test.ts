import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../../src/core/blocks/limits.js';
import { decodePageRequest } from '../../../src/core/blocks/page-value.js';
import { renderSearchResults } from '../../../src/core/blocks/render-search-results.js';
import type { Paper } from '../../../src/core/paper.js';
import type { ParsedQuery, SearchHit, SearchOutcome } from '../../../src/core/search/search-types.js';
import { buildSearchIndex, searchPapers } from '../../../src/core/search/search-index.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';
import { NASTY_QUERY, nastyPapers } from './nasty-papers.js';

const parsed = (terms: string[]): ParsedQuery => ({ terms, phrases: [], excluded: [], isEmpty: terms.length === 0 });
const hit = (paper: Paper, matchedTerms: string[]): SearchHit => ({ paper, score: 1, matchedTerms });
const results = (hits: SearchHit[], total: number): SearchOutcome => ({ kind: 'results', query: parsed(['x']), hits, total });

type Blocks = { type: string; block_id?: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[]; accessory?: { action_id: string; value: string } }[];
const buttons = (blocks: unknown) =>
  (blocks as Blocks).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]).filter((e) => e.action_id !== undefined);

describe('renderSearchResults', () => {
  it('renders every seed paper within Slack limits, five at a time', async () => {
    const { papers } = await loadSeedCorpus();
    for (let offset = 0; offset < papers.length; offset += 5) {
      const page = papers.slice(offset, offset + 5).map((p) => hit(p, p.title.toLowerCase().split(/\W+/).slice(0, 2)));
      const message = renderSearchResults(results(page, papers.length), { query: 'diffusion quantization', offset });
      expect(findLimitViolations(message), `offset ${offset}`).toEqual([]);
    }
  });

  it('says when the answer is partial (the query was cut off at its work budget)', async () => {
    const { papers } = await loadSeedCorpus();
    const outcome: SearchOutcome = { kind: 'results', query: parsed(['x']), hits: [hit(papers[0]!, ['x'])], total: 1, partial: 'left out: <model> & co' };
    const message = renderSearchResults(outcome, { query: 'x', offset: 0 });
    expect(message.text).toContain('partial answer: left out');
    const context = JSON.stringify(message.blocks);
    expect(context).toContain('Partial answer: left out: &lt;model&gt; &amp; co.');
    const whole = renderSearchResults(results([hit(papers[0]!, ['x'])], 1), { query: 'x', offset: 0 });
    expect(JSON.stringify(whole)).not.toMatch(/partial/i);
  });

  it('keeps nasty papers and a 2,000-char query inside the limits', () => {
    const papers = nastyPapers();
    const page = [...papers, papers[0]!].map((p, i) => hit({ ...p, id: `${p.id}-${i}` }, ['diffusion', 'quantization', '*b*']));
    for (const query of [NASTY_QUERY, 'diffusion']) {
      const message = renderSearchResults(results(page, 100), { query, offset: 0 });
      expect(findLimitViolations(message)).toEqual([]);
      const similar = renderSearchResults(results(page, 100), { query, offset: 0, similarTo: papers[0]! });
      expect(findLimitViolations(similar)).toEqual([]);
    }
    const none = renderSearchResults({ kind: 'no-results', query: parsed(['x']), suggestion: NASTY_QUERY }, { query: NASTY_QUERY, offset: 0 });
    expect(findLimitViolations(none)).toEqual([]);
  });

  it('quotes a plain query in the fallback text, and shows a phrase query as typed', async () => {
    const { papers } = await loadSeedCorpus();
    const page = [hit(papers[0]!, [])];
    expect(renderSearchResults(results(page, 1), { query: 'diffusion', offset: 0 }).text).toMatch(/^Papers for "diffusion" \(1–1 of 1\)/);
    expect(renderSearchResults(results(page, 1), { query: '"linear mode connectivity"', offset: 0 }).text).toMatch(/^Papers for "linear mode connectivity" \(1–1 of 1\)/);
  });

  it('shows a linked title, the snippet with matched words in bold, listing date and code link', () => {
    const [, markup] = nastyPapers();
    const paper: Paper = { ...markup!, title: 'Quantized Diffusion Models', abstract: 'We study diffusion models under quantization today' };
    // Matched terms come from the real search (they are analysed stems, not the words typed).
    const outcome = searchPapers(buildSearchIndex([paper, ...nastyPapers().slice(2)]), 'diffusion quantization', { limit: 5 });
    expect(outcome.kind).toBe('results');
    const top = outcome.kind === 'results' ? outcome.hits.filter((h) => h.paper.id === paper.id) : [];
    expect(top).toHaveLength(1);
    const message = renderSearchResults(results(top, 1), { query: 'diffusion quantization', offset: 0 });
    const section = (message.blocks as Blocks).find((b) => b.block_id?.startsWith('paper_1_'))!.text!.text;
    expect(section).toContain('*<https://huggingface.co/papers?q=Quantized%20Diffusion%20Models|Quantized Diffusion Models>*');
    expect(section).toMatch(/\*diffusion\*/);
    expect(section).toMatch(/\*quantization\*/);
    expect(section).toContain('Listed Mar 14');
    expect(section).toContain('<https://github.com/a/b_c*d|Code>');
    expect(message.text).toContain('Quantized Diffusion Models');
  });

  it('escapes corpus text so it cannot format, mention or link', () => {
    const [, markup] = nastyPapers();
    const message = renderSearchResults(results([hit(markup!, [])], 1), { query: '<!channel> *x*', offset: 0 });
    const all = JSON.stringify(message.blocks);
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<script>');
    expect(all).toContain('&lt;!here&gt;');
  });

  it('offers Share and More like this per paper, and Next 5 only when more results exist', () => {
    const papers = nastyPapers();
    const page = papers.map((p) => hit(p, []));
    const more = renderSearchResults(results(page, 12), { query: 'diffusion', offset: 5 });
    const found = buttons(more.blocks);
    expect(found.filter((b) => b.action_id === ACTION_IDS.share).map((b) => b.value)).toEqual(papers.map((p) => p.id));
    expect(found.filter((b) => b.action_id === ACTION_IDS.moreLikeThis)).toHaveLength(papers.length);
    const next = found.find((b) => b.action_id === ACTION_IDS.nextPage);
    expect(decodePageRequest(next?.value)).toEqual({ kind: 'search', query: 'diffusion', offset: 9 });
    expect(JSON.stringify(more.blocks)).toContain('6–9 of 12');

    const last = renderSearchResults(results(page, 9), { query: 'diffusion', offset: 5 });
    expect(buttons(last.blocks).some((b) => b.action_id === ACTION_IDS.nextPage)).toBe(false);

    const similar = renderSearchResults(results(page, 12), { query: 'ignored', offset: 0, similarTo: papers[0]! });
    const similarNext = buttons(similar.blocks).find((b) => b.action_id === ACTION_IDS.nextPage);
    expect(decodePageRequest(similarNext?.value)).toEqual({ kind: 'similar', paperId: papers[0]!.id, offset: 4 });
  });

  it('says when nothing matched, with a "Did you mean" button when there is a suggestion', () => {
    const withSuggestion = renderSearchResults({ kind: 'no-results', query: parsed(['difusion']), suggestion: 'diffusion' }, { query: 'difusion', offset: 0 });
    expect(withSuggestion.text).toBe('No papers match "difusion". Did you mean "diffusion"?');
    const suggestButton = buttons(withSuggestion.blocks).find((b) => b.action_id === ACTION_IDS.nextPage);
    expect(decodePageRequest(suggestButton?.value)).toEqual({ kind: 'search', query: 'diffusion', offset: 0 });

    const bare = renderSearchResults({ kind: 'no-results', query: parsed(['zzz']), suggestion: null }, { query: 'zzz', offset: 0 });
    expect(bare.text).toBe('No papers match "zzz".');
    expect(findLimitViolations(bare)).toEqual([]);
  });

  it('answers an empty or stop-word-only query with the usage help', () => {
    for (const query of ['', 'the of']) {
      const message = renderSearchResults({ kind: 'empty-query', query: parsed([]) }, { query, offset: 0 });
      expect(message.text).toContain('/papers subscribe &lt;topics&gt;');
      expect(findLimitViolations(message)).toEqual([]);
    }
  });
});

describe('renderSearchResults, a quoted phrase no paper holds', () => {
  it('shows the papers for its words and says the exact phrase had no match', async () => {
    const index = buildSearchIndex((await loadSeedCorpus()).papers);
    const query = '"diffusion for video"';
    const message = renderSearchResults(searchPapers(index, query), { query, offset: 0 });
    const sentence = 'No paper has the exact phrase "diffusion for video"; these papers match its words.';
    expect(message.text).toContain(sentence);
    expect(message.text).toMatch(/\n1\. /);
    const context = (message.blocks as Blocks).find((b) => b.type === 'context') as { elements: { text: string }[] } | undefined;
    expect(context?.elements[0]!.text).toBe(sentence);
    expect(findLimitViolations(message)).toEqual([]);
    const held = renderSearchResults(searchPapers(index, '"diffusion model"'), { query: '"diffusion model"', offset: 0 });
    expect(held.text).not.toContain('exact phrase');
  });
});
