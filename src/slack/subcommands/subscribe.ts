/**
 * `/papers subscribe [topics]`: this channel gets a daily digest on those topics (none: the
 * overall trending papers). A new subscription takes the configured default time, zone and days;
 * an existing one keeps its own and only changes topics. Re-subscribing also lifts a pause.
 * Nothing is saved when the bot cannot post in the channel; the reply says what to do instead.
 * A change is posted in the channel (it is the channel's digest, so it says who changed it);
 * a refused or invalid command is ephemeral, for its author only.
 */
import { SUBSCRIPTION_REPLIES } from '../../core/blocks/subscription-replies.js';
import { DEFAULT_DIGEST_DAYS } from '../../core/digest/schedule.js';
import { parseTopics } from '../../core/digest/parse-subscription-args.js';
import { checkChannelAccess } from './channel-access.js';
import { logPrefix } from '../../logger.js';
import type { SubcommandHandler } from './subcommand.js';
import type { DigestSubcommandDeps } from './subscription-deps.js';
import { nextDigestFor, subscriptionView } from './subscription-view.js';

export function createSubscribeSubcommand(deps: DigestSubcommandDeps): SubcommandHandler {
  return async ({ command, args, respond, client, logger, now }) => {
    const parsed = parseTopics(args);
    if (!parsed.ok) {
      await respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.invalid(parsed.message) });
      return;
    }
    const access = await checkChannelAccess(client, command);
    if (!access.ok) {
      logger.info({ channelId: command.channel_id, reason: access.reason }, 'subscribe refused: no digest possible here');
      await respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.refused(access) });
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
        days: existing?.days ?? DEFAULT_DIGEST_DAYS,
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
      ...SUBSCRIPTION_REPLIES.subscribed(view, await nextDigestFor(deps.store, saved, now), existing === null ? 'created' : 'updated', command.user_id, unmatched),
    });
  };
}
