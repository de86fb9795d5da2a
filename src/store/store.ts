/**
 * The storage port. Two adapters implement it (SQLite for one process, PostgreSQL for several)
 * and both must pass the one contract suite in test/store/store.contract.ts.
 *
 * Every method is async, even on SQLite, so callers never care which adapter runs.
 * A database that cannot be reached throws StoreUnavailableError (store-errors.ts), never a raw
 * driver error. Times come in as arguments (`now`), never read from a clock here, so tests stay deterministic.
 */
import type { Paper } from '../core/paper.js';
import type { SignalStore } from './signal-store.js';

export type { SaveEntry, SignalStore } from './signal-store.js';

export type DigestDays = 'weekdays' | 'daily';

export interface Subscription {
  readonly teamId: string;
  readonly channelId: string;
  /** Lower-cased, trimmed, deduplicated; empty means "overall trending". */
  readonly topics: readonly string[];
  /** Local wall-clock time "HH:MM" in `timezone`. */
  readonly time: string;
  /** IANA zone name, e.g. "Europe/Berlin". */
  readonly timezone: string;
  readonly days: DigestDays;
  /** Set when Slack said the channel cannot take messages (archived, bot removed...). */
  readonly pausedReason: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewSubscription {
  readonly teamId: string;
  readonly channelId: string;
  readonly topics: readonly string[];
  readonly time: string;
  readonly timezone: string;
  readonly days: DigestDays;
  readonly createdBy: string;
}

/**
 * Names one digest: a channel's subscription on one local date ("YYYY-MM-DD" in its zone).
 * `topicsKey` (digestTopicsKey in core/digest/digest-key.ts) tells a new subscription with other
 * topics from the old one.
 */
export interface DigestKey {
  readonly teamId: string;
  readonly channelId: string;
  readonly digestDate: string;
  readonly topicsKey: string;
}

/** One digest for one channel's subscription on one local date. */
export interface DigestRecord {
  readonly teamId: string;
  readonly channelId: string;
  readonly digestDate: string;
  readonly topicsKey: string;
  /** Who claimed it (process id string), so a stale claim can be recognised. */
  readonly claimedBy: string;
  readonly claimedAt: Date;
  /** Slack message ts once posted; null while claimed but not (known to be) posted. */
  readonly messageTs: string | null;
  readonly postedAt: Date | null;
  readonly paperIds: readonly string[];
  /** "posted" | "claimed" | "skipped" (nothing new) | "failed" */
  readonly status: 'claimed' | 'posted' | 'skipped' | 'failed';
}

export interface VoteTally {
  readonly paperId: string;
  /** Vote timestamps, so the caller can apply its own time decay. */
  readonly votedAt: readonly Date[];
}

export interface Store extends SignalStore {
  /** Apply pending migrations. Idempotent; safe when two processes start together. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when the database answers a trivial query; throws StoreUnavailableError when not. */
  ping(): Promise<void>;

  // Papers: the corpus the bot serves, upserted by id.
  /**
   * Inserts or replaces each paper by id (at most once per id in one call). A paper without an
   * arXiv id (a seed listing) never replaces a stored one that has it: the ingest merged the seed
   * listing into that record, and the bot's copy of the seed corpus at start must not undo it.
   * Two papers with one arXiv id under different ids are refused (the call fails as a whole).
   */
  upsertPapers(papers: readonly Paper[]): Promise<void>;
  listPapers(): Promise<Paper[]>;
  /** The papers an ingest stored (those with an arXiv id), by id; the seed listings left out. */
  listIngestedPapers(): Promise<Paper[]>;
  /**
   * The papers stored or changed after the high-water mark `after` (0: from the first), read in
   * the order they were written, at most `limit` of them: the ingested ones among them (those
   * with an arXiv id), the mark of the last one read (`after` itself when none was), and whether
   * there may be more (`limit` were read). Replicas poll it to search what an ingest on any of
   * them stored. The mark passes seed listings too, so a poll never reads them again: the bot's
   * store copy of 100,000 seed papers, rescanned on every poll, held the event loop ~60 ms each
   * time. Marks only rise, and a write is seen in mark order (writes of papers are serialised on
   * PostgreSQL, so none commits behind a later mark).
   */
  ingestedPapersSince(after: number, limit: number): Promise<{ papers: Paper[]; mark: number; more: boolean }>;
  /** The high-water mark now: the mark of the last paper written (0 before any). */
  paperMark(): Promise<number>;
  /** The stored papers with any of these ids or arXiv ids, in no particular order. */
  findPapers(keys: { readonly ids: readonly string[]; readonly arxivIds: readonly string[] }): Promise<Paper[]>;

