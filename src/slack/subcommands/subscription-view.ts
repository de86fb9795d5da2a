/** The store's Subscription as the reply renderers see it, and when its next digest goes out. */
import type { SubscriptionView } from '../../core/blocks/subscription-replies.js';
import { digestTopicsKey } from '../../core/digest/digest-key.js';
import { localDateOf, nextDigestInstant } from '../../core/digest/schedule.js';
import type { Store, Subscription } from '../../store/store.js';

export function subscriptionView(sub: Subscription): SubscriptionView {
  return {
    channelId: sub.channelId,
    topics: sub.topics,
    schedule: { time: sub.time, timezone: sub.timezone, days: sub.days },
    pausedReason: sub.pausedReason,
  };
}

/**
 * When this subscription's next digest actually goes out: the scheduler's rule with the digest
 * log's settled dates (a `/papers digest now` earlier today), so a reply never promises a
 * digest the scheduler will skip.
 */
export async function nextDigestFor(store: Pick<Store, 'settledDigestDates'>, sub: Subscription, now: Date): Promise<Date> {
  const today = localDateOf(now, sub.timezone);
  const settled = await store.settledDigestDates({ teamId: sub.teamId, channelId: sub.channelId, topicsKey: digestTopicsKey(sub.topics) }, today);
  return nextDigestInstant(sub, now, (date) => settled.has(date));
}
