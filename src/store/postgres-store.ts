/**
 * PostgreSQL adapter (pg Pool) for several processes sharing one database. Every query is
 * parameterised; the only interpolated identifier is the schema name, validated first.
 */
import pg from 'pg';
import type { Paper } from '../core/paper.js';
import { MIGRATIONS } from './migrations.js';
import { classifyStoreErrors, postgresUnavailableReason } from './store-errors.js';
import { type DigestKey, type DigestRecord, type NewSubscription, type SaveEntry, type Store, type Subscription, type VoteTally } from './store.js';

type Row = Record<string, unknown>;

export interface PostgresStore extends Store {
  readonly schema: string | undefined;
}

/** Arbitrary constant so every paperboy process serialises on the same migration lock. */
const MIGRATION_LOCK_KEY = 7_314_159_265;

const UPSERT_BATCH = 1000;
/** The transaction lock every paper write takes (pg_advisory_xact_lock): an arbitrary constant, "pb" + "pp". */
const PAPER_WRITE_LOCK = 0x7062_7070;

export function openPostgresStore(url: string, options: { schema?: string } = {}): PostgresStore {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`openPostgresStore: schema must match [a-z_][a-z0-9_]* (got "${schema}")`);
  }
  // search_path goes in the startup options, not a query in pool.on('connect'): that query would race
  // the first user query on the same client (pg deprecates queued queries) and every connection gets it.
  // connectionTimeoutMillis: a database that drops packets fails a query in seconds, not never.
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Without a listener an idle client's error would crash the process. The pool drops that
  // client; the next query opens a new connection, which is all "reconnecting" takes.
  pool.on('error', () => undefined);
  return classifyStoreErrors(new PostgresStoreImpl(pool, schema), postgresUnavailableReason);
}

const toSubscription = (r: Row): Subscription => ({
  teamId: String(r.team_id),
  channelId: String(r.channel_id),
  topics: r.topics as string[],
  time: String(r.time),
  timezone: String(r.timezone),
  days: r.days as Subscription['days'],
  pausedReason: r.paused_reason == null ? null : String(r.paused_reason),
  createdBy: String(r.created_by),
  createdAt: new Date(r.created_at as Date),
  updatedAt: new Date(r.updated_at as Date),
});

const toDigest = (r: Row): DigestRecord => ({
  teamId: String(r.team_id),
  channelId: String(r.channel_id),
  digestDate: String(r.digest_date),
  topicsKey: String(r.topics_key),
  claimedBy: String(r.claimed_by),
  claimedAt: new Date(Number(r.claimed_at)),
  messageTs: r.message_ts == null ? null : String(r.message_ts),
  postedAt: r.posted_at == null ? null : new Date(Number(r.posted_at)),
  paperIds: r.paper_ids as string[],
  status: r.status as DigestRecord['status'],
});

class PostgresStoreImpl implements PostgresStore {
  constructor(
    private readonly pool: pg.Pool,
    readonly schema: string | undefined,
  ) {}

