/**
 * SQLite adapter (better-sqlite3). Synchronous underneath; each statement is atomic and
 * busy_timeout lets two processes on one file wait for each other instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Paper } from '../core/paper.js';
import { MIGRATIONS } from './migrations.js';
import { classifyStoreErrors, sqliteUnavailableReason } from './store-errors.js';
import { type DigestKey, type DigestRecord, type NewSubscription, type SaveEntry, type Store, type Subscription, type VoteTally } from './store.js';

type Row = Record<string, unknown>;

export interface SqliteStore extends Store {
  readonly path: string;
}

export function openSqliteStore(path: string): SqliteStore {
  if (path.trim() === '') throw new Error('openSqliteStore: path is empty (use ":memory:" for a throwaway DB)');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Said explicitly: better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so without it
  // a connection is FULL on the start that creates the file and NORMAL on every later one.
  db.pragma('synchronous = FULL');
  return classifyStoreErrors(new SqliteStoreImpl(db, path === ':memory:' ? db : openSeenEventsConnection(path), path), sqliteUnavailableReason);
}

/**
 * The replay guard records every signed request it handles (markEventSeen): one insert per Slack
 * request, the only write on the search path. On its own connection to the same file it commits
 * with synchronous = NORMAL: in WAL mode a commit is then written to the operating system, not
 * fsynced, so it survives the process crashing (the replay window is all it protects, 5
 * minutes) and only a power cut or kernel crash can lose the last ones; everything else
 * (saves, votes, subscriptions, digest claims) is FULL, an fsync per commit. An fsync per
 * insert took 0.7-2 ms of the event loop per request on these disks under load, against
 * 0.03-0.09 ms without.
 */
