/**
 * `/papers subscriptions`: what this channel gets, when (time, zone, days, next digest), and when
 * it last got one. Ephemeral: it is a question, not news for the channel.
 */
import { SUBSCRIPTION_REPLIES } from '../../core/blocks/subscription-replies.js';
import type { SubcommandHandler } from './subcommand.js';
import type { DigestSubcommandDeps } from './subscription-deps.js';
import { nextDigestFor, subscriptionView } from './subscription-view.js';

export function createSubscriptionsSubcommand(deps: DigestSubcommandDeps): SubcommandHandler {
  return async ({ command, respond, now }) => {
    const sub = await deps.store.getSubscription(command.team_id, command.channel_id);
    if (!sub) {
      await respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.noSubscription(command.channel_id) });
      return;
    }
    const last = await deps.store.lastPostedDigest(command.team_id, command.channel_id);
    const view = subscriptionView(sub);
    const next = sub.pausedReason ? null : await nextDigestFor(deps.store, sub, now);
    const lastSeen = last && last.postedAt ? { postedAt: last.postedAt, messageTs: last.messageTs, paperCount: last.paperIds.length } : null;
    await respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.status(view, next, lastSeen) });
  };
}
