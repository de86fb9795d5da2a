/**
 * Versioned schema migrations, one SQL script per dialect. Append new versions; never edit
 * an applied one, because schema_migrations only records the version number.
 */
import { SIGNAL_TABLES } from './migration-signal.js';

export interface Migration {
  readonly version: number;
  readonly sqlite: string;
  readonly postgres: string;
}

/** Migration 3, the same SQL in both dialects. */
const PAPERS_ARXIV_COLUMNS = `
      ALTER TABLE papers ADD COLUMN arxiv_id TEXT;
      ALTER TABLE papers ADD COLUMN arxiv_version INTEGER;
      ALTER TABLE papers ADD COLUMN published_at TEXT;
      CREATE UNIQUE INDEX papers_arxiv_id ON papers (arxiv_id);
      CREATE INDEX papers_published_at ON papers (published_at);
`;

/** Migration 5, the same SQL in both dialects. */
const JOB_RUNS = `
      CREATE TABLE job_runs (
        job TEXT NOT NULL, slot TEXT NOT NULL, claimed_by TEXT NOT NULL, claimed_at BIGINT NOT NULL,
        PRIMARY KEY (job, slot));
`;

/**
 * Migration 6: every paper write takes the next high-water mark (Store.ingestedPapersSince).
 * Rows written before it keep 0: start-up reads them all anyway.
 */
