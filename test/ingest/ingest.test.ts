import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import { arxivSource } from '../../src/ingest/arxiv-source.js';
import { hfDailySource } from '../../src/ingest/hf-daily-source.js';
import { runIngest, type IngestSummary } from '../../src/ingest/ingest.js';
import { createRateLimiter } from '../../src/ingest/rate-limiter.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { arxivEntry, hfItem, type FixturePaper } from '../support/feed-fixtures.js';
import { startFakeSources, type FakeSources } from '../support/fake-sources.js';
import { logSink, type LogSink } from '../support/log-sink.js';
import { fakeClock } from './fake-clock.js';

const NOW = new Date('2026-12-01T06:00:00Z');
const SEED_TITLE = 'Estimator Meets Equilibrium Perspective: A Rectified Straight Through Estimator for Binary Neural Networks Training';

const fixture = (n: number, extra: Partial<FixturePaper> = {}): FixturePaper => ({
  arxivId: `2611.${String(20000 + n)}`,
  title: `Calibrated Retrieval for Long-Context Language Models ${n}`,
  abstract: `We calibrate retrieval scores for long-context language models (${n}) and show consistent gains on six benchmarks over strong baselines, at no extra inference cost.`,
  published: '2026-11-30T10:00:00Z',
  authors: [`Author ${n}`, 'Grace Hopper'],
  ...extra,
});

let seeds: Paper[];
beforeAll(async () => {
  seeds = (await loadSeedCorpus()).papers;
});

/** SQLite always; PostgreSQL too when PAPERBOY_TEST_DATABASE_URL is set (a fresh schema per test, dropped after). */
const pgUrl = process.env.PAPERBOY_TEST_DATABASE_URL;
const adapters: [string, () => Promise<Store>][] = [['sqlite', async () => openSqliteStore(':memory:')]];
if (pgUrl) {
  adapters.push([
    'postgres',
    async () => {
      const schema = `pb_ingest_${randomBytes(6).toString('hex')}`;
      const opened = openPostgresStore(pgUrl, { schema });
      const close = opened.close.bind(opened);
      return Object.assign(Object.create(opened) as Store, {
        close: async () => {
          await close();
          const client = new pg.Client({ connectionString: pgUrl });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
        },
      });
    },
  ]);
}

