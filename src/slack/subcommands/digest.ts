/**
 * `/papers digest at <time> [zone] [weekdays|daily]` and `/papers digest now`.
 *
 * `digest at` on a channel without a subscription creates one for the overall trending papers
 * (and says so): the user clearly wants a digest, and refusing would only cost them a command.
 * `digest now` runs the same delivery use case as the scheduler, so it claims today's digest:
 * the scheduled run later that day will not post again, and a second `digest now` neither.
 */
import { SUBSCRIPTION_REPLIES } from '../../core/blocks/subscription-replies.js';
import { DEFAULT_DIGEST_DAYS } from '../../core/digest/schedule.js';
import { parseDigestArgs } from '../../core/digest/parse-subscription-args.js';
import { checkChannelAccess } from './channel-access.js';
import type { SubcommandContext, SubcommandHandler } from './subcommand.js';
import type { DigestSubcommandDeps } from './subscription-deps.js';
import { nextDigestFor, subscriptionView } from './subscription-view.js';

export function createDigestSubcommand(deps: DigestSubcommandDeps): SubcommandHandler {
  return async (ctx) => {
    const parsed = parseDigestArgs(ctx.args);
    if (!parsed.ok) {
      await ctx.respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.invalid(parsed.message) });
      return;
    }
    if (parsed.command.action === 'now') return digestNow(deps, ctx);
    return digestAt(deps, ctx, parsed.command);
  };
}

async function digestNow(deps: DigestSubcommandDeps, { command, respond, logger, now }: SubcommandContext): Promise<void> {
  const sub = await deps.store.getSubscription(command.team_id, command.channel_id);
  if (!sub) {
    await respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.noSubscription(command.channel_id) });
    return;
  }
  const outcome = await deps.deliver(sub, now);
  logger.info({ channelId: sub.channelId, outcome: outcome.kind }, 'digest now');
  await respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.digestNow(sub, outcome) });
}

async function digestAt(
  deps: DigestSubcommandDeps,
  { command, respond, client, logger, now }: SubcommandContext,
  wanted: { time: string; timezone: string | null; days: 'weekdays' | 'daily' | null },
): Promise<void> {
  const existing = await deps.store.getSubscription(command.team_id, command.channel_id);
  if (!existing) {
    const access = await checkChannelAccess(client, command);
    if (!access.ok) {
      logger.info({ channelId: command.channel_id, reason: access.reason }, 'digest at refused: no digest possible here');
      await respond({ response_type: 'ephemeral', ...SUBSCRIPTION_REPLIES.refused(access) });
      return;
    }
  }
  const saved = await deps.store.saveSubscription(
    {
      teamId: command.team_id,
      channelId: command.channel_id,
      topics: existing?.topics ?? [],
      time: wanted.time,
      timezone: wanted.timezone ?? existing?.timezone ?? deps.config.defaultTimezone,
      days: wanted.days ?? existing?.days ?? DEFAULT_DIGEST_DAYS,
      createdBy: existing?.createdBy ?? command.user_id,
    },
    now,
  );
  logger.info({ channelId: saved.channelId, time: saved.time, timezone: saved.timezone, days: saved.days, created: !existing }, 'digest schedule saved');
  const view = subscriptionView(saved);
  await respond({ response_type: 'in_channel', ...SUBSCRIPTION_REPLIES.scheduleChanged(view, await nextDigestFor(deps.store, saved, now), !existing, command.user_id) });
}
