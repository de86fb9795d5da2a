/**
 * "Share to channel": the bot posts the paper visibly in the channel the results were shown in,
 * credited to the user. Slack refusing the channel (bot not invited, archived, a DM the bot is
 * not part of) is an expected outcome, answered with what to do, not an error.
 */
import { webApi, type App, type BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import { renderSharedPaper } from '../../../core/blocks/render-shared-paper.js';
import { getPaper } from '../../../core/search/search-index.js';
import type { SlackDeps } from '../../deps.js';
import { unlessStoreUnavailable } from '../../best-effort.js';
import { actionTeam } from './action-team.js';

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);
const CANNOT_POST = new Set(['is_archived', 'restricted_action', 'restricted_action_read_only_channel', 'restricted_action_thread_only_channel', 'cannot_reply_to_message']);

/** The Slack error code when Slack itself refused the call (not network or HTTP trouble). */
function platformError(error: unknown): string | null {
  const e = error as { code?: string; data?: { error?: string } };
  return e.code === webApi.ErrorCode.PlatformError && typeof e.data?.error === 'string' ? e.data.error : null;
}

export function registerSharePaper(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.share, async ({ ack, action, body, respond, client }) => {
    await ack();
    const paper = action.value ? getPaper(deps.searchIndex(), action.value) : undefined;
    if (!paper) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.paperNotFound() });
      return;
    }
    const channel = body.channel?.id;
    if (!channel) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.cannotShareHere('no_channel') });
      return;
    }
    const logger = deps.logger.child({ action: ACTION_IDS.share, paperId: paper.id, channelId: channel, userId: body.user.id });
    const teamId = actionTeam(body);
    const store = deps.store;
    const unavailable = (): void => logger.warn('database unavailable: shared without its vote count or reaction votes');
    const bestEffort = <T>(fn: () => Promise<T>, fallback: T): Promise<T> => unlessStoreUnavailable(fn, fallback, unavailable);
    const votes = store && teamId ? await bestEffort(async () => (await store.voteCounts(teamId, [paper.id])).get(paper.id) ?? 0, 0) : 0;
    let posted: { ts?: string | undefined };
    try {
      posted = await client.chat.postMessage({ channel, unfurl_links: false, unfurl_media: false, ...renderSharedPaper(paper, body.user.id, votes) });
    } catch (error) {
      const code = platformError(error);
      if (code === null || (!NOT_A_MEMBER.has(code) && !CANNOT_POST.has(code))) throw error;
      logger.info({ slackError: code }, 'share refused by Slack');
      const notice = NOT_A_MEMBER.has(code) ? NOTICES.notInChannel() : NOTICES.cannotShareHere(code);
      await respond({ response_type: 'ephemeral', replace_original: false, ...notice });
      return;
    }
    // A reaction on the post is a vote for this paper (reaction-vote.ts looks it up).
    const ts = posted.ts;
    if (store && teamId && ts) await bestEffort(() => store.rememberPaperMessage(teamId, channel, ts, paper.id), undefined);
    logger.info('paper shared');
    await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.shared(channel) });
  });
}
