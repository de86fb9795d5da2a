/**
 * Short ephemeral notices (errors the user can act on, confirmations): one section and the same
 * words as fallback text.
 */
import { SLACK_LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';

/** `mrkdwn` must already be safe (escaped by the caller where it holds user or corpus text). */
export function renderNotice(mrkdwn: string): SlackMessage {
  const text = truncate(mrkdwn, SLACK_LIMITS.sectionText);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export const NOTICES = {
  somethingWentWrong: (): SlackMessage =>
    renderNotice(':warning: Something went wrong on our side and the request was not completed. Please try again in a moment.'),
  paperNotFound: (): SlackMessage =>
    renderNotice('That paper is no longer in the index (the corpus may have been updated). Run the search again with `/papers &lt;query&gt;`.'),
  staleButton: (): SlackMessage => renderNotice('That button has expired. Run the search again with `/papers &lt;query&gt;`.'),
  notInChannel: (): SlackMessage =>
    renderNotice("I can't post in this channel yet. Invite me with `/invite @paperboy`, then press *Share to channel* again."),
  cannotShareHere: (reason: string): SlackMessage =>
    renderNotice(`I couldn't share that paper here (Slack said \`${reason.replace(/[^a-z_]/gi, '')}\`). Try another channel.`),
  shared: (channelId: string): SlackMessage => renderNotice(`Shared to <#${channelId}>.`),
};
