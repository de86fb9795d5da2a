/**
 * Migration 4 (issue 14), the same SQL in both dialects: read marks on saves, the channel
 * messages that are about one paper (a reaction on one is a vote), the papers "For you" showed
 * each user (never shown again within a week), and an index to count a paper's votes.
 */
export const SIGNAL_TABLES = `
      ALTER TABLE saves ADD COLUMN read_at BIGINT;
      CREATE TABLE paper_messages (
        team_id TEXT NOT NULL, channel_id TEXT NOT NULL, message_ts TEXT NOT NULL, paper_id TEXT NOT NULL,
        PRIMARY KEY (team_id, channel_id, message_ts));
      CREATE TABLE shown_papers (
        team_id TEXT NOT NULL, user_id TEXT NOT NULL, paper_id TEXT NOT NULL, shown_at BIGINT NOT NULL,
        PRIMARY KEY (team_id, user_id, paper_id));
      CREATE INDEX votes_team_user ON votes (team_id, user_id, voted_at);
`;
