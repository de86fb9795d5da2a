/**
 * How a pasted arXiv or Hugging Face link to a paper paperboy knows unfolds in the channel: the
 * title, authors when known, the abstract trimmed, the code link, and Upvote / Save. Pure; the
 * blocks go to chat.unfurl under the link's URL.
 */
import type { Paper } from '../paper.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { Block } from './message.js';
import { boldText, escapeText, mrkdwnLink } from './mrkdwn.js';
import { paperActions } from './paper-actions.js';
import { codeUrl, formatListingDate, paperUrl } from './paper-view.js';

const ABSTRACT_MAX = 500;
const AUTHORS_SHOWN = 6;

function authorsLine(authors: readonly string[] | undefined): string | null {
  if (!authors || authors.length === 0) return null;
  const shown = authors.slice(0, AUTHORS_SHOWN).map((a) => truncate(a, 80));
  const more = authors.length > AUTHORS_SHOWN ? ` and ${authors.length - AUTHORS_SHOWN} more` : '';
  return escapeText(`${shown.join(', ')}${more}`);
}

export function renderUnfurl(paper: Paper, votes: number): { blocks: Block[] } {
  const details: string[] = [];
  const authors = authorsLine(paper.authors);
  if (authors) details.push(authors);
  const date = paper.publishedAt ? paper.publishedAt.slice(0, 10).replace(/[^0-9-]/g, '') : formatListingDate(paper.listedOn);
  if (date) details.push(paper.publishedAt ? `Published ${date}` : `Listed ${date}`);
  const code = codeUrl(paper);
  if (code) details.push(mrkdwnLink(code, 'Code'));
  // Escaping and the link's encoded query grow the title: shorter until the section fits.
  const linked = (titleMax: number): string => boldText(mrkdwnLink(paperUrl(paper), truncate(paper.title, titleMax)));
  let text = linked(250);
  if (text.length > SLACK_LIMITS.sectionText) text = linked(60);
  if (text.length > SLACK_LIMITS.sectionText) text = truncate(escapeText(paper.title), 200);
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text } },
    // plain_text: the abstract as written, its * and _ never turned into formatting.
    { type: 'section', text: { type: 'plain_text', text: truncate(escapeText(truncate(paper.abstract || 'No abstract.', ABSTRACT_MAX)), SLACK_LIMITS.sectionText), emoji: false } },
  ];
  if (details.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(details.join('  ·  '), SLACK_LIMITS.sectionText) }] });
  blocks.push(paperActions(paper.id, votes, 'unfurl_actions'));
  return { blocks };
}
