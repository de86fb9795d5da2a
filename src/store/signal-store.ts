/**
 * The part of the storage port behind the team's signal (issue 14): vote toggles and counts, the
 * channel messages that are about one paper (so a reaction on one is a vote), the reading list's
 * read marks, and which papers App Home's "For you" showed a user. Store extends it; both adapters
 * and the memory store pass the same contract (test/store/store.contract.ts).
 */

/** One saved paper as the reading list shows it. */
export interface SaveEntry {
  readonly paperId: string;
  readonly savedAt: Date;
  /** When the user marked it read; null while unread. */
  readonly readAt: Date | null;
}

export interface SignalStore {
  /**
   * Flip this user's vote on the paper atomically: added when absent, removed when present.
   * Returns whether the user now votes for it and the paper's vote count in the workspace.
   */
  toggleVote(teamId: string, paperId: string, userId: string, now: Date): Promise<{ voted: boolean; count: number }>;
  /** Vote counts in the workspace for these papers; a paper without votes is absent. */
  voteCounts(teamId: string, paperIds: readonly string[]): Promise<Map<string, number>>;
  /** The papers this user voted for, newest vote first. */
  userVotes(teamId: string, userId: string): Promise<string[]>;

  /** Remember that a channel message (channel, ts) is about one paper (a share, an unfurl). */
  rememberPaperMessage(teamId: string, channelId: string, messageTs: string, paperId: string): Promise<void>;
  /** The paper a channel message is about, or null when paperboy posted nothing about one there. */
  paperOfMessage(teamId: string, channelId: string, messageTs: string): Promise<string | null>;

  /** The user's saves, newest first, with read marks. */
  listSaveEntries(teamId: string, userId: string): Promise<SaveEntry[]>;
  /** Mark a saved paper read; false when the paper is not saved (or already read). */
  markSaveRead(teamId: string, userId: string, paperId: string, now: Date): Promise<boolean>;

  /** Record that these papers were recommended to the user at `now`. */
  recordShown(teamId: string, userId: string, paperIds: readonly string[], now: Date): Promise<void>;
  /** The papers recommended to the user at or after `since`. */
  shownSince(teamId: string, userId: string, since: Date): Promise<Set<string>>;
}
