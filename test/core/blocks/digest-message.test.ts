import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/core/blocks/action-ids.js';
import { formatDigestDate, MAX_DIGEST_PAPERS, renderDigestMessage, whyItMatched } from '../../../src/core/blocks/digest-message.js';
import { firstSentence } from '../../../src/core/blocks/digest-summary.js';
import { findLimitViolations } from '../../../src/core/blocks/limits.js';
import { selectDigest, type DigestItem, type DigestSelection } from '../../../src/core/digest/select-digest.js';
import { trendingScore } from '../../../src/core/digest/trending.js';
import type { Paper } from '../../../src/core/paper.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';
import { nastyPapers } from './nasty-papers.js';

const NOW = new Date('2026-03-20T08:00:00Z');
const SCHEDULE = { time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' } as const;

type Json = Record<string, any>;
const item = (paper: Paper, matches: DigestItem['matches'] = [], votedAt: Date[] = []): DigestItem => {
  const trending = trendingScore(paper, votedAt, NOW);
  return { paper, score: trending.total, trending, relevance: matches[0]?.relevance ?? 0, matches, centrality: null, centralTo: null };
};
const buttonsOf = (blocks: readonly unknown[]): Json[] =>
  (blocks as Json[]).filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as Json[]);

describe('formatDigestDate and firstSentence', () => {
  it('formats the local date for the header', () => {
    expect(formatDigestDate('2026-11-23')).toBe('Mon 23 Nov');
    expect(formatDigestDate('2026-03-01')).toBe('Sun 1 Mar');
  });
  it('takes the first sentence, skipping abbreviations and decimals', () => {
    expect(firstSentence('We study e.g. diffusion with 3.5 bits. Then more.')).toBe('We study e.g. diffusion with 3.5 bits.');
    expect(firstSentence('Smith et al. show results. Then.')).toBe('Smith et al. show results.');
    expect(firstSentence('No end here')).toBe('No end here');
    const long = firstSentence('word '.repeat(100));
    expect(Array.from(long).length).toBeLessThanOrEqual(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('renderDigestMessage with the real seed corpus', async () => {
  const corpus = await loadSeedCorpus();
  const selection = selectDigest({
    topics: [],
    papers: corpus.papers,
    searchTopic: () => [],
    delivered: new Set(),
    votes: [],
    now: NOW,
    maxPapers: 10,
  }) as DigestSelection;

  it('has a dated header, one section with upvote and save buttons per paper, a footer, and fallback text', () => {
    const message = renderDigestMessage({ selection, digestDate: '2026-03-20', schedule: SCHEDULE });
    expect(findLimitViolations(message)).toEqual([]);
    const blocks = message.blocks as Json[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Trending papers · Fri 20 Mar' } });
    expect(blocks[1]?.['elements'][0].text).toMatch(/^Overall trending papers · 10 papers/);
    const sections = blocks.filter((b) => b['type'] === 'section');
    expect(sections).toHaveLength(10);
    selection.items.forEach((it, i) => {
      const text = sections[i]?.['text'].text as string;
      expect(text).toContain('https://huggingface.co/papers?q=');
      expect(text).toMatch(/_Why:_ Listed Mar 18/);
      if (it.paper.codeLinks.length > 0) expect(text).toContain('|Code>');
    });
    const buttons = buttonsOf(blocks);
    const ids = selection.items.map((it) => it.paper.id);
    expect(buttons.filter((b) => b['action_id'] === ACTION_IDS.vote).map((b) => b['value'])).toEqual(ids);
    expect(buttons.filter((b) => b['action_id'] === ACTION_IDS.save).map((b) => b['value'])).toEqual(ids);
    expect(buttons).toHaveLength(2 * ids.length);
    const footer = blocks.at(-1) as Json;
    expect(footer['type']).toBe('context');
    expect(footer['elements'][0].text).toMatch(/Weekdays at 09:00 `Europe\/Berlin`\. Change it:.*\/papers digest at.*\/papers unsubscribe/);
    expect(message.text).toMatch(/^Trending papers · Fri 20 Mar \(overall trending\):\n1\. /);
    expect(message.text.split('\n')).toHaveLength(11);
  });

  it('shows the code link of a seed paper that has one', () => {
    const withCode = corpus.papers.find((p) => p.codeLinks.length > 0) as Paper;
    const message = renderDigestMessage({ selection: { topics: [], items: [item(withCode)] }, digestDate: '2026-03-20', schedule: null });
    expect(JSON.stringify(message.blocks)).toContain(`<${withCode.codeLinks[0]}|Code>`);
  });

  it('never goes past 50 blocks, however many papers it is given', () => {
    const many: DigestSelection = { topics: [], items: corpus.papers.slice(0, 60).map((p) => item(p)) };
    const message = renderDigestMessage({ selection: many, digestDate: '2026-03-20', schedule: null });
    expect(findLimitViolations(message)).toEqual([]);
    expect(buttonsOf(message.blocks).filter((b) => b['action_id'] === ACTION_IDS.vote)).toHaveLength(MAX_DIGEST_PAPERS);
  });
});

describe('renderDigestMessage with nasty papers and topics', () => {
  const longTopics = Array.from({ length: 10 }, (_, i) => `${'<!channel> *topic* '.repeat(5)}${i}`.slice(0, 100));
  const selection: DigestSelection = {
    topics: longTopics,
    items: nastyPapers().map((paper) =>
      item(
        { ...paper, sourceUpvotes: 1234 },
        longTopics.map((topic) => ({ topic, matchedTerms: ['channel', 'topic'], relevance: 1 })),
        [NOW, NOW],
      ),
    ),
  };
  const message = renderDigestMessage({ selection, digestDate: '2026-03-20', schedule: SCHEDULE });

  it('stays within every Slack limit', () => {
    expect(findLimitViolations(message)).toEqual([]);
  });
  it('escapes corpus and topic text everywhere, fallback included', () => {
    const all = JSON.stringify(message);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('<script>');
  });
  it('says why each paper is here: topics with partial terms, votes, source upvotes, date', () => {
    const why = whyItMatched(selection.items[0] as DigestItem);
    // The topic holds its own asterisks, so it is shown as typed rather than wrapped in bold markers.
    expect(why).toMatch(/^Matches &lt;!channel&gt; \*topic\*/);
    expect(why).toContain('and 7 more');
    expect(why).toContain('2 upvotes from your workspace');
    expect(why).toContain('1234 upvotes on Hugging Face');
    expect(whyItMatched(item({ ...(nastyPapers()[2] as Paper), listedOn: null }))).toBe('New to this channel');
  });
  it('names the words a partial multi-word match has, in the words the user typed', () => {
    const paper = { ...(nastyPapers()[2] as Paper), listedOn: null };
    const partial = item(paper, [{ topic: 'large language models', matchedTerms: ['languag', 'model'], relevance: 1 }]);
    expect(whyItMatched(partial)).toBe('Matches *large language models* (language, models)');
    const full = item(paper, [{ topic: 'large language models', matchedTerms: ['larg', 'languag', 'model'], relevance: 1 }]);
    expect(whyItMatched(full)).toBe('Matches *large language models*');
  });
});
