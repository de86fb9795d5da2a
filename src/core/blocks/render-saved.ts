/**
 * Saved papers: the ephemeral answers to the Save/Remove buttons, the `/papers saved` list and
 * the App Home section. Pure; the listeners send what these return.
 *
 * A saved list can grow without bound but a message holds 50 blocks (a Home tab 100), so each
 * rendering shows the newest few and says how many more there are instead of failing.
 */
import type { Paper } from '../paper.js';
import { ACTION_IDS } from './action-ids.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { Block, SlackMessage } from './message.js';
import { boldText, escapeText, mrkdwnLink } from './mrkdwn.js';
import { codeUrl, formatListingDate, paperUrl } from './paper-view.js';
import { renderNotice } from './render-notice.js';

/** Papers shown in `/papers saved` (one block each, plus a header and a footer: well under 50). */
export const SAVED_LIST_MAX = 20;
/** Papers shown on the Home tab, which also carries the help (well under 100 blocks). */
export const SAVED_HOME_MAX = 20;

const TITLE_MAX = 200;

function savedPaperBlock(paper: Paper, rank: number): Block {
  const date = formatListingDate(paper.listedOn);
  const code = codeUrl(paper);
  const details = [date ? `Listed ${date}` : null, code ? mrkdwnLink(code, 'Code') : null].filter((d): d is string => d !== null);
  const text = [boldText(mrkdwnLink(paperUrl(paper), truncate(paper.title, TITLE_MAX))), details.join('  ·  ')]
    .filter((line) => line !== '')
    .join('\n');
  return {
    type: 'section',
    block_id: `saved_${rank}_${truncate(paper.id, 200)}`,
    text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) },
    accessory: {
      type: 'button',
      text: { type: 'plain_text', text: 'Remove', emoji: true },
      action_id: ACTION_IDS.unsave,
      value: truncate(paper.id, SLACK_LIMITS.buttonValue),
    },
  };
}

const gone = (missing: number): string => `${missing} saved ${missing === 1 ? 'paper is' : 'papers are'} no longer in the corpus`;

/**
 * The saved papers blocks, newest first. `missing` counts saves whose paper is no longer in the
 * corpus: they are kept (the corpus may come back) but cannot be shown.
 */
function savedBlocks(papers: readonly Paper[], missing: number, max: number): Block[] {
  const shown = papers.slice(0, max);
  const blocks: Block[] = shown.map((paper, i) => savedPaperBlock(paper, i + 1));
  const notes: string[] = [];
  if (papers.length > shown.length) notes.push(`${papers.length - shown.length} older saved papers not shown.`);
  if (missing > 0) notes.push(`${gone(missing)}.`);
  if (notes.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes.join(' ') }] });
  return blocks;
}

export function renderSavedList(papers: readonly Paper[], missing = 0): SlackMessage {
  if (papers.length === 0) {
    const note = missing > 0 ? ` (${gone(missing)})` : '';
    return renderNotice(`You have no saved papers${note}. Press *Save* under a search result or a digest paper to keep it here.`);
  }
  const count = `${papers.length} saved ${papers.length === 1 ? 'paper' : 'papers'}`;
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*Your saved papers* (${count}, newest first)` } },
    ...savedBlocks(papers, missing, SAVED_LIST_MAX),
  ];
  const titles = papers.slice(0, SAVED_LIST_MAX).map((p, i) => `${i + 1}. ${escapeText(truncate(p.title, 120))}`);
  return { text: truncate(`Your saved papers (${count}):\n${titles.join('\n')}`, 3000), blocks };
}

/** The Home tab section; empty saves get a one-line hint rather than nothing. */
export function savedHomeBlocks(papers: readonly Paper[], missing = 0): Block[] {
  const heading: Block = { type: 'header', text: { type: 'plain_text', text: 'Your saved papers', emoji: true } };
  if (papers.length === 0) {
    return [heading, { type: 'context', elements: [{ type: 'mrkdwn', text: 'Nothing saved yet. Press *Save* under a search result or a digest paper.' }] }];
  }
  return [heading, ...savedBlocks(papers, missing, SAVED_HOME_MAX)];
}

const quoted = (title: string): string => boldText(escapeText(truncate(title, TITLE_MAX)));

export const SAVE_REPLIES = {
  saved: (title: string): SlackMessage => renderNotice(`Saved ${quoted(title)}. \`/papers saved\` or the Home tab lists your saved papers.`),
  alreadySaved: (title: string): SlackMessage => renderNotice(`${quoted(title)} is already in your saved papers.`),
  notSaved: (): SlackMessage => renderNotice('That paper was not in your saved papers (already removed?). `/papers saved` shows what is.'),
  unavailable: (): SlackMessage => renderNotice('Saving papers needs the database, and this paperboy server runs without one. Ask your admin.'),
};