  private async q(sql: string, params: unknown[] = []): Promise<pg.QueryResult<Row>> {
    return this.pool.query<Row>(sql, params);
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      // Two processes starting together: the second waits here, then sees the schema and versions
      // applied (CREATE SCHEMA IF NOT EXISTS alone still races on pg_namespace).
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      if (this.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const done = new Set((await c.query<Row>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.postgres);
        await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async ping(): Promise<void> {
    await this.q('SELECT 1');
  }

  async upsertPapers(papers: readonly Paper[]): Promise<void> {
    if (papers.length === 0) return;
    // Every start upserts the whole corpus: batched (one round trip per thousand papers, not per
    // paper) and unchanged rows left alone, so a restart over a large corpus stays cheap.
    await this.tx(async (c) => {
      // Paper writes one at a time across replicas, so marks are committed in order: a poller
      // that has seen mark m never misses a write with a smaller mark committed after it.
      await c.query('SELECT pg_advisory_xact_lock($1)', [PAPER_WRITE_LOCK]);
      for (let i = 0; i < papers.length; i += UPSERT_BATCH) {
        const batch = papers.slice(i, i + UPSERT_BATCH);
        await c.query(
          `INSERT INTO papers (id, data, arxiv_id, arxiv_version, published_at, seq)
           SELECT u.*, nextval('papers_seq') FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::integer[], $5::text[]) AS u
           ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, arxiv_id = EXCLUDED.arxiv_id,
             arxiv_version = EXCLUDED.arxiv_version, published_at = EXCLUDED.published_at, seq = EXCLUDED.seq
           WHERE papers.data IS DISTINCT FROM EXCLUDED.data AND (papers.arxiv_id IS NULL OR EXCLUDED.arxiv_id IS NOT NULL)`,
          [
            batch.map((p) => p.id),
            batch.map((p) => JSON.stringify(p)),
            batch.map((p) => p.arxivId ?? null),
            batch.map((p) => p.arxivVersion ?? null),
            batch.map((p) => p.publishedAt ?? null),
          ],
        );
      }
    });
  }

  async listPapers(): Promise<Paper[]> {
    return (await this.q('SELECT data FROM papers ORDER BY id')).rows.map((r) => r.data as Paper);
  }

  async listIngestedPapers(): Promise<Paper[]> {
    return (await this.q('SELECT data FROM papers WHERE arxiv_id IS NOT NULL ORDER BY id')).rows.map((r) => r.data as Paper);
  }

  async ingestedPapersSince(after: number, limit: number): Promise<{ papers: Paper[]; mark: number; more: boolean }> {
    const rows = (await this.q('SELECT CASE WHEN arxiv_id IS NOT NULL THEN data END AS data, seq FROM papers WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit])).rows;
    return {
      papers: rows.filter((r) => r.data !== null).map((r) => r.data as Paper),
      mark: rows.length === 0 ? after : Number(rows[rows.length - 1]!.seq),
      more: rows.length === limit,
    };
  }

  async paperMark(): Promise<number> {
    return Number((await this.q('SELECT COALESCE(MAX(seq), 0) AS mark FROM papers')).rows[0]!.mark);
  }

  async findPapers(keys: { readonly ids: readonly string[]; readonly arxivIds: readonly string[] }): Promise<Paper[]> {
    if (keys.ids.length === 0 && keys.arxivIds.length === 0) return [];
    const rows = (await this.q('SELECT data FROM papers WHERE id = ANY($1::text[]) OR arxiv_id = ANY($2::text[])', [keys.ids, keys.arxivIds])).rows;
    return rows.map((r) => r.data as Paper);
  }

  async getSubscription(teamId: string, channelId: string): Promise<Subscription | null> {
    const r = (await this.q('SELECT * FROM subscriptions WHERE team_id = $1 AND channel_id = $2', [teamId, channelId])).rows[0];
    return r ? toSubscription(r) : null;
  }

  async saveSubscription(sub: NewSubscription, now: Date): Promise<Subscription> {
    const r = (
      await this.q(
        `INSERT INTO subscriptions (team_id, channel_id, topics, time, timezone, days, paused_reason, created_by, created_at, updated_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, NULL, $7, $8, $8)
         ON CONFLICT (team_id, channel_id) DO UPDATE SET topics = EXCLUDED.topics, time = EXCLUDED.time,
           timezone = EXCLUDED.timezone, days = EXCLUDED.days, paused_reason = NULL, updated_at = EXCLUDED.updated_at
         RETURNING *`,
        [sub.teamId, sub.channelId, JSON.stringify(sub.topics), sub.time, sub.timezone, sub.days, sub.createdBy, now],
      )
    ).rows[0];
    if (!r) throw new Error(`saveSubscription: upsert of ${sub.teamId}/${sub.channelId} returned no row`);
    return toSubscription(r);
  }

  async deleteSubscription(teamId: string, channelId: string): Promise<boolean> {
    return ((await this.q('DELETE FROM subscriptions WHERE team_id = $1 AND channel_id = $2', [teamId, channelId])).rowCount ?? 0) > 0;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.q('SELECT * FROM subscriptions ORDER BY team_id, channel_id')).rows.map(toSubscription);
  }

  async pauseSubscription(teamId: string, channelId: string, reason: string, now: Date): Promise<void> {
    await this.q('UPDATE subscriptions SET paused_reason = $1, updated_at = $2 WHERE team_id = $3 AND channel_id = $4', [reason, now, teamId, channelId]);
  }

  async claimDigest(key: DigestKey, claimant: string, now: Date, staleAfterMs: number): Promise<DigestRecord | null> {
    const t = now.getTime();
    const ins = await this.q(
      `INSERT INTO digests (team_id, channel_id, digest_date, topics_key, claimed_by, claimed_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'claimed') ON CONFLICT DO NOTHING RETURNING *`,
      [key.teamId, key.channelId, key.digestDate, key.topicsKey, claimant, t],
    );
    if (ins.rows[0]) return toDigest(ins.rows[0]);
    const existing = await this.getDigest(key);
    if (!existing) return null;
    if (existing.status !== 'claimed' && existing.status !== 'failed') return null;
    if (existing.claimedAt.getTime() >= t - staleAfterMs) return null;
    // Compare-and-set on the old claimant and time: of two racing takeovers only one matches.
    const took = await this.q(
      `UPDATE digests SET claimed_by = $1, claimed_at = $2, status = 'claimed', error = NULL
       WHERE team_id = $3 AND channel_id = $4 AND digest_date = $5 AND topics_key = $6 AND status IN ('claimed', 'failed')
         AND claimed_by = $7 AND claimed_at = $8 RETURNING *`,
      [claimant, t, key.teamId, key.channelId, key.digestDate, key.topicsKey, existing.claimedBy, existing.claimedAt.getTime()],
    );
    return took.rows[0] ? toDigest(took.rows[0]) : null;
  }

  async completeDigest(
    key: DigestKey,
    claimant: string,
    outcome: { status: 'posted'; messageTs: string; paperIds: readonly string[] } | { status: 'skipped' } | { status: 'failed'; error: string },
    now: Date,
  ): Promise<void> {
    await this.tx(async (c) => {
      if (outcome.status === 'posted') {
        const res = await c.query(
          `UPDATE digests SET status = 'posted', message_ts = $1, posted_at = $2, paper_ids = $3::jsonb, error = NULL
           WHERE team_id = $4 AND channel_id = $5 AND digest_date = $6 AND topics_key = $7 AND claimed_by = $8`,
          [outcome.messageTs, now.getTime(), JSON.stringify(outcome.paperIds), key.teamId, key.channelId, key.digestDate, key.topicsKey, claimant],
        );
        if ((res.rowCount ?? 0) === 0) return;
        for (const id of outcome.paperIds) {
          await c.query(
            'INSERT INTO delivered_papers (team_id, channel_id, paper_id, digest_date) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
            [key.teamId, key.channelId, id, key.digestDate],
          );
        }
      } else {
        await c.query(
          `UPDATE digests SET status = $1, error = $2
           WHERE team_id = $3 AND channel_id = $4 AND digest_date = $5 AND topics_key = $6 AND claimed_by = $7`,
          [outcome.status, outcome.status === 'failed' ? outcome.error : null, key.teamId, key.channelId, key.digestDate, key.topicsKey, claimant],
        );
      }
    });
  }

  async getDigest(key: DigestKey): Promise<DigestRecord | null> {
    const r = (
      await this.q('SELECT * FROM digests WHERE team_id = $1 AND channel_id = $2 AND digest_date = $3 AND topics_key = $4', [
        key.teamId,
        key.channelId,
        key.digestDate,
        key.topicsKey,
      ])
    ).rows[0];
    return r ? toDigest(r) : null;
  }

  async settledDigestDates(key: Omit<DigestKey, 'digestDate'>, fromDate: string): Promise<Set<string>> {
    const rows = (
      await this.q(
        `SELECT digest_date FROM digests WHERE team_id = $1 AND channel_id = $2 AND topics_key = $3 AND digest_date >= $4
           AND status IN ('posted', 'skipped')`,
        [key.teamId, key.channelId, key.topicsKey, fromDate],
      )
    ).rows;
    return new Set(rows.map((r) => String(r.digest_date)));
  }

  async lastPostedDigest(teamId: string, channelId: string): Promise<DigestRecord | null> {
    const r = (
      await this.q(`SELECT * FROM digests WHERE team_id = $1 AND channel_id = $2 AND status = 'posted' ORDER BY digest_date DESC, posted_at DESC LIMIT 1`, [teamId, channelId])
    ).rows[0];
    return r ? toDigest(r) : null;
  }

  async deliveredPaperIds(teamId: string, channelId: string): Promise<Set<string>> {
    const rows = (await this.q('SELECT paper_id FROM delivered_papers WHERE team_id = $1 AND channel_id = $2', [teamId, channelId])).rows;
    return new Set(rows.map((r) => String(r.paper_id)));
  }

  async addVote(teamId: string, paperId: string, userId: string, now: Date): Promise<boolean> {
    const res = await this.q('INSERT INTO votes (team_id, paper_id, user_id, voted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [teamId, paperId, userId, now.getTime()]);
    return res.rowCount === 1;
  }

  async removeVote(teamId: string, paperId: string, userId: string): Promise<boolean> {
    return ((await this.q('DELETE FROM votes WHERE team_id = $1 AND paper_id = $2 AND user_id = $3', [teamId, paperId, userId])).rowCount ?? 0) > 0;
  }

  async votesSince(teamId: string, since: Date): Promise<VoteTally[]> {
    const rows = (
      await this.q('SELECT paper_id, voted_at FROM votes WHERE team_id = $1 AND voted_at >= $2 ORDER BY paper_id, voted_at', [teamId, since.getTime()])
    ).rows;
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
    const res = await this.q('INSERT INTO saves (team_id, user_id, paper_id, saved_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [teamId, userId, paperId, now.getTime()]);
    return res.rowCount === 1;
  }

  async removeSave(teamId: string, userId: string, paperId: string): Promise<boolean> {
    return ((await this.q('DELETE FROM saves WHERE team_id = $1 AND user_id = $2 AND paper_id = $3', [teamId, userId, paperId])).rowCount ?? 0) > 0;
  }

  async listSaves(teamId: string, userId: string): Promise<string[]> {
    const rows = (await this.q('SELECT paper_id FROM saves WHERE team_id = $1 AND user_id = $2 ORDER BY saved_at, paper_id', [teamId, userId])).rows;
    return rows.map((r) => String(r.paper_id));
  }

  async claimJobRun(job: string, slot: string, claimant: string, now: Date): Promise<boolean> {
    const res = await this.q('INSERT INTO job_runs (job, slot, claimed_by, claimed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [job, slot, claimant, now.getTime()]);
    return res.rowCount === 1;
  }

  async forgetSeenEvents(before: Date): Promise<number> {
    const res = await this.q('DELETE FROM seen_events WHERE seen_at < $1', [before.getTime()]);
    return res.rowCount ?? 0;
  }

  async markEventSeen(eventId: string, now: Date): Promise<boolean> {
    const res = await this.q('INSERT INTO seen_events (event_id, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [eventId, now.getTime()]);
    return res.rowCount === 1;
  }

  async toggleVote(teamId: string, paperId: string, userId: string, now: Date): Promise<{ voted: boolean; count: number }> {
    // One statement flips the vote: a concurrent toggle that inserts first makes ours a no-op
    // insert (still "voted"), never a second vote.
    const flip = await this.q(
      `WITH del AS (DELETE FROM votes WHERE team_id = $1 AND paper_id = $2 AND user_id = $3 RETURNING 1),
            ins AS (INSERT INTO votes (team_id, paper_id, user_id, voted_at) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM del) ON CONFLICT DO NOTHING RETURNING 1)
       SELECT (SELECT count(*) FROM del) AS deleted, (SELECT count(*) FROM ins) AS inserted`,
      [teamId, paperId, userId, now.getTime()],
    );
    const voted = Number(flip.rows[0]?.deleted ?? 0) === 0;
    const count = await this.q('SELECT count(*) AS n FROM votes WHERE team_id = $1 AND paper_id = $2', [teamId, paperId]);
    return { voted, count: Number(count.rows[0]?.n ?? 0) };
  }

  async voteCounts(teamId: string, paperIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (paperIds.length === 0) return out;
    const rows = (await this.q('SELECT paper_id, count(*) AS n FROM votes WHERE team_id = $1 AND paper_id = ANY($2::text[]) GROUP BY paper_id', [teamId, [...paperIds]])).rows;
    for (const r of rows) out.set(String(r.paper_id), Number(r.n));
    return out;
  }

  async userVotes(teamId: string, userId: string): Promise<string[]> {
    const rows = (await this.q('SELECT paper_id FROM votes WHERE team_id = $1 AND user_id = $2 ORDER BY voted_at DESC, paper_id', [teamId, userId])).rows;
    return rows.map((r) => String(r.paper_id));
  }

  async rememberPaperMessage(teamId: string, channelId: string, messageTs: string, paperId: string): Promise<void> {
    await this.q(
      'INSERT INTO paper_messages (team_id, channel_id, message_ts, paper_id) VALUES ($1, $2, $3, $4) ON CONFLICT (team_id, channel_id, message_ts) DO UPDATE SET paper_id = EXCLUDED.paper_id',
      [teamId, channelId, messageTs, paperId],
    );
  }

  async paperOfMessage(teamId: string, channelId: string, messageTs: string): Promise<string | null> {
    const r = (await this.q('SELECT paper_id FROM paper_messages WHERE team_id = $1 AND channel_id = $2 AND message_ts = $3', [teamId, channelId, messageTs])).rows[0];
    return r ? String(r.paper_id) : null;
  }

  async listSaveEntries(teamId: string, userId: string): Promise<SaveEntry[]> {
    const rows = (
      await this.q('SELECT paper_id, saved_at, read_at FROM saves WHERE team_id = $1 AND user_id = $2 ORDER BY saved_at DESC, paper_id DESC', [teamId, userId])
    ).rows;
    return rows.map((r) => ({ paperId: String(r.paper_id), savedAt: new Date(Number(r.saved_at)), readAt: r.read_at == null ? null : new Date(Number(r.read_at)) }));
  }

  async markSaveRead(teamId: string, userId: string, paperId: string, now: Date): Promise<boolean> {
    const res = await this.q('UPDATE saves SET read_at = $1 WHERE team_id = $2 AND user_id = $3 AND paper_id = $4 AND read_at IS NULL', [now.getTime(), teamId, userId, paperId]);
    return (res.rowCount ?? 0) > 0;
  }

  async recordShown(teamId: string, userId: string, paperIds: readonly string[], now: Date): Promise<void> {
    if (paperIds.length === 0) return;
    await this.q(
      `INSERT INTO shown_papers (team_id, user_id, paper_id, shown_at) SELECT $1, $2, p, $4 FROM unnest($3::text[]) AS p
       ON CONFLICT (team_id, user_id, paper_id) DO UPDATE SET shown_at = EXCLUDED.shown_at`,
      [teamId, userId, [...new Set(paperIds)], now.getTime()],
    );
  }

  async shownSince(teamId: string, userId: string, since: Date): Promise<Set<string>> {
    const rows = (await this.q('SELECT paper_id FROM shown_papers WHERE team_id = $1 AND user_id = $2 AND shown_at >= $3', [teamId, userId, since.getTime()])).rows;
    return new Set(rows.map((r) => String(r.paper_id)));
  }
}
