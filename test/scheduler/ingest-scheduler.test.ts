/**
 * The scheduled ingest runs once per schedule slot across replicas: two schedulers, each with
 * its own Store instance (its own SQLite connection, or its own Postgres pool) on one database,
 * fire for the same slot; one reads the feeds, the other is told the slot is taken. Then the
 * whole bot (createPaperboy) ingests on its cron: two bots on one SQLite file, a cron firing
 * every second, and the fake Hugging Face API sees each slot's requests once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { hfDailySource } from '../../src/ingest/hf-daily-source.js';
import { runIngest } from '../../src/ingest/ingest.js';
import { fakeClock } from '../ingest/fake-clock.js';
import { ingestSlot, startIngestScheduler, type IngestSlotOutcome, type RunningIngestScheduler } from '../../src/scheduler/start-ingest-scheduler.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { hfItem } from '../support/feed-fixtures.js';
import { startFakeSources, type FakeSources } from '../support/fake-sources.js';
import { startPaperboy } from '../slack/harness.js';
import { postgresPair, sqlitePair, type StorePair } from '../support/store-pair.js';

const AT = new Date('2026-12-01T06:00:00.120Z');
const paper = { arxivId: '2611.30001', title: 'Scheduled Ingest of Sparse Mixture Routers', abstract: 'We route tokens to sparse experts with a learned router.', published: '2026-11-30T10:00:00Z', upvotes: 12 };

const pgUrl = process.env.PAPERBOY_TEST_DATABASE_URL;

const backends: [string, (() => Promise<StorePair>) | null][] = [
  ['SQLite (two connections, one file)', sqlitePair],
  ['PostgreSQL (two pools, one schema)', pgUrl ? () => postgresPair(pgUrl) : null],
];
if (!pgUrl) console.warn('ingest scheduler tests: PostgreSQL skipped, set PAPERBOY_TEST_DATABASE_URL to run');

const silent = pino({ level: 'silent' });

function scheduler(store: Store, fake: FakeSources, claimant: string, cron = '0 6 * * *'): RunningIngestScheduler {
  const http = { userAgent: 'paperboy-test', timeoutMs: 5_000, clock: fakeClock() };
  return startIngestScheduler(
    {
      store,
      claimant,
      clock: () => new Date(),
      logger: silent,
      ingest: (now) => runIngest({ store, sources: [hfDailySource(fake.hfApiUrl, http)], seedPapers: [], logger: silent, now }),
    },
    { cron },
  );
}

for (const [name, open] of backends) {
  describe.skipIf(open === null)(`two replicas' ingest schedulers on ${name}`, () => {
    let pair: StorePair;
    let fake: FakeSources;
    const running: RunningIngestScheduler[] = [];
    afterEach(async () => {
      for (const s of running.splice(0)) await s.stop();
      await fake.close();
      await pair.a.close();
      await pair.b.close();
      await pair.cleanup();
    });

    it('fired for the same slot, exactly one ingests; the next slot ingests again, once', async () => {
      pair = await open!();
      fake = await startFakeSources();
      fake.hfDay('2026-11-30', [hfItem(paper)]);
      const a = scheduler(pair.a, fake, 'host-a:1');
      const b = scheduler(pair.b, fake, 'host-b:2');
      running.push(a, b);

      const first = await Promise.all([a.runSlot(AT), b.runSlot(new Date(AT.getTime() + 400))]);
      expect(first.map((o) => o.kind).sort()).toEqual(['claimed-elsewhere', 'ran']);
      expect(first.every((o) => o.slot === '2026-12-01T06:00Z')).toBe(true);
      const ran = first.find((o): o is Extract<IngestSlotOutcome, { kind: 'ran' }> => o.kind === 'ran')!;
      expect(ran.summary.sources[0]).toMatchObject({ source: 'hf', fetched: 1, new: 1, failure: null });
      // One run's requests: yesterday and today, once each.
      expect(fake.requests.map((r) => r.query.get('date'))).toEqual(['2026-11-30', '2026-12-01']);
      // Both replicas' stores see what the one run stored.
      expect((await pair.b.findPapers({ ids: [], arxivIds: [paper.arxivId] }))[0]?.title).toBe(paper.title);

      const nextDay = new Date('2026-12-02T06:00:00Z');
      const second = await Promise.all([b.runSlot(nextDay), a.runSlot(nextDay)]);
      expect(second.map((o) => o.kind).sort()).toEqual(['claimed-elsewhere', 'ran']);
      expect(fake.requests).toHaveLength(4);
      // A replica firing for a slot already run (a restart within the minute) does not run it again.
      expect((await a.runSlot(AT)).kind).toBe('claimed-elsewhere');
      expect(fake.requests).toHaveLength(4);
    });
  });
}

describe('ingestSlot', () => {
  it('is the fire time to the minute, or to the second for a six-field cron', () => {
    expect(ingestSlot(new Date('2026-12-01T06:00:59.999Z'), '0 6 * * *')).toBe('2026-12-01T06:00Z');
    expect(ingestSlot(new Date('2026-12-01T06:00:05.300Z'), '*/5 * * * * *')).toBe('2026-12-01T06:00:05Z');
  });
});

