/**
 * Saved papers: the ephemeral answers to the Save/Remove buttons, and the `/papers saved` list
 * (the Home tab's reading list is in render-home.ts). Pure; the listeners send what these return.
 *
 * A saved list can grow without bound but a message holds 50 blocks (a Home tab 100), so each
 * rendering shows one page of SAVED_PAGE_SIZE with Previous / Next buttons to the others. The
 * Remove buttons' block ids carry the paper's absolute rank, so a redraw after a removal stays on
 * the page the user was reading (savedPageOfBlock).
 */
import type { Paper } from '../paper.js';
import { ACTION_IDS } from './action-ids.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { Block, Button, SlackMessage } from './message.js';
import { boldText, escapeText, mrkdwnLink } from './mrkdwn.js';
import { codeUrl, formatListingDate, paperUrl } from './paper-view.js';
import { renderNotice } from './render-notice.js';

/**
 * Papers per page, in `/papers saved` (one block each plus a header, a note and the paging
 * buttons: well under 50) and on the Home tab (which also carries the help: well under 100).
 */
export const SAVED_PAGE_SIZE = 20;

/** The first paper of the page holding `offset`, clamped to the list (a removal can shorten it). */
export function savedPageStart(total: number, offset: number): number {
  const last = total === 0 ? 0 : Math.floor((total - 1) / SAVED_PAGE_SIZE) * SAVED_PAGE_SIZE;
  const wanted = Number.isFinite(offset) && offset > 0 ? Math.floor(offset / SAVED_PAGE_SIZE) * SAVED_PAGE_SIZE : 0;
  return Math.min(wanted, last);
}

/** The page offset a Remove button's block (`saved_<rank>_<id>`) sits on; 0 when unknown. */
export function savedPageOfBlock(blockId: string | undefined): number {
  const rank = Number(/^saved_(\d+)_/.exec(blockId ?? '')?.[1]);
  return Number.isInteger(rank) && rank > 0 ? Math.floor((rank - 1) / SAVED_PAGE_SIZE) * SAVED_PAGE_SIZE : 0;
}

/** The page offset a Previous / Next button carries, or null when the value is not one we drew. */
export function parseSavedPageValue(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,7}$/.test(value) ? Number(value) : null;
}

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
function savedBlocks(papers: readonly Paper[], missing: number, offset: number): Block[] {
  const start = savedPageStart(papers.length, offset);
  const shown = papers.slice(start, start + SAVED_PAGE_SIZE);
  const blocks: Block[] = shown.map((paper, i) => savedPaperBlock(paper, start + i + 1));
  const notes: string[] = [];
  if (papers.length > shown.length) notes.push(`Showing ${start + 1}–${start + shown.length} of ${papers.length}.`);
  if (missing > 0) notes.push(`${gone(missing)}.`);
  if (notes.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes.join(' ') }] });
  const paging = savedPaging(papers.length, start, shown.length);
  if (paging) blocks.push(paging);
  return blocks;
}

/** Previous / Next for a saved list of `total` showing `shown` from `start`; null on a single page. */
export function savedPaging(total: number, start: number, shown: number): Block | null {
  const paging: Button[] = [];
  if (start > 0) paging.push(pageButton(`Previous ${SAVED_PAGE_SIZE}`, ACTION_IDS.savedPagePrevious, start - SAVED_PAGE_SIZE));
  const rest = total - (start + shown);
  if (rest > 0) paging.push(pageButton(`Next ${Math.min(rest, SAVED_PAGE_SIZE)}`, ACTION_IDS.savedPage, start + SAVED_PAGE_SIZE, 'primary'));
  return paging.length > 0 ? { type: 'actions', block_id: 'saved_paging', elements: paging } : null;
}

function pageButton(text: string, actionId: string, offset: number, style?: 'primary'): Button {
  return { type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value: String(offset), ...(style ? { style } : {}) };
}

/** `/papers saved`, the page holding `offset` (0: the newest). */
export function renderSavedList(papers: readonly Paper[], missing = 0, offset = 0): SlackMessage {
  if (papers.length === 0) {
    const note = missing > 0 ? ` (${gone(missing)})` : '';
    return renderNotice(`You have no saved papers${note}. Press *Save* under a search result or a digest paper to keep it here.`);
  }
  const count = `${papers.length} saved ${papers.length === 1 ? 'paper' : 'papers'}`;
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*Your saved papers* (${count}, newest first)` } },
    ...savedBlocks(papers, missing, offset),
  ];
  const start = savedPageStart(papers.length, offset);
  const titles = papers.slice(start, start + SAVED_PAGE_SIZE).map((p, i) => `${start + i + 1}. ${escapeText(truncate(p.title, 120))}`);
  return { text: truncate(`Your saved papers (${count}):\n${titles.join('\n')}`, 3000), blocks };
}

const quoted = (title: string): string => boldText(escapeText(truncate(title, TITLE_MAX)));

export const SAVE_REPLIES = {
  saved: (title: string): SlackMessage => renderNotice(`Saved ${quoted(title)}. \`/papers saved\` or the Home tab lists your saved papers.`),
  alreadySaved: (title: string): SlackMessage => renderNotice(`${quoted(title)} is already in your saved papers.`),
  notSaved: (): SlackMessage => renderNotice('That paper was not in your saved papers (already removed?). `/papers saved` shows what is.'),
  unavailable: (): SlackMessage => renderNotice('Saving papers needs the database, and this paperboy server runs without one. Ask your admin.'),
};
