/**
 * Usage for every `/papers` subcommand and the query syntax. Shown for `/papers`, `/papers help`,
 * an all-stop-word query, and (as part of) the App Home tab. One list, so the three never disagree.
 */
import { SEARCH_PAGE_SIZE } from '../search/search-types.js';
import type { Block, SlackMessage } from './message.js';
import { escapeText } from './mrkdwn.js';

export interface CommandUsage {
  readonly usage: string;
  readonly description: string;
}

export const COMMAND_USAGES: readonly CommandUsage[] = [
  { usage: '/papers <query>', description: `Search papers (top ${SEARCH_PAGE_SIZE}, with "Next ${SEARCH_PAGE_SIZE}", "Share to channel", "More like this" and "Save").` },
  { usage: '/papers saved', description: 'List the papers you saved (press *Save* under a search result or digest paper), with *Remove* buttons.' },
  { usage: '/papers help', description: 'Show this help.' },
  { usage: '/papers subscribe <topics>', description: 'Get a daily digest in this channel on these topics, e.g. `diffusion, quantization` (no topics: overall trending).' },
  { usage: '/papers unsubscribe [topic]', description: 'Stop the digest in this channel, or drop one topic from it.' },
  { usage: '/papers subscriptions', description: 'What this channel gets, when, and when it last got it.' },
  { usage: '/papers digest at HH:MM [Area/City] [weekdays|daily]', description: 'When the digest arrives, e.g. `09:00 Europe/Berlin weekdays`.' },
  { usage: '/papers digest now', description: "Post this channel's digest now (it counts as today's)." },
];

export const QUERY_SYNTAX: readonly CommandUsage[] = [
  { usage: 'diffusion quantization', description: 'papers about both words; word forms and small typos are fine' },
  { usage: '"linear mode connectivity"', description: 'an exact phrase' },
  { usage: 'diffusion -video', description: 'exclude papers containing a word' },
  { usage: 'diffusion has:code', description: 'only papers with a code link (`-has:code`: only those without; `has:code` alone lists them newest first)' },
  { usage: '2403.12345', description: 'a paper by its arXiv id or link (arxiv.org, huggingface.co/papers), then papers like it' },
];

export function helpBlocks(): Block[] {
  // Usages hold `<query>`, which Slack would read as a link: escaped like any other text.
  const commands = COMMAND_USAGES.map((c) => `\`${escapeText(c.usage)}\`  ${escapeText(c.description)}`).join('\n');
  const syntax = QUERY_SYNTAX.map((s) => `\`${escapeText(s.usage)}\`  ${escapeText(s.description)}`).join('\n');
  return [
    { type: 'section', text: { type: 'mrkdwn', text: '*paperboy* finds research papers and posts a daily digest of trending ones.' } },
    { type: 'section', text: { type: 'mrkdwn', text: `*Commands*\n${commands}` } },
    { type: 'section', text: { type: 'mrkdwn', text: `*Query syntax*\n${syntax}` } },
  ];
}

export function renderHelp(): SlackMessage {
  const text = ['paperboy commands:', ...COMMAND_USAGES.map((c) => `${escapeText(c.usage)}: ${escapeText(c.description)}`)].join('\n');
  return { text, blocks: helpBlocks() };
}
