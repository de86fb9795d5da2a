/**
 * `/papers unsubscribe [topics]`: without topics, stop this channel's digest; with topics, drop
 * them. Dropping the last topic stops the digest rather than turning it into the overall trending
 * digest: the user asked for less, so silently sending them everything would be a surprise.
 */
import { SUBSCRIPTION_REPLIES } from '../../core/blocks/subscription-replies.js';
import { parseTopics } from '../../core/digest/parse-subscription-args.js';
import { logPrefix } from '../../logger.js';
import type { SubcommandHandler } from './subcommand.js';
import type { DigestSubcommandDeps } from './subscription-deps.js';
import { subscriptionView } from './subscription-view.js';

export function createUnsubscribeSubcommand(deps: DigestSubcommandDeps): SubcommandHandler {
  return async ({ command, args, respond, logger, now }) => {
    const reply = async (message: ReturnType<typeof SUBSCRIPTION_REPLIES.invalid>, inChannel = false): Promise<void> => {
      await respond({ response_type: inChannel ? 'in_channel' : 'ephemeral', ...message });
    };
    const parsed = parseTopics(args);
    if (!parsed.ok) return reply(SUBSCRIPTION_REPLIES.invalid(parsed.message));
    const { team_id: teamId, channel_id: channelId } = command;
    const existing = await deps.store.getSubscription(teamId, channelId);
    if (!existing) return reply(SUBSCRIPTION_REPLIES.noSubscription(channelId));

    if (parsed.topics.length === 0) {
      await deps.store.deleteSubscription(teamId, channelId);
      logger.info({ channelId }, 'subscription deleted');
      return reply(SUBSCRIPTION_REPLIES.unsubscribedAll(channelId, command.user_id), true);
    }

    const missing = parsed.topics.filter((topic) => !existing.topics.includes(topic));
    if (missing.length > 0) return reply(SUBSCRIPTION_REPLIES.notFollowing(subscriptionView(existing), missing));

    const remaining = existing.topics.filter((topic) => !parsed.topics.includes(topic));
    if (remaining.length === 0) {
      await deps.store.deleteSubscription(teamId, channelId);
      logger.info({ channelId, removed: parsed.topics.map(logPrefix) }, 'last topic removed: subscription deleted');
      return reply(SUBSCRIPTION_REPLIES.lastTopicRemoved(channelId, parsed.topics, command.user_id), true);
    }
    const saved = await deps.store.saveSubscription(
      { teamId, channelId, topics: remaining, time: existing.time, timezone: existing.timezone, days: existing.days, createdBy: existing.createdBy },
      now,
    );
    logger.info({ channelId, removed: parsed.topics.map(logPrefix), topics: saved.topics.map(logPrefix) }, 'topics removed');
    return reply(SUBSCRIPTION_REPLIES.topicsRemoved(subscriptionView(saved), parsed.topics, command.user_id), true);
  };
}