  // Subscriptions: one per channel.
  getSubscription(teamId: string, channelId: string): Promise<Subscription | null>;
  /** Insert or replace the channel's subscription (topics, time, zone, days); clears any pause. */
  saveSubscription(sub: NewSubscription, now: Date): Promise<Subscription>;
  deleteSubscription(teamId: string, channelId: string): Promise<boolean>;
  listSubscriptions(): Promise<Subscription[]>;
  pauseSubscription(teamId: string, channelId: string, reason: string, now: Date): Promise<void>;

  // Digest log: the exactly-once ledger, once per (team, channel, date, topics key).
  /**
   * Atomically claim (channel, date). Returns the claim when this caller now owns it, or null
   * when another caller already claimed it and the claim is not stale (older than `staleAfterMs`
   * without being posted), in which case the caller must not post.
   */
  claimDigest(
    key: DigestKey,
    claimant: string,
    now: Date,
    staleAfterMs: number,
  ): Promise<DigestRecord | null>;
  /** Record the outcome of a claim held by `claimant`. */
  completeDigest(
    key: DigestKey,
    claimant: string,
    outcome:
      | { status: 'posted'; messageTs: string; paperIds: readonly string[] }
      | { status: 'skipped' }
      | { status: 'failed'; error: string },
    now: Date,
  ): Promise<void>;
  getDigest(key: DigestKey): Promise<DigestRecord | null>;
  /**
   * The dates from `fromDate` on whose digest is settled (posted or skipped) for this
   * subscription: what the schedule skips (core/digest/schedule.ts, IsSettled).
   */
  settledDigestDates(key: Omit<DigestKey, 'digestDate'>, fromDate: string): Promise<Set<string>>;
  lastPostedDigest(teamId: string, channelId: string): Promise<DigestRecord | null>;
  /** Every paper id this channel has ever received in a posted digest. */
  deliveredPaperIds(teamId: string, channelId: string): Promise<Set<string>>;

  // Votes and saves, per workspace.
  /** Returns true when the vote is new, false when this user had already voted for the paper. */
  addVote(teamId: string, paperId: string, userId: string, now: Date): Promise<boolean>;
  removeVote(teamId: string, paperId: string, userId: string): Promise<boolean>;
  votesSince(teamId: string, since: Date): Promise<VoteTally[]>;
  addSave(teamId: string, userId: string, paperId: string, now: Date): Promise<boolean>;
  removeSave(teamId: string, userId: string, paperId: string): Promise<boolean>;
  listSaves(teamId: string, userId: string): Promise<string[]>;

  // Scheduled jobs: once per slot across every process on this database.
  /**
   * Atomically claim one run of a scheduled job (`job` "ingest", `slot` the fire time it is
   * for, e.g. "2026-12-01T06:00Z"). True for the one caller that now owns the run, false for
   * every later caller of the same (job, slot), whoever it is; claims are never taken over (a
   * run cut short is the next slot's to redo).
   */
  claimJobRun(job: string, slot: string, claimant: string, now: Date): Promise<boolean>;

  /**
   * Remember an event id (Slack retries events with X-Slack-Retry-Num); true the first time,
   * false for a repeat, so each event is handled once even across processes.
   */
  markEventSeen(eventId: string, now: Date): Promise<boolean>;
  /**
   * Forgets the ids markEventSeen recorded before `before` (Slack retries an event within minutes
   * and a signed request is stale after 5), so the table does not grow forever. Returns how many.
   */
  forgetSeenEvents(before: Date): Promise<number>;
}
