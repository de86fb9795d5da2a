/**
 * What the subscription subcommands need, passed in by buildDigestSubcommands (no singletons).
 */
import type { DigestNowOutcome } from '../../digest/deliver-digest.js';
import type { Store, Subscription } from '../../store/store.js';

export interface DigestSubcommandDeps {
  readonly store: Pick<Store, 'getSubscription' | 'saveSubscription' | 'deleteSubscription' | 'lastPostedDigest' | 'settledDigestDates'>;
  readonly config: {
    /** "HH:MM" for new subscriptions. */
    readonly defaultTime: string;
    /** IANA zone for new subscriptions. */
    readonly defaultTimezone: string;
    readonly maxPapers: number;
  };
  /**
   * The digest use case, the same one the scheduler calls, so `/papers digest now` claims and
   * records (channel, today) exactly like the 09:00 run and the two can never both post.
   */
  readonly deliver: (subscription: Subscription, now: Date) => Promise<DigestNowOutcome>;
  /**
   * Whether any paper in the corpus matches a topic (a search with at least one hit). Optional;
   * when given, `subscribe` warns about topics that match nothing, usually a typo ("difusion").
   */
  readonly topicHasMatches?: (topic: string) => boolean;
}
