/**
 * What the voter alone is told when a vote cannot be shown in place (the button's message is
 * gone from view) or cannot be counted.
 */
import { truncate } from './limits.js';
import type { SlackMessage } from './message.js';
import { boldText, escapeText } from './mrkdwn.js';
import { renderNotice } from './render-notice.js';

const quoted = (title: string): string => boldText(escapeText(truncate(title, 200)));
const votes = (n: number): string => `${n} ${n === 1 ? 'vote' : 'votes'}`;

export const VOTE_REPLIES = {
  voted: (title: string, count: number): SlackMessage => renderNotice(`:arrow_up: Upvoted ${quoted(title)} (${votes(count)} from your workspace). Press again to take it back.`),
  unvoted: (title: string, count: number): SlackMessage => renderNotice(`Took back your vote for ${quoted(title)} (${votes(count)} from your workspace).`),
  unavailable: (): SlackMessage => renderNotice('Votes need the database, and this paperboy server runs without one. Ask your admin.'),
};
