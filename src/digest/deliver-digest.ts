/**
 * The one digest use case: the cron run, `/papers digest now`, catch-up at start and the CLI all
 * come through deliverDigest, so they share one exactly-once path.
 *
 * Exactly once rests on three things:
 *  1. the store's atomic claim on (team, channel, local date, topics key): only the claimant
 *     posts, and a new subscription with other topics is a new key (core/digest/digest-key.ts);
 *  2. the Slack message carries metadata naming that date, so whoever takes over a stale or
 *     failed claim first looks for a message a crashed predecessor already posted;
 *  3. the poster checks the same way before retrying an ambiguous failure (5xx, timeout).
 * The window left is a crash after Slack accepted a post whose history we cannot read (missing
 * channels:history/groups:history scope): then a takeover posts again, and says so in the log.
 */
import type { Logger } from 'pino';
import type { DigestNowOutcome } from '../core/digest/digest-outcome.js';
import { digestTopicsKey } from '../core/digest/digest-key.js';
import { localDateOf } from '../core/digest/schedule.js';
import type { DigestKey, Store, Subscription } from '../store/store.js';
import type { ComposeDigest } from './compose-digest.js';
import type { DigestChannel, DigestSlot } from './digest-channel.js';

export type { DigestNowOutcome } from '../core/digest/digest-outcome.js';

/** A claim older than this that was never completed belongs to a process presumed dead. */
export const DEFAULT_STALE_AFTER_MS = 10 * 60_000;
/** Votes older than this do not move the trending score enough to matter. */
const VOTE_WINDOW_MS = 30 * 24 * 3_600_000;

export type DeliverDigestStore = Pick<
  Store,
  'claimDigest' | 'completeDigest' | 'getDigest' | 'deliveredPaperIds' | 'votesSince' | 'pauseSubscription'
>;

export interface DeliverDigestDeps {
  readonly store: DeliverDigestStore;
  /** Where digests are posted and earlier posts found (the Slack poster in production). */
  readonly channel: DigestChannel;
  readonly compose: ComposeDigest;
  readonly logger: Logger;
  /** Names this process in claims ("hostname:pid"), so its claims can be told from others'. */
  readonly claimant: string;
  readonly staleAfterMs?: number;
  /** Tries per post, counting the first. Default 5. */
  readonly maxAttempts?: number;
  /** Told each outcome this process brought about (posted, nothing-new, paused, failed), for metrics. */
  readonly onOutcome?: (outcome: DigestNowOutcome) => void;
}

export async function deliverDigest(deps: DeliverDigestDeps, subscription: Subscription, now: Date): Promise<DigestNowOutcome> {
  const { store, logger } = deps;
  // Only outcomes this call produced are reported, not a day already settled (asked every minute).
  const report = (outcome: DigestNowOutcome): DigestNowOutcome => {
    try {
      deps.onOutcome?.(outcome);
    } catch {
      // An observer's bug must not turn a delivered digest into a failure.
    }
    return outcome;
  };
  const digestDate = localDateOf(now, subscription.timezone);
  const topicsKey = digestTopicsKey(subscription.topics);
  const key: DigestKey = { teamId: subscription.teamId, channelId: subscription.channelId, digestDate, topicsKey };
  const slot: DigestSlot = { channelId: key.channelId, timezone: subscription.timezone, digestDate, topicsKey };
  const log = logger.child({ teamId: key.teamId, channel: key.channelId, digestDate, claimant: deps.claimant });

  // Read before claiming: a row that already exists means any claim we get is a takeover, and
  // a takeover must first look for a message its predecessor may have posted.
  const before = await store.getDigest(key);
  if (before && (before.status === 'posted' || before.status === 'skipped')) return settledOutcome(before);

  const claim = await store.claimDigest(key, deps.claimant, now, deps.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  if (!claim) {
    const existing = await store.getDigest(key);
    log.debug({ status: existing?.status ?? null }, 'digest claimed elsewhere; not posting');
    return existing ? settledOutcome(existing) : { kind: 'already-done', messageTs: null };
  }

  try {
    if (before) {
      log.info({ previousClaimant: before.claimedBy, previousStatus: before.status }, 'taking over an unfinished digest');
      const found = await deps.channel.findPosted(slot, log);
      if (found) {
        await store.completeDigest(key, deps.claimant, { status: 'posted', messageTs: found.ts, paperIds: found.paperIds }, now);
        log.info({ ts: found.ts }, 'digest was already in the channel; recorded it without reposting');
        return { kind: 'already-done', messageTs: found.ts };
      }
    }

    const delivered = await store.deliveredPaperIds(key.teamId, key.channelId);
    const votes = await store.votesSince(key.teamId, new Date(now.getTime() - VOTE_WINDOW_MS));
    const plan = deps.compose({ target: subscription, digestDate, delivered, votes, now });
    if (!plan) {
      await store.completeDigest(key, deps.claimant, { status: 'skipped' }, now);
      log.info('nothing new for this channel; no digest today');
      return report({ kind: 'nothing-new' });
    }

    const result = await deps.channel.post(slot, plan, log);

    if (result.ok) {
      await store.completeDigest(key, deps.claimant, { status: 'posted', messageTs: result.ts, paperIds: plan.paperIds }, now);
      log.info({ ts: result.ts, paperCount: plan.paperIds.length }, 'digest posted');
      return report({ kind: 'posted', messageTs: result.ts, paperCount: plan.paperIds.length });
    }
    if (result.kind === 'channel-unavailable') {
      await store.pauseSubscription(key.teamId, key.channelId, result.error, now);
      await store.completeDigest(key, deps.claimant, { status: 'failed', error: result.error }, now);
      log.warn({ error: result.error }, 'channel cannot take messages; subscription paused until it is saved again');
      return report({ kind: 'paused', reason: result.error });
    }
    await store.completeDigest(key, deps.claimant, { status: 'failed', error: result.error }, now);
    log.error({ error: result.error }, 'digest not posted; a later run retries once the claim goes stale');
    return report({ kind: 'failed', error: result.error });
  } catch (error) {
    // Compose or store trouble after the claim: record the failure so the claim does not sit
    // "claimed" and block `/papers digest now` for the whole stale window.
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error }, 'digest delivery crashed after claiming');
    await store.completeDigest(key, deps.claimant, { status: 'failed', error: message }, now).catch((recordError: unknown) => {
      log.error({ err: recordError }, 'could not record the digest failure; the claim goes stale instead');
    });
    return report({ kind: 'failed', error: message });
  }
}

function settledOutcome(record: { status: string; messageTs: string | null }): DigestNowOutcome {
  if (record.status === 'skipped') return { kind: 'nothing-new' };
  if (record.status === 'failed' && record.messageTs === null) {
    return { kind: 'failed', error: 'an attempt moments ago failed; it is retried automatically in a few minutes' };
  }
  return { kind: 'already-done', messageTs: record.messageTs };
}
