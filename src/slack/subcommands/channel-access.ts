/**
 * Can this conversation get a digest? Asked before saving a subscription, so a channel the bot
 * was never invited to does not get a subscription that fails every morning.
 *
 * Every answer the user can act on is a value, so the reply says what to do instead:
 *  - a DM or group DM: digests are for channels (the command tells us by the conversation's
 *    id prefix "D" and Slack's channel_name "directmessage" / "mpdm-..."; conversations.info's
 *    is_im / is_mpim say the same when it answers);
 *  - not a member: public channels answer is_member false; a private channel the bot is not
 *    in answers channel_not_found (the bot cannot see it at all), and not_in_channel too;
 *  - missing_scope: the installed app lacks a read scope (Slack names it in `needed`), which
 *    only a reinstall fixes.
 * Other failures (network, 5xx) are not the user's to fix and are thrown to the global handler.
 */
import type { webApi } from '@slack/bolt';
import type { ChannelRefusal } from '../../core/blocks/subscription-replies.js';

export type ChannelAccess = { readonly ok: true } | ({ readonly ok: false } & ChannelRefusal);

const INVITE_ERRORS = new Set(['channel_not_found', 'not_in_channel']);

/** Where the slash command was typed, as Slack's payload names it. */
export interface CommandConversation {
  readonly channel_id: string;
  readonly channel_name?: string;
}

const isDirectMessage = ({ channel_id: id, channel_name: name }: CommandConversation): boolean =>
  id.startsWith('D') || name === 'directmessage' || (name?.startsWith('mpdm-') ?? false);

export async function checkChannelAccess(client: webApi.WebClient, conversation: CommandConversation): Promise<ChannelAccess> {
  if (isDirectMessage(conversation)) return { ok: false, reason: 'direct_message' };
  try {
    const info = await client.conversations.info({ channel: conversation.channel_id });
    const channel = info.channel;
    if (channel?.is_im || channel?.is_mpim) return { ok: false, reason: 'direct_message' };
    if (channel?.is_archived) return { ok: false, reason: 'archived' };
    if (channel?.is_member === false) return { ok: false, reason: 'not_in_channel' };
    return { ok: true };
  } catch (error) {
    const data = (error as { data?: { error?: string; needed?: unknown } }).data;
    const slackError = data?.error;
    if (slackError && INVITE_ERRORS.has(slackError)) return { ok: false, reason: 'not_in_channel' };
    if (slackError === 'is_archived') return { ok: false, reason: 'archived' };
    if (slackError === 'missing_scope') {
      // `needed` is a scope list like "groups:read"; anything else is not shown.
      const needed = typeof data?.needed === 'string' && /^[a-z:.,_]{1,100}$/.test(data.needed) ? data.needed : null;
      return { ok: false, reason: 'missing_scope', needed };
    }
    throw error;
  }
}