function openSeenEventsConnection(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

function toSubscription(r: Row): Subscription {
  return {
    teamId: String(r.team_id),
    channelId: String(r.channel_id),
    topics: JSON.parse(String(r.topics)) as string[],
    time: String(r.time),
    timezone: String(r.timezone),
    days: r.days as Subscription['days'],
    pausedReason: r.paused_reason == null ? null : String(r.paused_reason),
    createdBy: String(r.created_by),
    createdAt: new Date(String(r.created_at)),
    updatedAt: new Date(String(r.updated_at)),
  };
}

function toDigest(r: Row): DigestRecord {
  return {
    teamId: String(r.team_id),
    channelId: String(r.channel_id),
    digestDate: String(r.digest_date),
    topicsKey: String(r.topics_key),
    claimedBy: String(r.claimed_by),
    claimedAt: new Date(Number(r.claimed_at)),
    messageTs: r.message_ts == null ? null : String(r.message_ts),
    postedAt: r.posted_at == null ? null : new Date(Number(r.posted_at)),
    paperIds: JSON.parse(String(r.paper_ids)) as string[],
    status: r.status as DigestRecord['status'],
  };
}

class SqliteStoreImpl implements SqliteStore {
  /**
   * Each statement compiled once: every SQL text here is a constant, so this holds a few dozen at
   * most, and compiling cost more than running (the replay guard's insert and the vote counts run
   * on every search at 200 commands/s).
   */
  private readonly statements = new Map<string, Database.Statement>();

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  constructor(
    private readonly db: Database.Database,
    /** markEventSeen and forgetSeenEvents only (openSeenEventsConnection); the same as db for ":memory:". */
    private readonly seenDb: Database.Database,
    readonly path: string,
  ) {}

  private readonly seenStatements = new Map<string, Database.Statement>();

  private prepareSeen(sql: string): Database.Statement {
    let statement = this.seenStatements.get(sql);
    if (!statement) this.seenStatements.set(sql, (statement = this.seenDb.prepare(sql)));
    return statement;
  }

  async migrate(): Promise<void> {
    // IMMEDIATE takes the write lock up front, so two processes migrating together serialise.
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const run = this.db.transaction(() => {
      const done = new Set(
        (this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        this.db.exec(m.sqlite);
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
      }
    });
    run.immediate();
  }

  async close(): Promise<void> {
    if (this.seenDb !== this.db && this.seenDb.open) this.seenDb.close();
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.prepare('SELECT 1').get();
  }

  async upsertPapers(papers: readonly Paper[]): Promise<void> {
    // Unchanged rows are left alone: every start upserts the whole corpus.
    const stmt = this.prepare(
      // One write at a time (SQLite's lock), so the next mark is the largest so far plus one.
      `INSERT INTO papers (id, data, arxiv_id, arxiv_version, published_at, seq) VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM papers))
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, arxiv_id = excluded.arxiv_id,
         arxiv_version = excluded.arxiv_version, published_at = excluded.published_at, seq = excluded.seq
       WHERE papers.data <> excluded.data AND (papers.arxiv_id IS NULL OR excluded.arxiv_id IS NOT NULL)`,
    );
    this.db.transaction(() => {
      for (const p of papers) stmt.run(p.id, JSON.stringify(p), p.arxivId ?? null, p.arxivVersion ?? null, p.publishedAt ?? null);
    })();
  }

  async listPapers(): Promise<Paper[]> {
    return (this.prepare('SELECT data FROM papers ORDER BY id').all() as Row[]).map((r) => JSON.parse(String(r.data)) as Paper);
  }

  async listIngestedPapers(): Promise<Paper[]> {
    return (this.prepare('SELECT data FROM papers WHERE arxiv_id IS NOT NULL ORDER BY id').all() as Row[]).map((r) => JSON.parse(String(r.data)) as Paper);
  }

  async ingestedPapersSince(after: number, limit: number): Promise<{ papers: Paper[]; mark: number; more: boolean }> {
    const rows = this.prepare('SELECT CASE WHEN arxiv_id IS NOT NULL THEN data END AS data, seq FROM papers WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit) as Row[];
    return {
      papers: rows.filter((r) => r.data !== null).map((r) => JSON.parse(String(r.data)) as Paper),
      mark: rows.length === 0 ? after : Number(rows[rows.length - 1]!.seq),
      more: rows.length === limit,
    };
  }

  async paperMark(): Promise<number> {
    return Number((this.prepare('SELECT COALESCE(MAX(seq), 0) AS mark FROM papers').get() as Row).mark);
  }

  async findPapers(keys: { readonly ids: readonly string[]; readonly arxivIds: readonly string[] }): Promise<Paper[]> {
    if (keys.ids.length === 0 && keys.arxivIds.length === 0) return [];
    const rows = this.prepare('SELECT data FROM papers WHERE id IN (SELECT value FROM json_each(?)) OR arxiv_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(keys.ids), JSON.stringify(keys.arxivIds)) as Row[];
    return rows.map((r) => JSON.parse(String(r.data)) as Paper);
  }

  async getSubscription(teamId: string, channelId: string): Promise<Subscription | null> {
    const r = this.prepare('SELECT * FROM subscriptions WHERE team_id = ? AND channel_id = ?').get(teamId, channelId) as Row | undefined;
    return r ? toSubscription(r) : null;
  }

  async saveSubscription(sub: NewSubscription, now: Date): Promise<Subscription> {
    const iso = now.toISOString();
    this.prepare(
        `INSERT INTO subscriptions (team_id, channel_id, topics, time, timezone, days, paused_reason, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
         ON CONFLICT (team_id, channel_id) DO UPDATE SET topics = excluded.topics, time = excluded.time,
           timezone = excluded.timezone, days = excluded.days, paused_reason = NULL, updated_at = excluded.updated_at`,
      )
      .run(sub.teamId, sub.channelId, JSON.stringify(sub.topics), sub.time, sub.timezone, sub.days, sub.createdBy, iso, iso);
    const saved = await this.getSubscription(sub.teamId, sub.channelId);
    if (!saved) throw new Error(`saveSubscription: row for ${sub.teamId}/${sub.channelId} vanished after upsert`);
    return saved;
  }

  async deleteSubscription(teamId: string, channelId: string): Promise<boolean> {
    return this.prepare('DELETE FROM subscriptions WHERE team_id = ? AND channel_id = ?').run(teamId, channelId).changes > 0;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return (this.prepare('SELECT * FROM subscriptions ORDER BY team_id, channel_id').all() as Row[]).map(toSubscription);
  }

  async pauseSubscription(teamId: string, channelId: string, reason: string, now: Date): Promise<void> {
    this.prepare('UPDATE subscriptions SET paused_reason = ?, updated_at = ? WHERE team_id = ? AND channel_id = ?')
      .run(reason, now.toISOString(), teamId, channelId);
  }

  async claimDigest(key: DigestKey, claimant: string, now: Date, staleAfterMs: number): Promise<DigestRecord | null> {
    const t = now.getTime();
    const inserted = this.prepare(
        `INSERT INTO digests (team_id, channel_id, digest_date, topics_key, claimed_by, claimed_at, status)
         VALUES (?, ?, ?, ?, ?, ?, 'claimed') ON CONFLICT DO NOTHING`,
      )
      .run(key.teamId, key.channelId, key.digestDate, key.topicsKey, claimant, t);
    if (inserted.changes === 1) return this.getDigest(key);
    const existing = await this.getDigest(key);
    if (!existing) return null;
    if (existing.status !== 'claimed' && existing.status !== 'failed') return null;
    if (existing.claimedAt.getTime() >= t - staleAfterMs) return null;
    // Compare-and-set on the old claimant and time: of two racing takeovers only one matches.
    const took = this.prepare(
        `UPDATE digests SET claimed_by = ?, claimed_at = ?, status = 'claimed', error = NULL
         WHERE team_id = ? AND channel_id = ? AND digest_date = ? AND topics_key = ? AND status IN ('claimed', 'failed')
           AND claimed_by = ? AND claimed_at = ?`,
      )
      .run(claimant, t, key.teamId, key.channelId, key.digestDate, key.topicsKey, existing.claimedBy, existing.claimedAt.getTime());
    return took.changes === 1 ? this.getDigest(key) : null;
  }

  async completeDigest(
    key: DigestKey,
    claimant: string,
    outcome: { status: 'posted'; messageTs: string; paperIds: readonly string[] } | { status: 'skipped' } | { status: 'failed'; error: string },
    now: Date,
  ): Promise<void> {
    this.db.transaction(() => {
      if (outcome.status === 'posted') {
        const res = this.prepare(
            `UPDATE digests SET status = 'posted', message_ts = ?, posted_at = ?, paper_ids = ?, error = NULL
             WHERE team_id = ? AND channel_id = ? AND digest_date = ? AND topics_key = ? AND claimed_by = ?`,
          )
          .run(outcome.messageTs, now.getTime(), JSON.stringify(outcome.paperIds), key.teamId, key.channelId, key.digestDate, key.topicsKey, claimant);
        if (res.changes === 0) return;
        const ins = this.prepare(
          `INSERT INTO delivered_papers (team_id, channel_id, paper_id, digest_date) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        );
        for (const id of outcome.paperIds) ins.run(key.teamId, key.channelId, id, key.digestDate);
      } else {
        this.prepare(
            `UPDATE digests SET status = ?, error = ?
             WHERE team_id = ? AND channel_id = ? AND digest_date = ? AND topics_key = ? AND claimed_by = ?`,
          )
          .run(outcome.status, outcome.status === 'failed' ? outcome.error : null, key.teamId, key.channelId, key.digestDate, key.topicsKey, claimant);
      }
    })();
  }

  async getDigest(key: DigestKey): Promise<DigestRecord | null> {
    const r = this.prepare('SELECT * FROM digests WHERE team_id = ? AND channel_id = ? AND digest_date = ? AND topics_key = ?')
      .get(key.teamId, key.channelId, key.digestDate, key.topicsKey) as Row | undefined;
    return r ? toDigest(r) : null;
  }

  async settledDigestDates(key: Omit<DigestKey, 'digestDate'>, fromDate: string): Promise<Set<string>> {
    const rows = this.prepare(
        `SELECT digest_date FROM digests WHERE team_id = ? AND channel_id = ? AND topics_key = ? AND digest_date >= ?
           AND status IN ('posted', 'skipped')`,
      )
      .all(key.teamId, key.channelId, key.topicsKey, fromDate) as Row[];
    return new Set(rows.map((r) => String(r.digest_date)));
  }

  async lastPostedDigest(teamId: string, channelId: string): Promise<DigestRecord | null> {
    const r = this.prepare(`SELECT * FROM digests WHERE team_id = ? AND channel_id = ? AND status = 'posted' ORDER BY digest_date DESC, posted_at DESC LIMIT 1`)
      .get(teamId, channelId) as Row | undefined;
    return r ? toDigest(r) : null;
  }

  async deliveredPaperIds(teamId: string, channelId: string): Promise<Set<string>> {
    const rows = this.prepare('SELECT paper_id FROM delivered_papers WHERE team_id = ? AND channel_id = ?').all(teamId, channelId) as Row[];
    return new Set(rows.map((r) => String(r.paper_id)));
  }

  async addVote(teamId: string, paperId: string, userId: string, now: Date): Promise<boolean> {
    return (
      this.prepare('INSERT INTO votes (team_id, paper_id, user_id, voted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(teamId, paperId, userId, now.getTime()).changes === 1
    );
  }

  async removeVote(teamId: string, paperId: string, userId: string): Promise<boolean> {
    return this.prepare('DELETE FROM votes WHERE team_id = ? AND paper_id = ? AND user_id = ?').run(teamId, paperId, userId).changes > 0;
  }

  async votesSince(teamId: string, since: Date): Promise<VoteTally[]> {
    const rows = this.prepare('SELECT paper_id, voted_at FROM votes WHERE team_id = ? AND voted_at >= ? ORDER BY paper_id, voted_at')
      .all(teamId, since.getTime()) as Row[];
    const byPaper = new Map<string, Date[]>();
    for (const r of rows) {
      const id = String(r.paper_id);
      const list = byPaper.get(id) ?? [];
      list.push(new Date(Number(r.voted_at)));
      byPaper.set(id, list);
    }
    return [...byPaper].map(([paperId, votedAt]) => ({ paperId, votedAt }));
  }

  async addSave(teamId: string, userId: string, paperId: string, now: Date): Promise<boolean> {
    return (
      this.prepare('INSERT INTO saves (team_id, user_id, paper_id, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(teamId, userId, paperId, now.getTime()).changes === 1
    );
  }

  async removeSave(teamId: string, userId: string, paperId: string): Promise<boolean> {
    return this.prepare('DELETE FROM saves WHERE team_id = ? AND user_id = ? AND paper_id = ?').run(teamId, userId, paperId).changes > 0;
  }

  async listSaves(teamId: string, userId: string): Promise<string[]> {
    const rows = this.prepare('SELECT paper_id FROM saves WHERE team_id = ? AND user_id = ? ORDER BY saved_at, paper_id')
      .all(teamId, userId) as Row[];
    return rows.map((r) => String(r.paper_id));
  }

  async claimJobRun(job: string, slot: string, claimant: string, now: Date): Promise<boolean> {
    return (
      this.prepare('INSERT INTO job_runs (job, slot, claimed_by, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(job, slot, claimant, now.getTime()).changes === 1
    );
  }

  async forgetSeenEvents(before: Date): Promise<number> {
    return this.prepareSeen('DELETE FROM seen_events WHERE seen_at < ?').run(before.getTime()).changes;
  }

  async markEventSeen(eventId: string, now: Date): Promise<boolean> {
    return this.prepareSeen('INSERT INTO seen_events (event_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(eventId, now.getTime()).changes === 1;
  }

  async toggleVote(teamId: string, paperId: string, userId: string, now: Date): Promise<{ voted: boolean; count: number }> {
    // One transaction: the flip and the count it reports are the same state.
    return this.db.transaction(() => {
      const removed = this.prepare('DELETE FROM votes WHERE team_id = ? AND paper_id = ? AND user_id = ?').run(teamId, paperId, userId).changes > 0;
      if (!removed) this.prepare('INSERT INTO votes (team_id, paper_id, user_id, voted_at) VALUES (?, ?, ?, ?)').run(teamId, paperId, userId, now.getTime());
      const row = this.prepare('SELECT count(*) AS n FROM votes WHERE team_id = ? AND paper_id = ?').get(teamId, paperId) as Row;
      return { voted: !removed, count: Number(row.n) };
    }).immediate();
  }

  async voteCounts(teamId: string, paperIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (paperIds.length === 0) return out;
    const rows = this.prepare(`SELECT paper_id, count(*) AS n FROM votes WHERE team_id = ? AND paper_id IN (SELECT value FROM json_each(?)) GROUP BY paper_id`)
      .all(teamId, JSON.stringify(paperIds)) as Row[];
    for (const r of rows) out.set(String(r.paper_id), Number(r.n));
    return out;
  }

  async userVotes(teamId: string, userId: string): Promise<string[]> {
    const rows = this.prepare('SELECT paper_id FROM votes WHERE team_id = ? AND user_id = ? ORDER BY voted_at DESC, paper_id').all(teamId, userId) as Row[];
    return rows.map((r) => String(r.paper_id));
  }

  async rememberPaperMessage(teamId: string, channelId: string, messageTs: string, paperId: string): Promise<void> {
    this.prepare('INSERT INTO paper_messages (team_id, channel_id, message_ts, paper_id) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET paper_id = excluded.paper_id')
      .run(teamId, channelId, messageTs, paperId);
  }

  async paperOfMessage(teamId: string, channelId: string, messageTs: string): Promise<string | null> {
    const r = this.prepare('SELECT paper_id FROM paper_messages WHERE team_id = ? AND channel_id = ? AND message_ts = ?').get(teamId, channelId, messageTs) as Row | undefined;
    return r ? String(r.paper_id) : null;
  }

  async listSaveEntries(teamId: string, userId: string): Promise<SaveEntry[]> {
    const rows = this.prepare('SELECT paper_id, saved_at, read_at FROM saves WHERE team_id = ? AND user_id = ? ORDER BY saved_at DESC, paper_id DESC')
      .all(teamId, userId) as Row[];
    return rows.map((r) => ({ paperId: String(r.paper_id), savedAt: new Date(Number(r.saved_at)), readAt: r.read_at == null ? null : new Date(Number(r.read_at)) }));
  }

  async markSaveRead(teamId: string, userId: string, paperId: string, now: Date): Promise<boolean> {
    return (
      this.prepare('UPDATE saves SET read_at = ? WHERE team_id = ? AND user_id = ? AND paper_id = ? AND read_at IS NULL').run(now.getTime(), teamId, userId, paperId).changes > 0
    );
  }

  async recordShown(teamId: string, userId: string, paperIds: readonly string[], now: Date): Promise<void> {
    const insert = this.prepare(
      'INSERT INTO shown_papers (team_id, user_id, paper_id, shown_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET shown_at = excluded.shown_at',
    );
    this.db.transaction(() => {
      for (const id of paperIds) insert.run(teamId, userId, id, now.getTime());
    })();
  }

  async shownSince(teamId: string, userId: string, since: Date): Promise<Set<string>> {
    const rows = this.prepare('SELECT paper_id FROM shown_papers WHERE team_id = ? AND user_id = ? AND shown_at >= ?').all(teamId, userId, since.getTime()) as Row[];
    return new Set(rows.map((r) => String(r.paper_id)));
  }
}
