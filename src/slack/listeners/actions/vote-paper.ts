/**
 * The Upvote button on every paper: toggles the clicker's vote (one per person per paper in the
 * workspace; pressing again takes it back) and redraws the count where the button was:
 *  - ephemeral results: the page again through response_url (replace_original), since Slack sends
 *    no copy of an ephemeral message with the click;
 *  - a channel message (digest, shared paper): chat.update with the same blocks, count changed;
 *  - an unfurl: chat.unfurl again under the same link, with the new count;
 *  - the Home tab: republished.
 * One vote per person and paper whatever happens (the store's key); a signed request delivered
 * twice is dropped by the replay guard (replay-guard.ts) before it reaches here, on any replica.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import { renderUnfurl } from '../../../core/blocks/render-unfurl.js';
import { decodeVoteValue, withVoteCount } from '../../../core/blocks/vote-button.js';
import { VOTE_REPLIES } from '../../../core/blocks/vote-replies.js';
import { getPaper } from '../../../core/search/search-index.js';
import type { SlackDeps } from '../../deps.js';
import { publishHome } from '../../home/publish-home.js';
import { renderResultsPage } from '../../votes/results-page.js';
import { actionTeam } from './action-team.js';

export function registerVotePaper(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.vote, async ({ ack, action, body, respond, client }) => {
    await ack();
    const store = deps.store;
    const value = decodeVoteValue(action.value);
    const paper = value ? getPaper(deps.searchIndex(), value.paperId) : undefined;
    const teamId = actionTeam(body);
    const onHome = body.container?.type === 'view';
    if (!paper || !teamId || !value) {
      if (!onHome) await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.paperNotFound() });
      return;
    }
    if (!store) {
      if (!onHome) await respond({ response_type: 'ephemeral', replace_original: false, ...VOTE_REPLIES.unavailable() });
      return;
    }
    const now = deps.now();
    const logger = deps.logger.child({ action: ACTION_IDS.vote, teamId, userId: body.user.id, paperId: paper.id });
    const { voted, count } = await store.toggleVote(teamId, paper.id, body.user.id, now);
    logger.info({ voted, count }, 'vote toggled');

    if (onHome) {
      await publishHome(deps, client, teamId, body.user.id);
      return;
    }
    const container = body.container as { is_ephemeral?: boolean; is_app_unfurl?: boolean; app_unfurl_url?: string; channel_id?: string; message_ts?: string } | undefined;
    if (container?.is_ephemeral) {
      const page = value.page ? await renderResultsPage(deps.searchIndex(), store, teamId, value.page, deps.runSearch) : null;
      if (page) await respond({ response_type: 'ephemeral', replace_original: true, ...page });
      else await respond({ response_type: 'ephemeral', replace_original: false, ...(voted ? VOTE_REPLIES.voted(paper.title, count) : VOTE_REPLIES.unvoted(paper.title, count)) });
      return;
    }
    const message = body.message as { ts?: string; text?: string; blocks?: unknown[] } | undefined;
    const channel = body.channel?.id ?? container?.channel_id;
    const messageTs = container?.message_ts ?? message?.ts;
    if (container?.is_app_unfurl && container.app_unfurl_url && channel && messageTs) {
      // The unfurl belongs to the user's message: drawn again under its link with the new count.
      await client.chat.unfurl({ channel, ts: messageTs, unfurls: { [container.app_unfurl_url]: renderUnfurl(paper, count) } });
      return;
    }
    if (message?.ts && message.blocks && channel) {
      await client.chat.update({ channel, ts: message.ts, text: message.text ?? paper.title, blocks: withVoteCount(message.blocks, paper.id, count) });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...(voted ? VOTE_REPLIES.voted(paper.title, count) : VOTE_REPLIES.unvoted(paper.title, count)) });
  });
}
