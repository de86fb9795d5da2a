/**
 * The ephemeral answer to a digest's Upvote button: only the voter sees it, so the channel's
 * digest stays clean however many people vote.
 */
import { truncate } from './limits.js';
import type { SlackMessage } from './message.js';
import { boldText, escapeText } from './mrkdwn.js';
import { renderNotice } from './render-notice.js';

export const DIGEST_UPVOTE_REPLIES = {
  counted: (title: string): SlackMessage =>
    renderNotice(`:arrow_up: Upvoted ${boldText(escapeText(truncate(title, 200)))}. Your workspace's votes lift papers in the coming digests.`),
  alreadyCounted: (title: string): SlackMessage =>
    renderNotice(`You have already upvoted ${boldText(escapeText(truncate(title, 200)))}; each person counts once.`),
  unknownPaper: (): SlackMessage =>
    renderNotice('That paper is no longer in the corpus, so the vote was not counted.'),
};
