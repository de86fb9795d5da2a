/**
 * The visible channel post made by "Share to channel": the paper, credited to the user who shared
 * it (the bot posts it, so without the credit nobody would know who recommends it).
 */
import type { Paper } from '../paper.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';
import { escapeText, mrkdwnLink } from './mrkdwn.js';
import { hfPaperUrl, paperDetailsMrkdwn, paperUrl } from './paper-view.js';
import { paperActions } from './paper-actions.js';

const ABSTRACT_MAX = 600;

/** `votes`: the paper's vote count in the workspace, shown on its Upvote button. */
export function renderSharedPaper(paper: Paper, userId: string, votes = 0): SlackMessage {
  // Escaping grows text (& is 5 characters), so cut after escaping to stay inside the header limit.
  const title = truncate(escapeText(paper.title), SLACK_LIMITS.headerText);
  const user = /^[A-Z0-9]+$/i.test(userId) ? `<@${userId}>` : 'someone';
  // Authors, date, arXiv / Hugging Face / code links; without an arXiv id, a search for the title.
  const context = [`Shared by ${user}`, ...paperDetailsMrkdwn(paper)];
  if (hfPaperUrl(paper) === null) context.push(mrkdwnLink(paperUrl(paper), 'Find on Hugging Face'));
  return {
    text: truncate(`${user} shared a paper: ${escapeText(paper.title)}`, 500),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title, emoji: false } },
      {
        // plain_text: the abstract is shown as written, its * and _ never turned into formatting.
        type: 'section',
        text: { type: 'plain_text', text: truncate(escapeText(truncate(paper.abstract, ABSTRACT_MAX)), SLACK_LIMITS.sectionText), emoji: false },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context.join('  ·  ') }] },
      paperActions(paper.id, votes, 'shared_actions'),
    ],
  };
}
