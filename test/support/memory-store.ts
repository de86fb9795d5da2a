/**
 * An in-memory Store for tests that need the port's semantics but not a database. It follows the
 * contract in src/store/store.ts, notably the digest claim: atomic (JS runs one claim to
 * completion before the next), null while another claimant's unfinished claim is fresh, and
 * re-claimable once a 'claimed' or 'failed' row is older than staleAfterMs.
 */
import type { Paper } from '../../src/core/paper.js';
import { type DigestKey, type DigestRecord, type NewSubscription, type Store, type Subscription, type VoteTally } from '../../src/store/store.js';

const keyOf = (k: DigestKey): string => `${k.teamId}\u0000${k.channelId}\u0000${k.digestDate}\u0000${k.topicsKey}`;
const subKey = (teamId: string, channelId: string): string => `${teamId}\u0000${channelId}`;

export function createMemoryStore(): Store {
  const papers = new Map<string, Paper>();
  // The high-water mark of each paper write (Store.ingestedPapersSince).
  const marks = new Map<string, number>();
  let lastMark = 0;
  const subs = new Map<string, Subscription>();
  const digests = new Map<string, DigestRecord>();
  const votes = new Map<string, { teamId: string; paperId: string; userId: string; at: Date }>();
  const saves = new Map<string, { teamId: string; userId: string; paperId: string; at: Date; readAt?: Date }>();
  const paperMessages = new Map<string, string>();
  const shown = new Map<string, Date>();
  const events = new Map<string, Date>();
  const jobRuns = new Set<string>();

  return {
    async migrate() {},
    async close() {},
    async ping() {},
    async upsertPapers(list) {
      for (const paper of list) {
        const arxivId = paper.arxivId ?? null;
        const holder = arxivId === null ? undefined : [...papers.values()].find((p) => p.arxivId === arxivId && p.id !== paper.id);
        if (holder) throw new Error(`arXiv id ${arxivId} is already paper ${holder.id}`);
      }
      for (const paper of list) {
        const stored = papers.get(paper.id);
        if (stored?.arxivId != null && paper.arxivId == null) continue;
        if (stored !== undefined && JSON.stringify(stored) === JSON.stringify(paper)) continue;
        papers.set(paper.id, paper);
        marks.set(paper.id, ++lastMark);
      }
    },
    async ingestedPapersSince(after, limit) {
      const read = [...papers.values()].filter((p) => marks.get(p.id)! > after).sort((a, b) => marks.get(a.id)! - marks.get(b.id)!).slice(0, limit);
      return { papers: read.filter((p) => p.arxivId != null), mark: read.length === 0 ? after : marks.get(read[read.length - 1]!.id)!, more: read.length === limit };
    },
    async paperMark() {
      return lastMark;
    },
    async listPapers() {
      // ORDER BY id, as the SQL adapters answer (code-unit order is byte order for these ids).
      return [...papers.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async listIngestedPapers() {
      return [...papers.values()].filter((p) => p.arxivId != null).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async findPapers(keys) {
      const ids = new Set(keys.ids);
      const arxivIds = new Set(keys.arxivIds);
      return [...papers.values()].filter((p) => ids.has(p.id) || (p.arxivId != null && arxivIds.has(p.arxivId)));
    },
    async getSubscription(teamId, channelId) {
      return subs.get(subKey(teamId, channelId)) ?? null;
    },
    async saveSubscription(sub: NewSubscription, now) {
      const previous = subs.get(subKey(sub.teamId, sub.channelId));
      const saved: Subscription = {
        ...sub,
        topics: [...sub.topics],
        pausedReason: null,
        createdBy: previous?.createdBy ?? sub.createdBy,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      subs.set(subKey(sub.teamId, sub.channelId), saved);
      return saved;
    },
    async deleteSubscription(teamId, channelId) {
      return subs.delete(subKey(teamId, channelId));
    },
    async listSubscriptions() {
      const key = (s: Subscription): string => `${s.teamId}\u0000${s.channelId}`;
      return [...subs.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    },
    async pauseSubscription(teamId, channelId, reason, now) {
      const sub = subs.get(subKey(teamId, channelId));
      if (sub) subs.set(subKey(teamId, channelId), { ...sub, pausedReason: reason, updatedAt: now });
    },
    async claimDigest(key, claimant, now, staleAfterMs) {
      const existing = digests.get(keyOf(key));
      if (existing) {
        const open = existing.status === 'claimed' || existing.status === 'failed';
        if (!open || now.getTime() - existing.claimedAt.getTime() < staleAfterMs) return null;
      }
      const record: DigestRecord = {
        teamId: key.teamId,
        channelId: key.channelId,
        digestDate: key.digestDate,
        topicsKey: key.topicsKey,
        claimedBy: claimant,
        claimedAt: now,
        messageTs: null,
        postedAt: null,
        paperIds: [],
        status: 'claimed',
      };
      digests.set(keyOf(key), record);
      return record;
    },
    async completeDigest(key, claimant, outcome, now) {
      const existing = digests.get(keyOf(key));
      if (!existing || existing.claimedBy !== claimant || existing.status !== 'claimed') return;
      digests.set(
        keyOf(key),
        outcome.status === 'posted'
          ? { ...existing, status: 'posted', messageTs: outcome.messageTs, postedAt: now, paperIds: [...outcome.paperIds] }
          : { ...existing, status: outcome.status },
      );
    },
    async getDigest(key) {
      return digests.get(keyOf(key)) ?? null;
    },
    async settledDigestDates(key, fromDate) {
      const dates = new Set<string>();
      for (const d of digests.values()) {
        if (d.teamId === key.teamId && d.channelId === key.channelId && d.topicsKey === key.topicsKey && d.digestDate >= fromDate && (d.status === 'posted' || d.status === 'skipped')) {
          dates.add(d.digestDate);
        }
      }
      return dates;
    },
    async lastPostedDigest(teamId, channelId) {
      const posted = [...digests.values()]
        .filter((d) => d.teamId === teamId && d.channelId === channelId && d.status === 'posted')
        // As the SQL adapters order it: the latest digest date, then the latest post that day.
        .sort((a, b) => a.digestDate.localeCompare(b.digestDate) || (a.postedAt?.getTime() ?? 0) - (b.postedAt?.getTime() ?? 0));
      return posted.at(-1) ?? null;
    },
    async deliveredPaperIds(teamId, channelId) {
      const ids = new Set<string>();
      for (const d of digests.values()) {
        if (d.teamId === teamId && d.channelId === channelId && d.status === 'posted') for (const id of d.paperIds) ids.add(id);
      }
      return ids;
    },
    async addVote(teamId, paperId, userId, now) {
      const k = `${teamId}\u0000${paperId}\u0000${userId}`;
      if (votes.has(k)) return false;
      votes.set(k, { teamId, paperId, userId, at: now });
      return true;
    },
    async removeVote(teamId, paperId, userId) {
      return votes.delete(`${teamId}\u0000${paperId}\u0000${userId}`);
    },
    async votesSince(teamId, since): Promise<VoteTally[]> {
      const byPaper = new Map<string, Date[]>();
      for (const v of votes.values()) {
        if (v.teamId !== teamId || v.at.getTime() < since.getTime()) continue;
        byPaper.set(v.paperId, [...(byPaper.get(v.paperId) ?? []), v.at]);
      }
      return [...byPaper].map(([paperId, votedAt]) => ({ paperId, votedAt }));
    },
    async addSave(teamId, userId, paperId, now) {
      const k = `${teamId}\u0000${userId}\u0000${paperId}`;
      if (saves.has(k)) return false;
      saves.set(k, { teamId, userId, paperId, at: now });
      return true;
    },
    async removeSave(teamId, userId, paperId) {
      return saves.delete(`${teamId}\u0000${userId}\u0000${paperId}`);
    },
    async listSaves(teamId, userId) {
      return [...saves.values()].filter((s) => s.teamId === teamId && s.userId === userId).map((s) => s.paperId);
    },
    async claimJobRun(job, slot) {
      const key = `${job}\u0000${slot}`;
      if (jobRuns.has(key)) return false;
      jobRuns.add(key);
      return true;
    },
    async toggleVote(teamId, paperId, userId, now) {
      const k = `${teamId}\u0000${paperId}\u0000${userId}`;
      const voted = !votes.delete(k);
      if (voted) votes.set(k, { teamId, paperId, userId, at: now });
      const count = [...votes.values()].filter((v) => v.teamId === teamId && v.paperId === paperId).length;
      return { voted, count };
    },
    async voteCounts(teamId, paperIds) {
      const wanted = new Set(paperIds);
      const out = new Map<string, number>();
      for (const v of votes.values()) if (v.teamId === teamId && wanted.has(v.paperId)) out.set(v.paperId, (out.get(v.paperId) ?? 0) + 1);
      return out;
    },
    async userVotes(teamId, userId) {
      return [...votes.values()]
        .filter((v) => v.teamId === teamId && v.userId === userId)
        .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.paperId < b.paperId ? -1 : 1))
        .map((v) => v.paperId);
    },
    async rememberPaperMessage(teamId, channelId, messageTs, paperId) {
      paperMessages.set(`${teamId}\u0000${channelId}\u0000${messageTs}`, paperId);
    },
    async paperOfMessage(teamId, channelId, messageTs) {
      return paperMessages.get(`${teamId}\u0000${channelId}\u0000${messageTs}`) ?? null;
    },
    async listSaveEntries(teamId, userId) {
      return [...saves.values()]
        .filter((s) => s.teamId === teamId && s.userId === userId)
        .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.paperId < b.paperId ? 1 : -1))
        .map((s) => ({ paperId: s.paperId, savedAt: s.at, readAt: s.readAt ?? null }));
    },
    async markSaveRead(teamId, userId, paperId, now) {
      const save = saves.get(`${teamId}\u0000${userId}\u0000${paperId}`);
      if (!save || save.readAt) return false;
      save.readAt = now;
      return true;
    },
    async recordShown(teamId, userId, paperIds, now) {
      for (const id of paperIds) shown.set(`${teamId}\u0000${userId}\u0000${id}`, now);
    },
    async shownSince(teamId, userId, since) {
      const prefix = `${teamId}\u0000${userId}\u0000`;
      return new Set([...shown].filter(([k, at]) => k.startsWith(prefix) && at.getTime() >= since.getTime()).map(([k]) => k.slice(prefix.length)));
    },
    async markEventSeen(eventId, now) {
      if (events.has(eventId)) return false;
      events.set(eventId, now);
      return true;
    },
    async forgetSeenEvents(before) {
      let forgotten = 0;
      for (const [id, seenAt] of events) {
        if (seenAt.getTime() < before.getTime()) {
          events.delete(id);
          forgotten++;
        }
      }
      return forgotten;
    },
  };
}
