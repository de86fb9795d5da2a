/**
 * Can the bot post in this channel? Asked before saving a subscription, so a channel the bot
 * was never invited to does not get a subscription that fails every morning.
 *
 * conversations.info answers is_member for public channels; for a private channel the bot is
 * not in, Slack answers channel_not_found (the bot cannot see it at all). Both mean "invite me".
 * Other failures (network, 5xx, missing_scope) are not the user's to fix and are thrown to the
 * global error handler, which tells the user something went wrong.
 */
import type { webApi } from '@slack/bolt';

export type ChannelAccess = { readonly ok: true } | { readonly ok: false; readonly reason: 'not_in_channel' | 'archived' };

const INVITE_ERRORS = new Set(['channel_not_found', 'not_in_channel']);

export async function checkChannelAccess(client: webApi.WebClient, channelId: string): Promise<ChannelAccess> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    const channel = info.channel;
    if (channel?.is_archived) return { ok: false, reason: 'archived' };
    // IMs carry no is_member; if the bot can see the IM, it is in it.
    if (channel?.is_member === false) return { ok: false, reason: 'not_in_channel' };
    return { ok: true };
  } catch (error) {
    const slackError = (error as { data?: { error?: string } }).data?.error;
    if (slackError && INVITE_ERRORS.has(slackError)) return { ok: false, reason: 'not_in_channel' };
    if (slackError === 'is_archived') return { ok: false, reason: 'archived' };
    throw error;
  }
}
