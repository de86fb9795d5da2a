import { describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../../src/core/blocks/limits.js';
import { renderHelp } from '../../../src/core/blocks/render-help.js';
import { renderHome } from '../../../src/core/blocks/render-home.js';
import { NOTICES } from '../../../src/core/blocks/render-notice.js';
import { renderSharedPaper } from '../../../src/core/blocks/render-shared-paper.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';
import { escapeText } from '../../../src/core/blocks/mrkdwn.js';
import { nastyPapers } from './nasty-papers.js';

// As sent to Slack: `<query>` escaped, which Slack shows as <query>.
const EVERY_SUBCOMMAND = [
  '/papers <query>',
  '/papers help',
  '/papers subscribe <topics>',
  '/papers unsubscribe [topic]',
  '/papers subscriptions',
  '/papers digest at HH:MM [Area/City] [weekdays|daily]',
  '/papers digest now',
].map(escapeText);

const allText = (message: unknown): string => JSON.stringify(message);

describe('renderHelp', () => {
  it('lists every subcommand and the query syntax, in blocks and fallback text', () => {
    const help = renderHelp();
    for (const usage of EVERY_SUBCOMMAND) {
      expect(JSON.stringify(help.blocks)).toContain(usage.replace(/"/g, '\\"'));
      expect(help.text).toContain(usage);
    }
    expect(JSON.stringify(help.blocks)).toContain('\\"linear mode connectivity\\"');
    expect(JSON.stringify(help.blocks)).toContain('-video');
    expect(findLimitViolations(help)).toEqual([]);
  });

  it('the App Home view carries the same usage within the home-tab limits', () => {
    const home = renderHome();
    expect(home.type).toBe('home');
    for (const usage of EVERY_SUBCOMMAND) expect(allText(home)).toContain(usage.replace(/"/g, '\\"'));
    expect(findLimitViolations(home, { maxBlocks: 100, requireText: false })).toEqual([]);
  });
});

describe('renderSharedPaper', () => {
  it('credits the user and links the paper, for every seed paper and nasty ones, within limits', async () => {
    const { papers } = await loadSeedCorpus();
    expect(papers.length).toBeGreaterThan(300);
    for (const paper of [...papers, ...nastyPapers()]) {
      const message = renderSharedPaper(paper, 'U123');
      expect(findLimitViolations(message), paper.id).toEqual([]);
      expect(message.text).toContain('<@U123>');
      expect(allText(message.blocks)).toContain('Shared by <@U123>');
    }
  });

  it('never lets paper text inject mentions or formatting', () => {
    const [, markup] = nastyPapers();
    const message = renderSharedPaper(markup!, 'U123');
    const section = JSON.stringify(message.blocks[1]);
    expect(section).not.toContain('<!here>');
    expect(section).toContain('&lt;!here&gt;');
    // Shown as plain text: the paper's own * _ ~ ` characters, never look-alikes, never formatting.
    expect(message.blocks[1]).toMatchObject({ text: { type: 'plain_text' } });
    expect(section).toContain('*diffusion* _quantization_ ~x~ `y`');
    expect(message.text).toBe('<@U123> shared a paper: *Bold* _italic_ ~strike~ `code` &lt;script&gt;&amp;amp; &lt;@U123&gt; &lt;!channel&gt; | pipe');
  });

  it('shows the listing date and code link when the paper has them', () => {
    const [, markup] = nastyPapers();
    const context = JSON.stringify(renderSharedPaper(markup!, 'U9').blocks[2]);
    expect(context).toContain('Listed Mar 14');
    expect(context).toContain('|Code>');
  });
});

describe('notices', () => {
  it('all fit the limits and have fallback text', () => {
    for (const message of [NOTICES.somethingWentWrong(), NOTICES.notInChannel(), NOTICES.paperNotFound(), NOTICES.staleButton(), NOTICES.cannotShareHere('is_archived'), NOTICES.shared('C1')]) {
      expect(findLimitViolations(message)).toEqual([]);
    }
    expect(NOTICES.notInChannel().text).toContain('/invite @paperboy');
  });
});
