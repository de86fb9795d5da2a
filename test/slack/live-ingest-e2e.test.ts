/**
 * Papers ingested while the bot runs are searchable without a restart: two replicas on one
 * database (the real Bolt app each, signed requests, the fake Slack Web API), the scheduled
 * ingest fed by the fake Hugging Face API. The slot runs once (the lease): on the replica that
 * ran it `/papers` finds the new paper as soon as the run is done; the other finds it at its
 * next poll of the high-water mark (PAPERBOY_CORPUS_POLL_SECONDS=1 here). A new version of the
 * paper replaces the old one: its new words find it, the words it dropped no longer do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hfItem, type FixturePaper } from '../support/feed-fixtures.js';
import { startFakeSources, type FakeSources } from '../support/fake-sources.js';
import { sendCommand, startPaperboy, visibleText } from './harness.js';

const NOW = new Date('2026-12-01T06:00:00Z');
const paper: FixturePaper = {
  arxivId: '2611.50001',
  title: 'Marram Grass Routing for Mixture-of-Experts Inference',
  abstract: 'We route tokens through marram experts, cutting inference cost by half with a dune-shaped gate.',
  authors: ['Rosalind Franklin'],
  published: '2026-11-30T10:00:00Z',
};

let dir: string;
let fake: FakeSources;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-live-'));
  fake = await startFakeSources();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const replica = (name: string, segmentMergeAt?: number) =>
  startPaperboy(
    {
      DATABASE_URL: `sqlite:${join(dir, 'paperboy.db')}`,
      PAPERBOY_INDEX_SNAPSHOT: join(dir, `${name}.index`),
      PAPERBOY_SOURCES: 'hf',
      HF_PAPERS_API_URL: fake.hfApiUrl,
      PAPERBOY_CORPUS_POLL_SECONDS: '1',
    },
    { scheduler: true, claimant: name, clock: () => NOW, searchIndex: undefined, ...(segmentMergeAt === undefined ? {} : { segmentMergeAt }) },
  );

type Bot = Awaited<ReturnType<typeof replica>>;

const shown = async (bot: Bot, query: string, id: string): Promise<string> => visibleText((await sendCommand(bot, query, id))['blocks']);

/** `/papers query` until its reply contains `text`, for up to `ms` (the other replica's poll). */
async function eventually(bot: Bot, query: string, text: string, ms: number): Promise<number> {
  const started = Date.now();
  for (let i = 0; ; i++) {
    if ((await shown(bot, query, `wait-${query.length}-${i}`)).includes(text)) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`"${query}" did not find "${text}" within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('papers ingested while the bot runs', () => {
  it('are found by /papers on the replica that ingested at once, on the other within its poll, and a new version replaces the old', async () => {
    const a = await replica('a');
    const b = await replica('b');
    try {
      await Promise.all([a.paperboy.ready, b.paperboy.ready]);
      expect(await shown(a, 'marram experts', 'a0')).not.toContain(paper.title);
      expect(await shown(b, 'marram experts', 'b0')).not.toContain(paper.title);

      fake.hfDay('2026-11-30', [hfItem(paper)]);
      const [ranA, ranB] = await Promise.all([a.paperboy.ingestScheduler()!.runSlot(NOW), b.paperboy.ingestScheduler()!.runSlot(NOW)]);
      // Once per slot across the replicas.
      expect([ranA.kind, ranB.kind].sort()).toEqual(['claimed-elsewhere', 'ran']);
      const [ingester, other] = ranA.kind === 'ran' ? [a, b] : [b, a];

      // No restart, no rebuild: searchable the moment the run is done, seed papers still there.
      expect(await shown(ingester, 'marram experts', 'i1')).toContain(paper.title);
      expect(await shown(ingester, 'diffusion', 'i2')).toMatch(/of \d+/);
      expect(await eventually(other, 'marram experts', paper.title, 10_000)).toBeLessThan(10_000);

      // A new version: the same paper (one result, not two), found by its new words only.
      const v2 = { ...paper, abstract: 'We route tokens through sandwort experts with a learned gate.' };
      fake.hfDay('2026-12-01', [hfItem(v2)]);
      const later = new Date(NOW.getTime() + 86_400_000);
      const [again] = await Promise.all([ingester.paperboy.ingestScheduler()!.runSlot(later)]);
      expect(again.kind).toBe('ran');
      expect(await shown(ingester, 'sandwort', 'i3')).toContain(paper.title);
      expect(await shown(ingester, 'dune-shaped', 'i4')).not.toContain(paper.title);
      // Only the new version's abstract holds "learned gate".
      await eventually(other, 'sandwort', 'learned gate', 10_000);
      expect(await shown(other, 'dune-shaped', 'o1')).not.toContain(paper.title);
      const titleHits = (await shown(other, '"marram grass routing"', 'o2')).split(paper.title).length - 1;
      expect(titleHits).toBe(1);
      // Each new segment was built in the worker thread, not on the main thread.
      for (const bot of [a, b]) {
        const adds = bot.logs.lines().filter((l) => l['msg'] === 'ingested papers added to the index' && (l['newPapers'] as number) > 0);
        expect(adds.length).toBeGreaterThan(0);
        expect(adds.every((l) => l['builtIn'] === 'worker')).toBe(true);
      }
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);

  it('are merged into the frozen index once enough have come, and the snapshot saved then is what the next start loads', async () => {
    const c = await replica('c', 1);
    let markBefore = -1;
    const merged = { ...paper, arxivId: '2611.50002', title: 'Sea Kale Schedules for Warmup-Free Training', abstract: 'Sea kale schedules remove the warmup phase.' };
    try {
      await c.paperboy.ready;
      fake.hfDay('2026-12-02', [hfItem(merged)]);
      expect((await c.paperboy.ingestScheduler()!.runSlot(new Date(NOW.getTime() + 2 * 86_400_000))).kind).toBe('ran');
      expect(await shown(c, 'sea kale schedules', 'c1')).toContain(merged.title);
      for (let i = 0; !c.logs.lines().some((l) => l['msg'] === 'index snapshot saved after the merge'); i++) {
        if (i > 100) throw new Error('no snapshot after the merge');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(c.logs.lines().some((l) => l['msg'] === 'index segments merged')).toBe(true);
      expect(await shown(c, 'sea kale schedules', 'c2')).toContain(merged.title);
      markBefore = await c.paperboy.store.paperMark();
    } finally {
      await c.close();
    }
    const restarted = await replica('c');
    try {
      await restarted.paperboy.ready;
      expect(restarted.logs.lines().find((l) => l['msg'] === 'search index ready')?.['source']).toBe('snapshot');
      expect(await shown(restarted, 'sea kale schedules', 'r1')).toContain(merged.title);
      expect(await shown(restarted, 'sandwort', 'r2')).toContain(paper.title);
      // The start's copy of the corpus into the store rewrites nothing: no replica re-reads it.
      for (let i = 0; !restarted.logs.lines().some((l) => l['msg'] === 'papers stored'); i++) {
        if (i > 100) throw new Error('the papers were never stored');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await restarted.paperboy.store.paperMark()).toBe(markBefore);
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