describe.each(adapters)('runIngest (%s store)', (_name, openStore) => {
  let fake: FakeSources;
  let store: Store;
  let sink: LogSink;
  let logger: pino.Logger;

  beforeEach(async () => {
    fake = await startFakeSources();
    store = await openStore();
    await store.migrate();
    const logs = logSink();
    sink = logs.sink;
    logger = pino({ level: 'info' }, logs.stream);
  });
  afterEach(async () => {
    await fake.close();
    await store.close();
  });

  const sources = () => {
    const clock = fakeClock();
    const http = { userAgent: 'paperboy-test', timeoutMs: 2000, clock };
    return [
      hfDailySource(fake.hfApiUrl, http),
      arxivSource(fake.arxivApiUrl, { categories: ['cs.LG'], pageSize: 2 }, { ...http, beforeRequest: createRateLimiter(3000, clock) }),
    ];
  };
  const ingest = (options: Parameters<typeof runIngest>[1] = {}): Promise<IngestSummary> =>
    runIngest({ store, sources: sources(), seedPapers: seeds, logger, now: NOW }, { storeSeeds: true, ...options });
  const counts = (summary: IngestSummary) =>
    summary.sources.map(({ source, fetched, new: added, updated, merged, unchanged, rejected, failure }) => ({ source, fetched, new: added, updated, merged, unchanged, rejected: rejected.length, failure }));

  function serveFeeds(): void {
    const malformed = hfItem(fixture(9));
    delete (malformed.paper as Record<string, unknown>).summary;
    fake.hfDay('2026-11-30', [
      hfItem(fixture(1, { upvotes: 57, comments: 6, githubRepo: 'https://github.com/example/calibrated', listed: '2026-11-30T13:00:00Z' })),
      // The same paper as a seed page lists, spelled a little differently.
      hfItem(fixture(2, { title: 'Estimator meets equilibrium perspective: a rectified straight-through estimator for binary neural networks training', upvotes: 12 })),
      malformed,
    ]);
    fake.arxivResults([
      arxivEntry(fixture(1, { version: 2, title: 'Calibrated Retrieval for Long-Context Language Models, Revisited', updated: '2026-11-30T20:00:00Z', categories: ['cs.CL', 'cs.LG'] })),
      ...[3, 4, 5, 6].map((n) => arxivEntry(fixture(n))),
    ]);
  }

  it('stores every feed paper once, merging a seed listing and the other feed into one paper, and a second run changes nothing', async () => {
    serveFeeds();
    const first = await ingest();
    expect(counts(first)).toEqual([
      { source: 'hf', fetched: 3, new: 1, updated: 0, merged: 1, unchanged: 0, rejected: 1, failure: null },
      { source: 'arxiv:cs.LG', fetched: 5, new: 4, updated: 0, merged: 1, unchanged: 0, rejected: 0, failure: null },
    ]);
    expect(first.sources[0]!.rejected[0]).toEqual({ item: 'item 3 (2611.20009)', reason: expect.stringContaining('paper.summary') });
    expect(sink.lines().filter((l) => l.msg === 'feed item rejected')).toEqual([
      expect.objectContaining({ level: 40, source: 'hf', item: 'item 3 (2611.20009)' }),
    ]);

    const stored = await store.listPapers();
    expect(stored).toHaveLength(seeds.length + 5);
    const seedMatches = stored.filter((p) => p.title.toLowerCase().startsWith('estimator meets equilibrium'));
    expect(seedMatches).toHaveLength(1);
    const seedPaper = seeds.find((p) => p.title === SEED_TITLE)!;
    expect(seedMatches[0]).toMatchObject({ id: seedPaper.id, arxivId: '2611.20002', origins: ['seed', 'hf'], sources: seedPaper.sources, listedOn: seedPaper.listedOn, sourceUpvotes: 12 });

    const both = stored.find((p) => p.arxivId === '2611.20001')!;
    expect(both).toMatchObject({
      title: 'Calibrated Retrieval for Long-Context Language Models, Revisited',
      arxivVersion: 2,
      origins: ['hf', 'arxiv'],
      sourceUpvotes: 57,
      hfComments: 6,
      categories: ['cs.CL', 'cs.LG'],
      authors: ['Author 1', 'Grace Hopper'],
      publishedAt: '2026-11-30T10:00:00.000Z',
      listedAt: '2026-11-30T13:00:00.000Z',
      codeLinks: ['https://github.com/example/calibrated'],
      pdfUrl: 'https://arxiv.org/pdf/2611.20001v2',
    });

    const second = await ingest();
    expect(counts(second)).toEqual([
      { source: 'hf', fetched: 3, new: 0, updated: 0, merged: 0, unchanged: 2, rejected: 1, failure: null },
      { source: 'arxiv:cs.LG', fetched: 5, new: 0, updated: 0, merged: 0, unchanged: 5, rejected: 0, failure: null },
    ]);
    expect(await store.listPapers()).toEqual(stored);
  });

  it('a new arXiv version updates the record under the same id; Hugging Face does not roll its text back', async () => {
    fake.arxivResults([arxivEntry(fixture(1))]);
    fake.hfDay('2026-11-30', [hfItem(fixture(1, { upvotes: 3 }))]);
    await ingest();
    const before = (await store.findPapers({ ids: [], arxivIds: ['2611.20001'] }))[0]!;
    fake.arxivResults([arxivEntry(fixture(1, { version: 3, title: 'A Better Title', abstract: 'A rewritten abstract for version three of the paper, long enough to read as one.' }))]);
    fake.hfDay('2026-11-30', [hfItem(fixture(1, { upvotes: 9 }))]);
    const summary = await ingest();
    expect(counts(summary).map((c) => [c.source, c.updated])).toEqual([['hf', 1], ['arxiv:cs.LG', 1]]);
    const after = (await store.findPapers({ ids: [], arxivIds: ['2611.20001'] }))[0]!;
    expect(after).toMatchObject({ id: before.id, title: 'A Better Title', arxivVersion: 3, sourceUpvotes: 9 });
    expect(await store.listPapers()).toHaveLength(seeds.length + 1);
  });

  it('a failing feed keeps what it gave, loses nothing stored, and does not stop the other feed; the next run completes it', async () => {
    serveFeeds();
    await ingest();
    const stored = await store.listPapers();
    fake.arxivResults([...[7, 8, 9].map((n) => arxivEntry(fixture(n, { published: '2026-12-01T01:00:00Z' }))), ...[3, 4, 5, 6].map((n) => arxivEntry(fixture(n)))]);
    fake.arxivPage(2, { status: 503, headers: { 'retry-after': '600' }, body: 'Service Unavailable' });
    fake.hfDay('2026-12-01', [hfItem(fixture(10))]);
    const failed = await ingest();
    expect(counts(failed)).toEqual([
      { source: 'hf', fetched: 4, new: 1, updated: 0, merged: 0, unchanged: 2, rejected: 1, failure: null },
      { source: 'arxiv:cs.LG', fetched: 2, new: 2, updated: 0, merged: 0, unchanged: 0, rejected: 0, failure: 'results from 3: unavailable (HTTP 503, retry after 600 s)' },
    ]);
    expect(sink.lines()).toContainEqual(expect.objectContaining({ level: 50, source: 'arxiv:cs.LG', reason: 'results from 3: unavailable (HTTP 503, retry after 600 s)' }));
    const after = await store.listPapers();
    for (const paper of stored) expect(after).toContainEqual(paper);
    expect(after).toHaveLength(stored.length + 3);

    const retried = await ingest();
    expect(counts(retried)[1]).toEqual({ source: 'arxiv:cs.LG', fetched: 7, new: 1, updated: 0, merged: 0, unchanged: 6, rejected: 0, failure: null });
  });

  it('a dry run reports the same and stores nothing', async () => {
    serveFeeds();
    const dry = await ingest({ dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(counts(dry).map((c) => [c.new, c.merged])).toEqual([[1, 1], [4, 1]]);
    expect(await store.listPapers()).toEqual([]);
  });

  it('two arXiv papers with the same title stay two papers', async () => {
    fake.arxivResults([arxivEntry(fixture(1)), arxivEntry(fixture(2, { title: fixture(1).title }))]);
    const summary = await ingest({ storeSeeds: false });
    expect(counts(summary)[1]).toMatchObject({ new: 2, merged: 0 });
    const papers = await store.listPapers();
    expect(papers.map((p) => p.arxivId).sort()).toEqual(['2611.20001', '2611.20002']);
    expect(new Set(papers.map((p) => p.id)).size).toBe(2);
  });

  it('a record the store refuses is rejected alone and the rest of the page goes in; a store refusing everything fails the feed', async () => {
    fake.arxivResults([1, 2, 3].map((n) => arxivEntry(fixture(n))));
    const picky = {
      findPapers: store.findPapers.bind(store),
      async upsertPapers(papers: readonly Paper[]) {
        if (papers.some((p) => p.arxivId === '2611.20002')) throw new Error('value too long for column');
        await store.upsertPapers(papers);
      },
    };
    const summary = await runIngest({ store: picky, sources: sources(), seedPapers: [], logger, now: NOW });
    expect(counts(summary)[1]).toEqual({ source: 'arxiv:cs.LG', fetched: 3, new: 2, updated: 0, merged: 0, unchanged: 0, rejected: 1, failure: null });
    expect(summary.sources[1]!.rejected).toEqual([{ item: '2611.20002', reason: 'not stored: value too long for column' }]);
    expect((await store.listPapers()).map((p) => p.arxivId).sort()).toEqual(['2611.20001', '2611.20003']);

    const down = { findPapers: store.findPapers.bind(store), upsertPapers: async () => Promise.reject(new Error('connection terminated')) };
    fake.hfDay('2026-12-01', [hfItem(fixture(7))]);
    const failed = await runIngest({ store: down, sources: sources(), seedPapers: [], logger, now: NOW });
    expect(failed.sources.map((s) => s.failure)).toEqual(['cannot store the papers: connection terminated', 'cannot store the papers: connection terminated']);
    expect((await store.listPapers()).map((p) => p.arxivId).sort()).toEqual(['2611.20001', '2611.20003']);
  });
});