describe('the bot ingests on PAPERBOY_INGEST_CRON', () => {
  it('two bots on one SQLite file, a cron every second: each slot read once, the papers stored, stopped with the bot', async () => {
    const fake = await startFakeSources();
    const today = new Date().toISOString().slice(0, 10);
    fake.hfDay(today, [hfItem({ ...paper, published: `${today}T01:00:00Z` })]);
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-ingest-bots-')), 'paperboy.db');
    const env = {
      DATABASE_URL: `sqlite:${file}`,
      PAPERBOY_SOURCES: 'hf',
      HF_PAPERS_API_URL: fake.hfApiUrl,
      PAPERBOY_INGEST_CRON: '* * * * * *',
    };
    const bots = await Promise.all(
      ['bot-a:1', 'bot-b:2'].map((claimant) => startPaperboy(env, { scheduler: true, clock: () => new Date(), claimant })),
    );
    try {
      await Promise.all(bots.map((bot) => bot.paperboy.ready));
      const deadline = Date.now() + 10_000;
      const refusals = (): number => bots.flatMap((bot) => bot.logs.lines()).filter((l) => l['msg'] === 'scheduled ingest claimed by another replica').length;
      while ((refusals() < 2 || fake.requests.filter((r) => r.query.get('date') === today).length < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(bots.every((bot) => bot.paperboy.ingestScheduler() !== null)).toBe(true);
    } finally {
      for (const bot of bots) await bot.close();
    }
    const requestsAfterStop = fake.requests.length;
    await new Promise((r) => setTimeout(r, 1200));
    // Stopped with the bot: no fire after stop().
    expect(fake.requests.length).toBe(requestsAfterStop);
    await fake.close();

    // Every slot (second) that both bots fired for was run by one of them and refused to the other.
    const slotsLogged = (msg: string): string[][] => bots.map((bot) => bot.logs.lines().filter((l) => l['msg'] === msg).map((l) => String(l['slot'])));
    const [ranA, ranB] = slotsLogged('scheduled ingest started') as [string[], string[]];
    const [refusedA, refusedB] = slotsLogged('scheduled ingest claimed by another replica') as [string[], string[]];
    expect(ranA.filter((slot) => ranB.includes(slot))).toEqual([]);
    expect(ranA.length + ranB.length).toBeGreaterThanOrEqual(1);
    expect([...refusedA, ...refusedB].length).toBeGreaterThanOrEqual(1);
    for (const slot of refusedA) expect(ranB).toContain(slot);
    for (const slot of refusedB) expect(ranA).toContain(slot);
    // Each run asks for yesterday and today once: the feed saw as many runs as were started.
    expect(fake.requests.filter((r) => r.query.get('date') === today)).toHaveLength(ranA.length + ranB.length);
    const raw = openSqliteStore(file);
    try {
      expect((await raw.findPapers({ ids: [], arxivIds: [paper.arxivId] }))[0]?.title).toBe(paper.title);
    } finally {
      await raw.close();
    }
  }, 30_000);
});
