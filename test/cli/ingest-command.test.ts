/**
 * `paperboy ingest` against local fakes of both feeds, into a real SQLite file: what it prints,
 * its exit codes, what the database holds after, and `paperboy search` (a child process, as a
 * person runs it) finding the ingested papers from the same DATABASE_URL.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngestCommand } from '../../src/cli/ingest-command.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { arxivEntry, hfItem, type FixturePaper } from '../support/feed-fixtures.js';
import { startFakeSources, type FakeSources } from '../support/fake-sources.js';
import { fakeClock } from '../ingest/fake-clock.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));
const NOW = new Date('2026-12-01T06:00:00Z');
const SEED_TITLE = 'Estimator Meets Equilibrium Perspective: A Rectified Straight Through Estimator for Binary Neural Networks Training';

const dir = mkdtempSync(join(tmpdir(), 'pb-ingest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const fixture = (i: number, extra: Partial<FixturePaper> = {}): FixturePaper => ({
  arxivId: `2611.${String(30000 + i)}`,
  title: `Quokka: Token-Efficient Speculative Decoding ${i}`,
  abstract: `Speculative decoding with a quokka drafter (${i}) cuts latency by half on long generations while keeping outputs identical to the target model.`,
  published: '2026-11-30T09:00:00Z',
  ...extra,
});

function collect(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l), now: () => NOW, env: {} };
}

describe('paperboy ingest', () => {
  let fake: FakeSources;
  let env: Record<string, string>;
  let dbPath: string;

  beforeEach(async () => {
    fake = await startFakeSources();
    dbPath = join(dir, `db-${++n}.db`);
    env = { PAPERBOY_SOURCES: 'hf,arxiv:cs.LG', HF_PAPERS_API_URL: fake.hfApiUrl, ARXIV_API_URL: fake.arxivApiUrl, DATABASE_URL: `sqlite:${dbPath}` };
    fake.hfDay('2026-11-30', [hfItem(fixture(1, { upvotes: 40 })), hfItem(fixture(2, { title: SEED_TITLE.toUpperCase(), abstract: 'Binarization of neural networks is a dominant paradigm in neural networks compression. The pioneering work BinaryConnect uses Straight Through Estimator (STE) to mimic the gradients of the sign function.' }))]);
    fake.arxivResults([1, 3, 4, 5, 6].map((i) => arxivEntry(fixture(i, { version: 2 }))));
  });
  afterEach(async () => fake.close());

  const ingest = async (args: string[] = [], overrides: Record<string, string> = {}) => {
    const io = collect();
    const code = await runIngestCommand(args, io, { env: { ...env, ...overrides }, feeds: { clock: fakeClock(), timeoutMs: 2000, arxivPageSize: 2 } });
    return { code, stdout: io.out.join('\n'), stderr: io.err.join('\n') };
  };
  const storedPapers = async () => {
    const store = openSqliteStore(dbPath);
    try {
      return await store.listPapers();
    } finally {
      await store.close();
    }
  };

  it('stores the feeds with the seeds, prints the summary, and a second run changes nothing', async () => {
    const first = await ingest();
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      [
        'Ingest since 2026-11-30:',
        '  hf: fetched 2 · new 1 · updated 0 · merged 1 · unchanged 0 · rejected 0',
        '  arxiv:cs.LG: fetched 5 · new 4 · updated 0 · merged 1 · unchanged 0 · rejected 0',
      ].join('\n'),
    );
    expect(first.stderr).toContain('arxiv:cs.LG: results 5-5 of 5: 1 items (5 so far)');
    const stored = await storedPapers();
    expect(stored.filter((p) => p.arxivId != null)).toHaveLength(6);
    expect(stored.filter((p) => p.title.toLowerCase() === SEED_TITLE.toLowerCase())).toHaveLength(1);

    const second = await ingest();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('hf: fetched 2 · new 0 · updated 0 · merged 0 · unchanged 2 · rejected 0');
    expect(second.stdout).toContain('arxiv:cs.LG: fetched 5 · new 0 · updated 0 · merged 0 · unchanged 5 · rejected 0');
    expect(await storedPapers()).toEqual(stored);
  });

  it('exits 1 naming the feed that failed and why; the other feed is stored', async () => {
    fake.arxivPage(0, { status: 429, headers: { 'retry-after': '120' }, body: 'Rate exceeded.' });
    const { code, stdout, stderr } = await ingest();
    expect(code).toBe(1);
    expect(stdout).toContain('arxiv:cs.LG: fetched 0 · new 0 · updated 0 · merged 0 · unchanged 0 · rejected 0 · FAILED: results from 1: rate limited (HTTP 429, retry after 120 s)');
    expect(stderr).toContain('paperboy ingest: arxiv:cs.LG failed: results from 1: rate limited (HTTP 429, retry after 120 s).');
    expect((await storedPapers()).filter((p) => p.arxivId != null).map((p) => p.arxivId).sort()).toEqual(['2611.30001', '2611.30002']);
  });

  it('--since backfills day by day with a progress line per page; --dry-run stores nothing', async () => {
    const { code, stdout, stderr } = await ingest(['--since', '2026-11-28', '--dry-run']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Ingest since 2026-11-28 (dry run: nothing stored):');
    expect(stderr.split('\n').filter((l) => l.startsWith('hf: '))).toEqual([
      'hf: 2026-11-28: 0 items (0 so far)',
      'hf: 2026-11-29: 0 items (0 so far)',
      'hf: 2026-11-30: 2 items (2 so far)',
      'hf: 2026-12-01: 0 items (2 so far)',
    ]);
    expect(await storedPapers()).toEqual([]);
  });

  it('bad usage and settings exit 2 with the reason', async () => {
    expect(await ingest(['--since', '2026-02-30'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--since must be a calendar date YYYY-MM-DD') });
    expect(await ingest(['--since', '2027-01-01'])).toMatchObject({ code: 2, stderr: expect.stringContaining('is after today') });
    expect(await ingest(['--colour'])).toMatchObject({ code: 2, stderr: expect.stringContaining('paperboy ingest: unknown option --colour.') });
    expect(await ingest([], { PAPERBOY_SOURCES: '' })).toMatchObject({ code: 2, stderr: expect.stringContaining('no feeds are on. Set PAPERBOY_SOURCES') });
    const unknown = await ingest([], { PAPERBOY_SOURCES: 'hf,arxiv:cs.XX' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"cs.XX" is not an arXiv category');
    expect(unknown.stderr).toContain('Examples: hf, arxiv:cs.LG+cs.CV, hf,arxiv:cs.LG');
    expect(fake.requests).toEqual([]);
  });

  it('`paperboy search` reads the same DATABASE_URL: an ingested paper with its arXiv id, a seed paper in a feed once', async () => {
    expect((await ingest()).code).toBe(0);
    const search = async (...words: string[]) => {
      const { stdout } = await run(process.execPath, [BIN, 'search', '--json', '--limit', '20', ...words], { env: { ...process.env, DATABASE_URL: `sqlite:${dbPath}`, NO_COLOR: '1' } });
      return JSON.parse(stdout) as { id: string; arxivId: string | null; title: string; publishedAt: string | null }[];
    };
    const quokka = await search('quokka');
    expect(quokka.map((h) => h.arxivId).sort()).toEqual(['2611.30001', '2611.30003', '2611.30004', '2611.30005', '2611.30006']);
    expect(quokka[0]).toMatchObject({ publishedAt: '2026-11-30T09:00:00.000Z' });
    const seed = (await search('rectified', 'straight', 'through', 'estimator')).filter((h) => h.title.toLowerCase() === SEED_TITLE.toLowerCase());
    expect(seed).toEqual([expect.objectContaining({ arxivId: '2611.30002' })]);
  });

  it('as a process: `paperboy ingest` exits 1 when a feed fails, saying which and why', async () => {
    fake.arxivPage(0, { body: '<?xml version="1.0"?><feed><entry><title>cut' });
    const result = await run(process.execPath, [BIN, 'ingest'], { env: { ...process.env, ...env, NO_COLOR: '1' } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ {2}hf: fetched \d+ · new \d+/m);
    expect(result.stderr).toMatch(/^paperboy ingest: arxiv:cs\.LG failed: results from 1: malformed XML \(line \d+: .*\)\. What it fetched before that is stored; the next run tries again\.$/m);
  });
});
