/**
 * Versioned schema migrations, one SQL script per dialect. Append new versions; never edit
 * an applied one, because schema_migrations only records the version number.
 */
export interface Migration {
  readonly version: number;
  readonly sqlite: string;
  readonly postgres: string;
}

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
  // Version 2 is the digests' topics key (branch ux); the two touch different tables, so they
  // apply in either order on a database that has one of them.
  {
    // Ingested papers: upserted by arXiv id (unique; seed papers have none) and read by date.
    version: 3,
    sqlite: `
      ALTER TABLE papers ADD COLUMN arxiv_id TEXT;
      ALTER TABLE papers ADD COLUMN arxiv_version INTEGER;
      ALTER TABLE papers ADD COLUMN published_at TEXT;
      CREATE UNIQUE INDEX papers_arxiv_id ON papers (arxiv_id);
      CREATE INDEX papers_published_at ON papers (published_at);
    `,
    postgres: `
      ALTER TABLE papers ADD COLUMN arxiv_id TEXT;
      ALTER TABLE papers ADD COLUMN arxiv_version INTEGER;
      ALTER TABLE papers ADD COLUMN published_at TEXT;
      CREATE UNIQUE INDEX papers_arxiv_id ON papers (arxiv_id);
      CREATE INDEX papers_published_at ON papers (published_at);
    `,
  },
];
