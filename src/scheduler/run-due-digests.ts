/**
 * One scheduler pass: every subscription whose digest is due now gets deliverDigest. Due means
 * today's fire time in the channel's zone has passed (schedule.ts), and stays true for the rest
 * of that local day, so a pass at start-up catches up a digest missed while the bot was down.
 * A date whose digest is settled (posted or skipped, e.g. by `/papers digest now`) is not due:
 * the same rule the replies' "Next digest" uses (schedule.ts). Repeating passes are harmless
 * anyway: the store's claim makes each (channel, date, topics key) post at most once.
 */
import { digestTopicsKey } from '../core/digest/digest-key.js';
import { dueDigestDate, localDateOf } from '../core/digest/schedule.js';
import { deliverDigest, type DeliverDigestDeps, type DeliverDigestStore, type DigestNowOutcome } from '../digest/deliver-digest.js';
import type { Store, Subscription } from '../store/store.js';

export interface RunDueDigestsDeps extends DeliverDigestDeps {
  readonly store: DeliverDigestStore & Pick<Store, 'listSubscriptions' | 'settledDigestDates'>;
}

export interface DueDigestResult {
  readonly channelId: string;
  readonly outcome: DigestNowOutcome;
}

/** The subscriptions whose time has come at `now` and are not paused (settled or not). */
export function selectDueSubscriptions(subscriptions: readonly Subscription[], now: Date): Subscription[] {
  return subscriptions.filter((sub) => {
    if (sub.pausedReason !== null) return false;
    try {
      return dueDigestDate(sub, now) !== null;
    } catch {
      // A corrupt time or zone in one row must not stop everyone else's digest.
      return false;
    }
  });
}

export async function runDueDigests(deps: RunDueDigestsDeps, now: Date): Promise<DueDigestResult[]> {
  const candidates = selectDueSubscriptions(await deps.store.listSubscriptions(), now);
  const results: DueDigestResult[] = [];
  // Sequential on purpose: one post at a time keeps us well inside Slack's per-channel and
  // per-workspace rate limits, and a 429's Retry-After pauses the whole pass, as Slack asks.
  for (const sub of candidates) {
    let outcome: DigestNowOutcome;
    try {
      // The same rule the replies' "Next digest" uses: a settled date (digest now, an earlier
      // pass) is not due, so nothing is attempted for it.
      const today = localDateOf(now, sub.timezone);
      const settled = await deps.store.settledDigestDates({ teamId: sub.teamId, channelId: sub.channelId, topicsKey: digestTopicsKey(sub.topics) }, today);
      if (dueDigestDate(sub, now, (date) => settled.has(date)) === null) continue;
      outcome = await deliverDigest(deps, sub, now);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.error({ err: error, channel: sub.channelId, teamId: sub.teamId }, 'digest delivery threw; continuing with the other channels');
      outcome = { kind: 'failed', error: message };
    }
    results.push({ channelId: sub.channelId, outcome });
  }
  return results;
}
