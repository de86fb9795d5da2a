/**
 * Every stored field, filled with SQL and quoting metacharacters, must come back byte for byte
 * and leave every table in place: proof that each statement passes values as parameters and
 * never splices them into SQL. Part of the store contract, so it runs on every adapter.
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import type { Store } from '../../src/store/store.js';

/** Each with a different way out of a string literal or statement. */
export const HOSTILE = [
  "'; DROP TABLE subscriptions; --",
  '"; DROP TABLE papers; --',
  "x' OR '1'='1",
  "Robert'); DELETE FROM saves WHERE ('1'='1",
  '\\\'; DROP TABLE votes; -- \\',
  '`backtick`; $1 $$dollar$$ %s %% ? :name @p0',
  "emoji 🧪 and accents Schrödinger, NUL-free; ''doubled''",
] as const;

function hostilePaper(i: number, text: string): Paper {
  return {
    id: `${text}#${i}`,
    title: text,
    abstract: `${text} abstract`,
    searchAliases: text,
    listedOn: { month: 3, day: 14 },
    sources: [{ file: text, line: i + 1, listedOn: null }],
    codeLinks: [`https://github.com/${encodeURIComponent(text)}`],
    otherLinks: [text],
    sourceUpvotes: i,
  };
}

export function hostileValuesContract(getStore: () => Store): void {
  describe('values with SQL and quote characters in every stored field', () => {
    it('round-trip exactly, and every table survives', async () => {
      const store = getStore();
      const now = new Date('2026-03-02T08:00:00.000Z');
      const papers = HOSTILE.map((text, i) => hostilePaper(i, text));
      await store.upsertPapers(papers);

      for (const [i, text] of HOSTILE.entries()) {
        const team = `T${text}`;
        const channel = `C${text}`;
        const saved = await store.saveSubscription({ teamId: team, channelId: channel, topics: [text, `${text}2`], time: '09:00', timezone: 'UTC', days: 'daily', createdBy: text }, now);
        expect(saved).toMatchObject({ teamId: team, channelId: channel, topics: [text, `${text}2`], createdBy: text });
        await store.pauseSubscription(team, channel, text, now);
        expect((await store.getSubscription(team, channel))?.pausedReason).toBe(text);

        const key = { teamId: team, channelId: channel, digestDate: `2026-03-0${i + 1}`, topicsKey: text };
        expect(await store.claimDigest(key, text, now, 60_000)).toMatchObject({ claimedBy: text });
        await store.completeDigest(key, text, { status: 'posted', messageTs: text, paperIds: [text, papers[i]!.id] }, now);
        expect(await store.getDigest(key)).toMatchObject({ claimedBy: text, messageTs: text, paperIds: [text, papers[i]!.id], status: 'posted' });
        expect(await store.lastPostedDigest(team, channel)).toMatchObject({ messageTs: text });
        expect(await store.deliveredPaperIds(team, channel)).toEqual(new Set([text, papers[i]!.id]));
        const failedKey = { ...key, digestDate: `2026-04-0${i + 1}` };
        await store.claimDigest(failedKey, text, now, 60_000);
        await store.completeDigest(failedKey, text, { status: 'failed', error: text }, now);
        expect((await store.getDigest(failedKey))?.status).toBe('failed');

        expect(await store.addVote(team, papers[i]!.id, text, now)).toBe(true);
        expect(await store.votesSince(team, new Date(0))).toEqual([{ paperId: papers[i]!.id, votedAt: [now] }]);
        expect(await store.addSave(team, text, papers[i]!.id, now)).toBe(true);
        expect(await store.listSaves(team, text)).toEqual([papers[i]!.id]);
        expect(await store.markEventSeen(text, now)).toBe(true);
        expect(await store.markEventSeen(text, now)).toBe(false);
        expect(await store.removeVote(team, papers[i]!.id, text)).toBe(true);
        expect(await store.removeSave(team, text, papers[i]!.id)).toBe(true);
      }

      // Every table is still there and holds exactly what was written.
      expect(await store.listPapers()).toEqual([...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
      expect((await store.listSubscriptions()).map((s) => s.createdBy).sort()).toEqual([...HOSTILE].sort());
      const lastTeam = `T${HOSTILE[0]}`;
      expect(await store.deleteSubscription(lastTeam, `C${HOSTILE[0]}`)).toBe(true);
      expect(await store.listSubscriptions()).toHaveLength(HOSTILE.length - 1);
      await store.ping();
    });
  });
}
