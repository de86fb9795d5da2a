/** The store's Subscription as the reply renderers see it. */
import type { SubscriptionView } from '../../core/blocks/subscription-replies.js';
import type { Subscription } from '../../store/store.js';

export function subscriptionView(sub: Subscription): SubscriptionView {
  return {
    channelId: sub.channelId,
    topics: sub.topics,
    schedule: { time: sub.time, timezone: sub.timezone, days: sub.days },
    pausedReason: sub.pausedReason,
  };
}