const PAPERS_SEQ_SQLITE = `
      ALTER TABLE papers ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX papers_by_seq ON papers (seq);
`;
const PAPERS_SEQ_POSTGRES = `
      CREATE SEQUENCE papers_seq;
      ALTER TABLE papers ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
      CREATE INDEX papers_by_seq ON papers (seq);
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sqlite: `
      CREATE TABLE papers (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE subscriptions (
        team_id TEXT NOT NULL, channel_id TEXT NOT NULL, topics TEXT NOT NULL, time TEXT NOT NULL,
        timezone TEXT NOT NULL, days TEXT NOT NULL, paused_reason TEXT, created_by TEXT NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (team_id, channel_id));
      CREATE TABLE digests (
        team_id TEXT NOT NULL, channel_id TEXT NOT NULL, digest_date TEXT NOT NULL,
        claimed_by TEXT NOT NULL, claimed_at INTEGER NOT NULL, message_ts TEXT, posted_at INTEGER,
        paper_ids TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL, error TEXT,
        PRIMARY KEY (team_id, channel_id, digest_date));
      CREATE TABLE delivered_papers (
        team_id TEXT NOT NULL, channel_id TEXT NOT NULL, paper_id TEXT NOT NULL, digest_date TEXT NOT NULL,
        PRIMARY KEY (team_id, channel_id, paper_id));
      CREATE TABLE votes (
        team_id TEXT NOT NULL, paper_id TEXT NOT NULL, user_id TEXT NOT NULL, voted_at INTEGER NOT NULL,
        PRIMARY KEY (team_id, paper_id, user_id));
      CREATE INDEX votes_team_time ON votes (team_id, voted_at);
      CREATE TABLE saves (
        team_id TEXT NOT NULL, user_id TEXT NOT NULL, paper_id TEXT NOT NULL, saved_at INTEGER NOT NULL,
        PRIMARY KEY (team_id, user_id, paper_id));
      CREATE TABLE seen_events (event_id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
    `,
    postgres: `
      CREATE TABLE papers (id TEXT PRIMARY KEY, data JSONB NOT NULL);
      CREATE TABLE subscriptions (
        team_id TEXT NOT NULL, channel_id TEXT NOT NULL, topics JSONB NOT NULL, time TEXT NOT NULL,
        timezone TEXT NOT NULL, days TEXT NOT NULL, paused_reason TEXT, created_by TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (team_id, channel_id));
      CREATE TABLE digests (
        team_id TEXT NOT NULL, channel_id TEXT NOT NULL, digest_date TEXT NOT NULL,
        claimed_by TEXT NOT NULL, claimed_at BIGINT NOT NULL, message_ts TEXT, posted_at BIGINT,
        paper_ids JSONB NOT NULL DEFAULT '[]', status TEXT NOT NULL, error TEXT,
        PRIMARY KEY (team_id, channel_id, digest_date));
      CREATE TABLE delivered_papers (
        team_id TEXT NOT NULL, channel_id TEXT NOT NULL, paper_id TEXT NOT NULL, digest_date TEXT NOT NULL,
        PRIMARY KEY (team_id, channel_id, paper_id));
      CREATE TABLE votes (
        team_id TEXT NOT NULL, paper_id TEXT NOT NULL, user_id TEXT NOT NULL, voted_at BIGINT NOT NULL,
        PRIMARY KEY (team_id, paper_id, user_id));
      CREATE INDEX votes_team_time ON votes (team_id, voted_at);
      CREATE TABLE saves (
        team_id TEXT NOT NULL, user_id TEXT NOT NULL, paper_id TEXT NOT NULL, saved_at BIGINT NOT NULL,
        PRIMARY KEY (team_id, user_id, paper_id));
      CREATE TABLE seen_events (event_id TEXT PRIMARY KEY, seen_at BIGINT NOT NULL);
    `,
  },
  {
    // Digests are once per (channel, date, topics key), so a new subscription with other topics
    // gets the day's digest once (core/digest/digest-key.ts). Existing rows take the key of the
    // channel's current subscription: the digest it already got today stays counted.
    version: 2,
    sqlite: `
      CREATE TABLE digests_v2 (
        team_id TEXT NOT NULL, channel_id TEXT NOT NULL, digest_date TEXT NOT NULL, topics_key TEXT NOT NULL DEFAULT '',
        claimed_by TEXT NOT NULL, claimed_at INTEGER NOT NULL, message_ts TEXT, posted_at INTEGER,
        paper_ids TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL, error TEXT,
        PRIMARY KEY (team_id, channel_id, digest_date, topics_key));
      INSERT INTO digests_v2 (team_id, channel_id, digest_date, topics_key, claimed_by, claimed_at, message_ts, posted_at, paper_ids, status, error)
        SELECT d.team_id, d.channel_id, d.digest_date,
          COALESCE((SELECT group_concat(t.value, char(10)) FROM (
            SELECT j.value AS value FROM subscriptions s, json_each(s.topics) j
            WHERE s.team_id = d.team_id AND s.channel_id = d.channel_id ORDER BY j.value) t), ''),
          d.claimed_by, d.claimed_at, d.message_ts, d.posted_at, d.paper_ids, d.status, d.error
        FROM digests d;
      DROP TABLE digests;
      ALTER TABLE digests_v2 RENAME TO digests;
    `,
    postgres: `
      ALTER TABLE digests ADD COLUMN topics_key TEXT NOT NULL DEFAULT '';
      UPDATE digests d SET topics_key = COALESCE((
        SELECT string_agg(t.value, E'\\n' ORDER BY t.value COLLATE "C")
        FROM subscriptions s, jsonb_array_elements_text(s.topics) AS t(value)
        WHERE s.team_id = d.team_id AND s.channel_id = d.channel_id), '');
      ALTER TABLE digests DROP CONSTRAINT digests_pkey;
      ALTER TABLE digests ADD PRIMARY KEY (team_id, channel_id, digest_date, topics_key);
    `,
  },
  {
    // Ingested papers: upserted by arXiv id (unique; seed papers have none) and read by date.
    version: 3,
    sqlite: PAPERS_ARXIV_COLUMNS,
    postgres: PAPERS_ARXIV_COLUMNS,
  },
  { version: 4, sqlite: SIGNAL_TABLES, postgres: SIGNAL_TABLES },
  {
    // Scheduled jobs (the ingest) run once per schedule slot across replicas: the first to
    // insert (job, slot) runs it (Store.claimJobRun).
    version: 5,
    sqlite: JOB_RUNS,
    postgres: JOB_RUNS,
  },
  // Replicas pick up papers an ingest stored by polling a high-water mark.
  { version: 6, sqlite: PAPERS_SEQ_SQLITE, postgres: PAPERS_SEQ_POSTGRES },
];
