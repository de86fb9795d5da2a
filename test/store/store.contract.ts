/**
 * One behaviour contract for every Store adapter; each adapter's test file calls runStoreContract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import type { NewSubscription, Store } from '../../src/store/store.js';
import { hostileValuesContract } from './hostile-values.contract.js';

const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const KEY = { teamId: 'T1', channelId: 'C1', digestDate: '2026-03-02', topicsKey: 'diffusion' };
const HOUR = 3_600_000;

const paperA: Paper = {
  id: 'p-a',
  title: 'Schrödinger Bridges',
  abstract: 'Code at https://github.com/x/y.',
  searchAliases: 'Schr\\"odinger',
  listedOn: { month: 3, day: 14 },
  sources: [
    { file: 'a.md', line: 3, listedOn: { month: 3, day: 14 } },
    { file: 'b.md', line: 9, listedOn: null },
  ],
  codeLinks: ['https://github.com/x/y'],
  otherLinks: ['https://example.org'],
  sourceUpvotes: 12,
};
const paperB: Paper = {
  id: 'p-b',
  title: 'No date',
  abstract: '',
  searchAliases: '',
  listedOn: null,
  sources: [],
  codeLinks: [],
  otherLinks: [],
  sourceUpvotes: null,
};

const sub: NewSubscription = {
  teamId: 'T1',
  channelId: 'C1',
  topics: ['diffusion', 'rl'],
  time: '09:00',
  timezone: 'Europe/Berlin',
  days: 'weekdays',
  createdBy: 'U1',
};

export function runStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('migrate', () => {
      it('running migrate() again is harmless and keeps data', async () => {
        await store.upsertPapers([paperB]);
        await store.migrate();
        await store.migrate();
        expect(await store.listPapers()).toEqual([paperB]);
      });
    });

    describe('papers', () => {
      it('round-trips every field and upserts by id', async () => {
        await store.upsertPapers([paperA, paperB]);
        expect(await store.listPapers()).toEqual([paperA, paperB]);
        await store.upsertPapers([{ ...paperA, title: 'Renamed' }]);
        const papers = await store.listPapers();
        expect(papers).toHaveLength(2);
        expect(papers.find((p) => p.id === 'p-a')?.title).toBe('Renamed');
      });

      it('upserts a corpus larger than one batch, and a re-upsert changes only what changed', async () => {
        const many = Array.from({ length: 2_345 }, (_, i) => ({ ...paperA, id: `p-${String(i).padStart(5, '0')}`, title: `Paper ${i}` }));
        await store.upsertPapers(many);
        await store.upsertPapers(many.map((p, i) => (i === 1_500 ? { ...p, title: 'Changed' } : p)));
        const listed = await store.listPapers();
        expect(listed).toHaveLength(2_345);
        expect(listed[1_500]).toEqual({ ...many[1_500], title: 'Changed' });
        expect(listed[2_344]).toEqual(many[2_344]);
      });

      const ingested: Paper = {
        ...paperA,
        arxivId: '2611.10001',
        arxivVersion: 2,
        authors: ['Ada Lovelace', "O'Brien; DROP TABLE papers"],
        publishedAt: '2026-11-30T11:00:00.000Z',
        updatedAt: '2026-12-01T09:00:00.000Z',
        listedAt: '2026-12-01T13:00:00.000Z',
        categories: ['cs.LG', 'cs.CV'],
        hfComments: 3,
        keywords: ['bridges'],
        pdfUrl: 'https://arxiv.org/pdf/2611.10001v2',
        origins: ['seed', 'hf', 'arxiv'],
      };

      it('round-trips the ingested fields and finds papers by id or arXiv id', async () => {
        await store.upsertPapers([ingested, paperB]);
        expect(await store.listPapers()).toEqual([ingested, paperB]);
        expect(await store.findPapers({ ids: [], arxivIds: ['2611.10001'] })).toEqual([ingested]);
        expect(await store.findPapers({ ids: ['p-b', 'nope'], arxivIds: ['9999.00000'] })).toEqual([paperB]);
        const both = await store.findPapers({ ids: ['p-b'], arxivIds: ['2611.10001'] });
        expect(both.map((p) => p.id).sort()).toEqual(['p-a', 'p-b']);
        expect(await store.findPapers({ ids: [], arxivIds: [] })).toEqual([]);
        expect(await store.listIngestedPapers()).toEqual([ingested]);
        await store.upsertPapers([{ ...ingested, id: 'p-0', arxivId: '2611.10000' }]);
        expect((await store.listIngestedPapers()).map((p) => p.id)).toEqual(['p-0', 'p-a']);
      });

      it('a seed listing never replaces the ingested record it was merged into; an ingested record replaces a seed one', async () => {
        await store.upsertPapers([paperA]);
        await store.upsertPapers([ingested]);
        await store.upsertPapers([paperA]);
        expect(await store.listPapers()).toEqual([ingested]);
        await store.upsertPapers([{ ...ingested, arxivVersion: 3 }]);
        expect((await store.listPapers())[0]?.arxivVersion).toBe(3);
      });

      it('hands out ingested papers by a rising high-water mark: new and changed ones, in write order, never seed listings or unchanged writes', async () => {
        expect(await store.paperMark()).toBe(0);
        expect(await store.ingestedPapersSince(0, 10)).toEqual({ papers: [], mark: 0, more: false });
        await store.upsertPapers([paperA, paperB]);
        const afterSeeds = await store.paperMark();
        // Seed listings are passed, not handed out: the mark moves past them, a page at a time.
        expect(await store.ingestedPapersSince(0, 10)).toEqual({ papers: [], mark: afterSeeds, more: false });
        const firstSeed = await store.ingestedPapersSince(0, 1);
        expect(firstSeed).toEqual({ papers: [], mark: expect.any(Number) as number, more: true });
        expect(firstSeed.mark).toBeLessThan(afterSeeds);
        expect(await store.ingestedPapersSince(firstSeed.mark, 1)).toEqual({ papers: [], mark: afterSeeds, more: true });
        expect(await store.ingestedPapersSince(afterSeeds, 1)).toEqual({ papers: [], mark: afterSeeds, more: false });
        const second = { ...ingested, id: 'p-c', arxivId: '2611.10002' };
        await store.upsertPapers([ingested]);
        await store.upsertPapers([second]);
        const first = await store.ingestedPapersSince(afterSeeds, 1);
        expect(first.papers).toEqual([ingested]);
        expect(first.more).toBe(true);
        expect(first.mark).toBeGreaterThan(afterSeeds);
        const rest = await store.ingestedPapersSince(first.mark, 10);
        expect(rest.papers).toEqual([second]);
        expect(rest.mark).toBe(await store.paperMark());
        expect(rest.more).toBe(false);
        expect(await store.ingestedPapersSince(rest.mark, 10)).toEqual({ papers: [], mark: rest.mark, more: false });
        // Written again unchanged: nothing new. A new version comes again, after the others.
        await store.upsertPapers([ingested, second]);
        expect(await store.ingestedPapersSince(rest.mark, 10)).toEqual({ papers: [], mark: rest.mark, more: false });
        await store.upsertPapers([{ ...ingested, arxivVersion: 3 }]);
        const again = await store.ingestedPapersSince(rest.mark, 10);
        expect(again.papers).toEqual([{ ...ingested, arxivVersion: 3 }]);
        expect(again.mark).toBeGreaterThan(rest.mark);
        expect((await store.ingestedPapersSince(0, 10)).papers.map((p) => p.id)).toEqual(['p-c', 'p-a']);
      });

      it('refuses a second paper with the same arXiv id, keeping what was stored', async () => {
        await store.upsertPapers([ingested]);
        await expect(store.upsertPapers([paperB, { ...ingested, id: 'p-other' }])).rejects.toThrow();
        expect(await store.listPapers()).toEqual([ingested]);
      });
    });

    describe('subscriptions', () => {
      it('saves, reads, lists, updates keeping created fields, deletes', async () => {
        expect(await store.getSubscription('T1', 'C1')).toBeNull();
        const saved = await store.saveSubscription(sub, T0);
        expect(saved).toEqual({ ...sub, pausedReason: null, createdAt: T0, updatedAt: T0 });
        expect(await store.getSubscription('T1', 'C1')).toEqual(saved);

        const updated = await store.saveSubscription({ ...sub, topics: [], time: '17:30', days: 'daily', createdBy: 'U2' }, at(HOUR));
        expect(updated).toMatchObject({ topics: [], time: '17:30', days: 'daily', createdBy: 'U1', createdAt: T0, updatedAt: at(HOUR) });

        await store.saveSubscription({ ...sub, channelId: 'C2' }, T0);
        expect((await store.listSubscriptions()).map((s) => s.channelId)).toEqual(['C1', 'C2']);

        expect(await store.deleteSubscription('T1', 'C1')).toBe(true);
        expect(await store.deleteSubscription('T1', 'C1')).toBe(false);
        expect(await store.getSubscription('T1', 'C1')).toBeNull();
        expect(await store.listSubscriptions()).toHaveLength(1);
      });

      it('pause sets the reason and saving again clears it', async () => {
        await store.saveSubscription(sub, T0);
        await store.pauseSubscription('T1', 'C1', 'channel_archived', at(1000));
        expect(await store.getSubscription('T1', 'C1')).toMatchObject({ pausedReason: 'channel_archived', updatedAt: at(1000) });
        await store.saveSubscription(sub, at(2000));
        expect((await store.getSubscription('T1', 'C1'))?.pausedReason).toBeNull();
      });
    });

    describe('claimDigest / completeDigest', () => {
      it('first claim wins; a second, not stale, gets null', async () => {
        const first = await store.claimDigest(KEY, 'proc-a', T0, HOUR);
        expect(first).toMatchObject({ ...KEY, claimedBy: 'proc-a', claimedAt: T0, status: 'claimed', messageTs: null, postedAt: null, paperIds: [] });
        expect(await store.claimDigest(KEY, 'proc-b', at(1000), HOUR)).toBeNull();
        expect((await store.getDigest(KEY))?.claimedBy).toBe('proc-a');
      });

      it('two concurrent claims: exactly one wins', async () => {
        const results = await Promise.all([
          store.claimDigest(KEY, 'proc-a', T0, HOUR),
          store.claimDigest(KEY, 'proc-b', T0, HOUR),
        ]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
      });

      it('a stale claim is taken over once; a second takeover of the same stale claim gets null', async () => {
        await store.claimDigest(KEY, 'proc-a', T0, HOUR);
        const later = at(2 * HOUR);
        const takeover = await store.claimDigest(KEY, 'proc-b', later, HOUR);
        expect(takeover).toMatchObject({ claimedBy: 'proc-b', claimedAt: later, status: 'claimed' });
        expect(await store.claimDigest(KEY, 'proc-c', later, HOUR)).toBeNull();
        expect((await store.getDigest(KEY))?.claimedBy).toBe('proc-b');
      });

      it('concurrent takeovers of one stale claim: exactly one wins', async () => {
        await store.claimDigest(KEY, 'proc-a', T0, HOUR);
        const results = await Promise.all([
          store.claimDigest(KEY, 'proc-b', at(2 * HOUR), HOUR),
          store.claimDigest(KEY, 'proc-c', at(2 * HOUR), HOUR),
        ]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
      });

      it('a failed claim becomes claimable once stale', async () => {
        await store.claimDigest(KEY, 'proc-a', T0, HOUR);
        await store.completeDigest(KEY, 'proc-a', { status: 'failed', error: 'boom' }, at(1000));
        expect((await store.getDigest(KEY))?.status).toBe('failed');
        expect(await store.claimDigest(KEY, 'proc-b', at(1000), HOUR)).toBeNull();
        expect(await store.claimDigest(KEY, 'proc-b', at(2 * HOUR), HOUR)).toMatchObject({ claimedBy: 'proc-b', status: 'claimed' });
      });

      it('posted and skipped are never re-claimable, however old', async () => {
        await store.claimDigest(KEY, 'proc-a', T0, HOUR);
        await store.completeDigest(KEY, 'proc-a', { status: 'posted', messageTs: '111.222', paperIds: ['p-a', 'p-b'] }, at(5000));
        expect(await store.claimDigest(KEY, 'proc-b', at(1000 * HOUR), HOUR)).toBeNull();
        const posted = await store.getDigest(KEY);
        expect(posted).toMatchObject({ status: 'posted', claimedBy: 'proc-a', messageTs: '111.222', postedAt: at(5000), paperIds: ['p-a', 'p-b'] });

        const k2 = { ...KEY, digestDate: '2026-03-03' };
        await store.claimDigest(k2, 'proc-a', T0, HOUR);
        await store.completeDigest(k2, 'proc-a', { status: 'skipped' }, at(1));
        expect(await store.claimDigest(k2, 'proc-b', at(1000 * HOUR), HOUR)).toBeNull();
        expect((await store.getDigest(k2))?.status).toBe('skipped');
      });

      it('complete by a non-claimant changes nothing', async () => {
        await store.claimDigest(KEY, 'proc-a', T0, HOUR);
        await store.completeDigest(KEY, 'proc-b', { status: 'posted', messageTs: '1.2', paperIds: ['p-a'] }, at(1));
        expect(await store.getDigest(KEY)).toMatchObject({ status: 'claimed', claimedBy: 'proc-a', messageTs: null });
        expect(await store.deliveredPaperIds('T1', 'C1')).toEqual(new Set());
      });

      it('once per (channel, date, topics key): a new subscription with other topics claims the day once more', async () => {
        await store.claimDigest(KEY, 'proc-a', T0, HOUR);
        await store.completeDigest(KEY, 'proc-a', { status: 'posted', messageTs: '1.0', paperIds: ['p-a'] }, at(1));
        const other = { ...KEY, topicsKey: 'agents\nquantization' };
        expect(await store.claimDigest(KEY, 'proc-b', at(2), HOUR)).toBeNull();
        expect(await store.claimDigest(other, 'proc-b', at(2), HOUR)).toMatchObject({ ...other, claimedBy: 'proc-b', status: 'claimed' });
        expect(await store.claimDigest(other, 'proc-c', at(3), HOUR)).toBeNull();
        await store.completeDigest(other, 'proc-b', { status: 'posted', messageTs: '2.0', paperIds: ['p-b'] }, at(4));
        expect(await store.getDigest(KEY)).toMatchObject({ messageTs: '1.0', topicsKey: 'diffusion' });
        expect(await store.getDigest(other)).toMatchObject({ messageTs: '2.0', topicsKey: 'agents\nquantization' });
        expect((await store.lastPostedDigest('T1', 'C1'))?.messageTs).toBe('2.0');
        // The channel never gets a paper twice, whichever subscription sent it.
        expect(await store.deliveredPaperIds('T1', 'C1')).toEqual(new Set(['p-a', 'p-b']));
      });

      it('settledDigestDates: posted and skipped dates from a date on, per topics key', async () => {
        const sub = { teamId: KEY.teamId, channelId: KEY.channelId, topicsKey: KEY.topicsKey };
        for (const [date, outcome] of [
          ['2026-03-01', 'posted'],
          ['2026-03-02', 'skipped'],
          ['2026-03-03', 'failed'],
          ['2026-03-04', 'claimed'],
          ['2026-03-05', 'posted'],
        ] as const) {
          const key = { ...KEY, digestDate: date };
          await store.claimDigest(key, 'a', T0, HOUR);
          if (outcome === 'posted') await store.completeDigest(key, 'a', { status: 'posted', messageTs: `${date.slice(-1)}.0`, paperIds: [] }, at(1));
          if (outcome === 'skipped') await store.completeDigest(key, 'a', { status: 'skipped' }, at(1));
          if (outcome === 'failed') await store.completeDigest(key, 'a', { status: 'failed', error: 'x' }, at(1));
        }
        expect(await store.settledDigestDates(sub, '2026-03-02')).toEqual(new Set(['2026-03-02', '2026-03-05']));
        expect(await store.settledDigestDates({ ...sub, topicsKey: 'other' }, '2026-03-01')).toEqual(new Set());
        expect(await store.settledDigestDates({ ...sub, channelId: 'C2' }, '2026-03-01')).toEqual(new Set());
      });

      it('getDigest is null for an unknown key', async () => {
        expect(await store.getDigest(KEY)).toBeNull();
      });

      it('deliveredPaperIds and lastPostedDigest follow posted digests only', async () => {
        expect(await store.lastPostedDigest('T1', 'C1')).toBeNull();
        const d1 = { ...KEY, digestDate: '2026-03-02' };
        const d2 = { ...KEY, digestDate: '2026-03-03' };
        const d3 = { ...KEY, digestDate: '2026-03-04' };
        await store.claimDigest(d2, 'a', T0, HOUR);
        await store.completeDigest(d2, 'a', { status: 'posted', messageTs: '2.0', paperIds: ['p-b', 'p-c'] }, at(2));
        await store.claimDigest(d1, 'a', T0, HOUR);
        await store.completeDigest(d1, 'a', { status: 'posted', messageTs: '1.0', paperIds: ['p-a'] }, at(3));
        await store.claimDigest(d3, 'a', T0, HOUR);
        await store.completeDigest(d3, 'a', { status: 'failed', error: 'x' }, at(4));
        expect(await store.deliveredPaperIds('T1', 'C1')).toEqual(new Set(['p-a', 'p-b', 'p-c']));
        expect(await store.deliveredPaperIds('T1', 'C2')).toEqual(new Set());
        expect((await store.lastPostedDigest('T1', 'C1'))?.digestDate).toBe('2026-03-03');
        expect(await store.lastPostedDigest('T1', 'C2')).toBeNull();
      });
    });

    describe('votes', () => {
      it('one vote per user, votesSince per paper, removeVote', async () => {
        expect(await store.addVote('T1', 'p-a', 'U1', T0)).toBe(true);
        expect(await store.addVote('T1', 'p-a', 'U1', at(5))).toBe(false);
        expect(await store.addVote('T1', 'p-a', 'U2', at(HOUR))).toBe(true);
        expect(await store.addVote('T1', 'p-b', 'U1', at(2 * HOUR))).toBe(true);
        expect(await store.addVote('T2', 'p-a', 'U1', at(2 * HOUR))).toBe(true);

        const all = await store.votesSince('T1', T0);
        const byId = new Map(all.map((t) => [t.paperId, [...t.votedAt].map((d) => d.getTime()).sort()]));
        expect(byId).toEqual(new Map([['p-a', [T0.getTime(), at(HOUR).getTime()]], ['p-b', [at(2 * HOUR).getTime()]]]));

        const recent = await store.votesSince('T1', at(HOUR));
        expect(recent.find((t) => t.paperId === 'p-a')?.votedAt).toEqual([at(HOUR)]);

        expect(await store.removeVote('T1', 'p-a', 'U1')).toBe(true);
        expect(await store.removeVote('T1', 'p-a', 'U1')).toBe(false);
        expect((await store.votesSince('T1', T0)).find((t) => t.paperId === 'p-a')?.votedAt).toEqual([at(HOUR)]);
      });
    });

    describe('vote toggles', () => {
      it('toggle adds then removes one vote per user, with the workspace count; counts and user votes', async () => {
        expect(await store.toggleVote('T1', 'p-a', 'U1', T0)).toEqual({ voted: true, count: 1 });
        expect(await store.toggleVote('T1', 'p-a', 'U2', at(1))).toEqual({ voted: true, count: 2 });
        expect(await store.toggleVote('T2', 'p-a', 'U1', at(2))).toEqual({ voted: true, count: 1 });
        expect(await store.toggleVote('T1', 'p-a', 'U1', at(3))).toEqual({ voted: false, count: 1 });
        expect(await store.toggleVote('T1', 'p-b', 'U2', at(4))).toEqual({ voted: true, count: 1 });
        expect(await store.voteCounts('T1', ['p-a', 'p-b', 'p-x'])).toEqual(new Map([['p-a', 1], ['p-b', 1]]));
        expect(await store.voteCounts('T1', [])).toEqual(new Map());
        expect(await store.userVotes('T1', 'U2')).toEqual(['p-b', 'p-a']);
        expect(await store.userVotes('T1', 'U1')).toEqual([]);
        // A toggle and addVote share one table: a toggled vote is already there for addVote.
        expect(await store.addVote('T1', 'p-b', 'U2', at(5))).toBe(false);
      });

      it('concurrent toggles by two users both count', async () => {
        const results = await Promise.all([store.toggleVote('T1', 'p-c', 'U1', T0), store.toggleVote('T1', 'p-c', 'U2', T0)]);
        expect(results.every((r) => r.voted)).toBe(true);
        expect(await store.voteCounts('T1', ['p-c'])).toEqual(new Map([['p-c', 2]]));
      });
    });

    describe('paper messages', () => {
      it('remembers which paper a channel message is about, per workspace and channel', async () => {
        await store.rememberPaperMessage('T1', 'C1', '1700000000.000100', 'p-a');
        expect(await store.paperOfMessage('T1', 'C1', '1700000000.000100')).toBe('p-a');
        expect(await store.paperOfMessage('T1', 'C2', '1700000000.000100')).toBeNull();
        expect(await store.paperOfMessage('T2', 'C1', '1700000000.000100')).toBeNull();
        await store.rememberPaperMessage('T1', 'C1', '1700000000.000100', 'p-b');
        expect(await store.paperOfMessage('T1', 'C1', '1700000000.000100')).toBe('p-b');
      });
    });

    describe('reading list and shown papers', () => {
      it('save entries newest first with read marks; mark read once', async () => {
        await store.addSave('T1', 'U1', 'p-a', T0);
        await store.addSave('T1', 'U1', 'p-b', at(HOUR));
        expect(await store.markSaveRead('T1', 'U1', 'p-a', at(2 * HOUR))).toBe(true);
        expect(await store.markSaveRead('T1', 'U1', 'p-a', at(3 * HOUR))).toBe(false);
        expect(await store.markSaveRead('T1', 'U1', 'p-zz', at(3 * HOUR))).toBe(false);
        expect(await store.listSaveEntries('T1', 'U1')).toEqual([
          { paperId: 'p-b', savedAt: at(HOUR), readAt: null },
          { paperId: 'p-a', savedAt: T0, readAt: at(2 * HOUR) },
        ]);
        expect(await store.listSaves('T1', 'U1')).toEqual(['p-a', 'p-b']);
        expect(await store.listSaveEntries('T1', 'U2')).toEqual([]);
      });

      it('shown papers since a time, per user; showing again moves the time', async () => {
        await store.recordShown('T1', 'U1', ['p-a', 'p-b'], T0);
        await store.recordShown('T1', 'U1', ['p-b', 'p-b'], at(HOUR));
        await store.recordShown('T1', 'U2', ['p-c'], at(HOUR));
        await store.recordShown('T1', 'U1', [], at(HOUR));
        expect(await store.shownSince('T1', 'U1', T0)).toEqual(new Set(['p-a', 'p-b']));
        expect(await store.shownSince('T1', 'U1', at(1))).toEqual(new Set(['p-b']));
        expect(await store.shownSince('T1', 'U3', T0)).toEqual(new Set());
      });
    });

    describe('saves', () => {
      it('add once, list per user, remove', async () => {
        expect(await store.addSave('T1', 'U1', 'p-a', T0)).toBe(true);
        expect(await store.addSave('T1', 'U1', 'p-a', at(1))).toBe(false);
        expect(await store.addSave('T1', 'U1', 'p-b', at(2))).toBe(true);
        expect(await store.addSave('T1', 'U2', 'p-c', at(3))).toBe(true);
        expect(await store.listSaves('T1', 'U1')).toEqual(['p-a', 'p-b']);
        expect(await store.removeSave('T1', 'U1', 'p-a')).toBe(true);
        expect(await store.removeSave('T1', 'U1', 'p-a')).toBe(false);
        expect(await store.listSaves('T1', 'U1')).toEqual(['p-b']);
        expect(await store.listSaves('T9', 'U1')).toEqual([]);
      });
    });

    describe('markEventSeen', () => {
      it('true the first time, false after', async () => {
        expect(await store.markEventSeen('Ev1', T0)).toBe(true);
        expect(await store.markEventSeen('Ev1', at(1))).toBe(false);
        expect(await store.markEventSeen('Ev2', at(1))).toBe(true);
      });

      it('forgets ids seen before a time, and only those', async () => {
        expect(await store.markEventSeen('Old', T0)).toBe(true);
        expect(await store.markEventSeen('New', at(10))).toBe(true);
        expect(await store.forgetSeenEvents(at(5))).toBe(1);
        expect(await store.markEventSeen('Old', at(11))).toBe(true);
        expect(await store.markEventSeen('New', at(11))).toBe(false);
        expect(await store.forgetSeenEvents(at(5))).toBe(0);
      });
    });

    describe('claimJobRun', () => {
      it('once per (job, slot): the first claimant wins, every later one (itself included) is refused', async () => {
        expect(await store.claimJobRun('ingest', '2026-12-01T06:00Z', 'proc-a', T0)).toBe(true);
        expect(await store.claimJobRun('ingest', '2026-12-01T06:00Z', 'proc-b', at(1))).toBe(false);
        expect(await store.claimJobRun('ingest', '2026-12-01T06:00Z', 'proc-a', at(1000 * HOUR))).toBe(false);
        expect(await store.claimJobRun('ingest', '2026-12-02T06:00Z', 'proc-b', at(24 * HOUR))).toBe(true);
        expect(await store.claimJobRun('other-job', '2026-12-01T06:00Z', 'proc-b', at(2))).toBe(true);
      });

      it('concurrent claims of one slot: exactly one wins', async () => {
        const results = await Promise.all(['a', 'b', 'c', 'd'].map((who) => store.claimJobRun('ingest', '2026-12-01T06:00Z', who, T0)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    hostileValuesContract(() => store);
  });
}
