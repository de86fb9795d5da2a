/**
 * `/papers subscribe [topics]`: this channel gets a daily digest on those topics (none: the
 * overall trending papers). A new subscription takes the configured default time, zone and days;
 * an existing one keeps its own and only changes topics. Re-subscribing also lifts a pause.
 * Nothing is saved when the bot cannot post in the channel.
 */
import { SUBSCRIPTION_REPLIES } from '../../core/blocks/subscription-replies.js';
import { parseTopics } from '../../core/digest/parse-subscription-args.js';
import { nextFireInstant } from '../../core/digest/schedule.js';
import { checkChannelAccess } from './channel-access.js';
import { logPrefix } from '../../logger.js';
import type { SubcommandHandler } from './subcommand.js';
import type { DigestSubcommandDeps } from './subscription-deps.js';
import { subscriptionView } from './subscription-view.js';

export function createSubscribeSubcommand(deps: DigestSubcommandDeps): SubcommandHandler {
  return async ({ command, args, respond, client, logger, now }) => {
    const parsed = parseTopics(args);
    if (!parsed.ok) {
      await respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.invalid(parsed.message) });
      return;
    }
    const access = await checkChannelAccess(client, command.channel_id);
    if (!access.ok) {
      logger.info({ channelId: command.channel_id, reason: access.reason }, 'subscribe refused: bot cannot post here');
      const reply = access.reason === 'archived' ? SUBSCRIPTION_REPLIES.archived() : SUBSCRIPTION_REPLIES.notInChannel();
      await respond({ response_type: 'ephemeral', ...reply });
      return;
    }
    const existing = await deps.store.getSubscription(command.team_id, command.channel_id);
    const saved = await deps.store.saveSubscription(
      {
        teamId: command.team_id,
        channelId: command.channel_id,
        topics: parsed.topics,
        time: existing?.time ?? deps.config.defaultTime,
        timezone: existing?.timezone ?? deps.config.defaultTimezone,
        days: existing?.days ?? 'weekdays',
        createdBy: existing?.createdBy ?? command.user_id,
      },
      now,
    );
    logger.info({ channelId: saved.channelId, topics: saved.topics.map(logPrefix), created: existing === null }, 'subscription saved');
    const view = subscriptionView(saved);
    const unmatched = deps.topicHasMatches ? saved.topics.filter((topic) => !deps.topicHasMatches?.(topic)) : [];
    // In the channel: everyone there should know what the channel will start receiving.
    await respond({
      response_type: 'in_channel',
      ...SUBSCRIPTION_REPLIES.subscribed(view, nextFireInstant(view.schedule, now), existing === null ? 'created' : 'updated', unmatched),
    });
  };
}
