import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingPaper } from '../../src/core/sources/incoming-paper.js';
import { parseArxivFeed } from '../../src/core/sources/parse-arxiv-feed.js';
import { parseHfDailyPapers } from '../../src/core/sources/parse-hf-daily.js';
import { arxivSource } from '../../src/ingest/arxiv-source.js';
import type { FeedSource, SourcePage } from '../../src/ingest/feed-source.js';
import { hfDailySource } from '../../src/ingest/hf-daily-source.js';
import { createRateLimiter } from '../../src/ingest/rate-limiter.js';
import { SourceFailure } from '../../src/ingest/source-failure.js';
import { arxivEntry, arxivErrorFeed, arxivFeed, hfItem, type FixturePaper } from '../support/feed-fixtures.js';
import { startFakeSources, type FakeSources } from '../support/fake-sources.js';
import { fakeClock, type FakeClock } from './fake-clock.js';

const NOW = new Date('2026-12-01T06:00:00Z');
const USER_AGENT = 'paperboy-test/1.0 (tests)';

const paper = (n: number, extra: Partial<FixturePaper> = {}): FixturePaper => ({
  arxivId: `2611.${String(10000 + n)}`,
  title: `Sparse Mixture Routing for Efficient Transformers, Part ${n}`,
  abstract: `We study routing in sparse mixture-of-experts models (part ${n}) and show that a learned router with load balancing reduces compute by 40% at equal quality. Code: https://github.com/example/moe-${n}.`,
  published: `2026-11-${String(30 - Math.floor(n / 3)).padStart(2, '0')}T1${n % 10}:00:00Z`,
  ...extra,
});

async function readAll(source: FeedSource, since: string): Promise<{ pages: SourcePage[]; papers: IncomingPaper[]; failure: string | null }> {
  const pages: SourcePage[] = [];
  try {
    for await (const page of source.pages({ since, now: NOW })) pages.push(page);
    return { pages, papers: pages.flatMap((p) => p.papers), failure: null };
  } catch (error) {
    if (!(error instanceof SourceFailure)) throw error;
    return { pages, papers: pages.flatMap((p) => p.papers), failure: error.reason };
  }
}

describe('parseHfDailyPapers', () => {
  it('takes the fields paperboy needs and rejects one malformed item with its reason, keeping the rest', () => {
    const good = hfItem(paper(1, { upvotes: 31, comments: 4, githubRepo: 'https://github.com/example/moe', keywords: ['mixture of experts'], listed: '2026-11-30T13:20:01.123Z' }));
    const bad = hfItem(paper(2));
    delete (bad.paper as Record<string, unknown>).title;
    const parsed = parseHfDailyPapers([good, bad, hfItem(paper(3))]);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.papers.map((p) => p.arxivId)).toEqual(['2611.10001', '2611.10003']);
    expect(parsed.rejected).toEqual([{ item: 'item 2 (2611.10002)', reason: expect.stringContaining('paper.title') }]);
    expect(parsed.papers[0]).toMatchObject({
      origin: 'hf',
      arxivVersion: null,
      authors: ['Ada Lovelace', 'Alan Turing'],
      publishedAt: '2026-11-30T11:00:00.000Z',
      listedAt: '2026-11-30T13:20:01.123Z',
      upvotes: 31,
      comments: 4,
      githubRepo: 'https://github.com/example/moe',
      keywords: ['mixture of experts'],
    });
  });

  it('reads an empty day as no papers, and a body that is not an array as an error', () => {
    expect(parseHfDailyPapers([])).toEqual({ papers: [], rejected: [] });
    expect(parseHfDailyPapers({ error: 'Invalid date' })).toEqual({ error: expect.stringContaining('expected a JSON array') });
  });

  it('rejects an id that is not an arXiv id and a date that is not ISO', () => {
    const parsed = parseHfDailyPapers([hfItem(paper(1, { arxivId: 'not-an-id' })), hfItem(paper(2, { published: 'yesterday' }))]);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.papers).toEqual([]);
    expect(parsed.rejected.map((r) => r.reason)).toEqual(['paper.id is not an arXiv id', 'paper.publishedAt is not an ISO 8601 date']);
  });
});

describe('parseArxivFeed', () => {
  it('reads id and version, wrapped title and summary, authors, dates, categories (primary first) and the PDF link', () => {
    const entry = arxivEntry(paper(1, { version: 3, categories: ['cs.CV', 'cs.LG'], authors: ['Jürgen Ö. Schmidt', 'Li & Wang'], updated: '2026-11-30T20:00:00Z', title: 'Diffusion <Models> & Friends: a Very Long Title That arXiv Wraps Over Two Lines' }));
    const page = parseArxivFeed(arxivFeed({ total: 1, start: 0, entries: [entry] }));
    if ('error' in page) throw new Error(page.error);
    expect(page).toMatchObject({ totalResults: 1, startIndex: 0, entryCount: 1, rejected: [] });
    expect(page.papers[0]).toMatchObject({
      origin: 'arxiv',
      arxivId: '2611.10001',
      arxivVersion: 3,
      rawTitle: 'Diffusion <Models> & Friends: a Very Long Title That arXiv Wraps Over Two Lines',
      authors: ['Jürgen Ö. Schmidt', 'Li & Wang'],
      publishedAt: '2026-11-30T11:00:00.000Z',
      updatedAt: '2026-11-30T20:00:00.000Z',
      categories: ['cs.CV', 'cs.LG'],
      pdfUrl: 'https://arxiv.org/pdf/2611.10001v3',
    });
    expect(page.papers[0]!.rawAbstract).toMatch(/^We study routing .* Code: https:\/\/github\.com\/example\/moe-1\.$/);
  });

  it('keeps ids such as 2611.10010 as text and reads old-style ids', () => {
    const page = parseArxivFeed(arxivFeed({ total: 2, start: 0, entries: [arxivEntry(paper(10)), arxivEntry(paper(11, { arxivId: 'hep-th/9901001' }))] }));
    if ('error' in page) throw new Error(page.error);
    expect(page.papers.map((p) => p.arxivId)).toEqual(['2611.10010', 'hep-th/9901001']);
  });

  it('turns an "Error" entry, malformed XML and a non-feed into reasons', () => {
    expect(parseArxivFeed(arxivErrorFeed('incorrect id format for 1234.12345'))).toEqual({ error: 'arXiv API error: incorrect id format for 1234.12345' });
    expect(parseArxivFeed('<feed><entry><title>x</entry></feed>')).toEqual({ error: expect.stringMatching(/^malformed XML \(line 1: /) });
    expect(parseArxivFeed('<html><body>Service Unavailable</body></html>')).toEqual({ error: 'not an Atom feed (no <feed> element)' });
  });

  it('rejects one entry without a usable id, keeping the others', () => {
    const broken = arxivEntry(paper(2)).replace('http://arxiv.org/abs/2611.10002v1</id>', 'urn:nothing</id>');
    const page = parseArxivFeed(arxivFeed({ total: 2, start: 0, entries: [arxivEntry(paper(1)), broken] }));
    if ('error' in page) throw new Error(page.error);
    expect(page.papers.map((p) => p.arxivId)).toEqual(['2611.10001']);
    expect(page.rejected).toEqual([{ item: 'entry 2 (urn:nothing)', reason: 'id "urn:nothing" is not an arXiv abstract URL' }]);
  });
});

describe('feeds over HTTP', () => {
  let fake: FakeSources;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = fakeClock();
    fake = await startFakeSources(clock.now);
  });
  afterEach(async () => fake.close());

  const http = (timeoutMs = 2000) => ({ userAgent: USER_AGENT, timeoutMs, clock });
  const arxiv = (pageSize = 2) => {
    const limiter = createRateLimiter(3000, clock);
    return arxivSource(fake.arxivApiUrl, { categories: ['cs.LG', 'cs.CV'], pageSize }, { ...http(), beforeRequest: limiter });
  };

  it('Hugging Face: one request per day of the window, empty days included', async () => {
    fake.hfDay('2026-11-30', [hfItem(paper(1)), hfItem(paper(2))]);
    const { pages, papers, failure } = await readAll(hfDailySource(fake.hfApiUrl, http()), '2026-11-29');
    expect(failure).toBeNull();
    expect(pages.map((p) => [p.progress, p.papers.length])).toEqual([['2026-11-29', 0], ['2026-11-30', 2], ['2026-12-01', 0]]);
    expect(papers.map((p) => p.arxivId)).toEqual(['2611.10001', '2611.10002']);
    expect(fake.requests.map((r) => r.query.get('date'))).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
  });

  it('Hugging Face: malformed JSON fails the source with the day and the reason, after the days before it', async () => {
    fake.hfDay('2026-11-29', [hfItem(paper(1))]);
    fake.hfDay('2026-11-30', { body: '[{"paper": {"id": "2611.1' });
    const { papers, failure } = await readAll(hfDailySource(fake.hfApiUrl, http()), '2026-11-29');
    expect(papers.map((p) => p.arxivId)).toEqual(['2611.10001']);
    expect(failure).toMatch(/^2026-11-30: malformed JSON/);
  });

  it('arXiv: pages through every result at one request per 3 s, with a descriptive User-Agent and the query arXiv documents', async () => {
    fake.arxivResults([1, 2, 3, 4, 5].map((n) => arxivEntry(paper(n))));
    const { pages, papers, failure } = await readAll(arxiv(2), '2026-11-01');
    expect(failure).toBeNull();
    expect(papers.map((p) => p.arxivId)).toEqual(['2611.10001', '2611.10002', '2611.10003', '2611.10004', '2611.10005']);
    expect(pages.map((p) => p.progress)).toEqual(['results 1-2 of 5', 'results 3-4 of 5', 'results 5-5 of 5']);
    const arrivals = fake.requests.map((r) => r.at);
    expect(arrivals.slice(1).map((at, i) => at - arrivals[i]!)).toEqual([3000, 3000]);
    expect(fake.requests.every((r) => r.headers['user-agent'] === USER_AGENT)).toBe(true);
    expect(fake.requests.map((r) => [r.query.get('search_query'), r.query.get('sortBy'), r.query.get('sortOrder'), r.query.get('start'), r.query.get('max_results')])).toEqual([
      ['cat:cs.LG OR cat:cs.CV', 'submittedDate', 'descending', '0', '2'],
      ['cat:cs.LG OR cat:cs.CV', 'submittedDate', 'descending', '2', '2'],
      ['cat:cs.LG OR cat:cs.CV', 'submittedDate', 'descending', '4', '2'],
    ]);
  });

  it('arXiv: stops paging once results are older than the window', async () => {
    // paper(n) is published on 30 - floor(n/3) November: 1-2 on the 30th, 3-5 on the 29th, 6-8 on the 28th.
    fake.arxivResults([1, 2, 3, 4, 5, 6, 7, 8].map((n) => arxivEntry(paper(n))));
    const { papers, failure } = await readAll(arxiv(3), '2026-11-29');
    expect(failure).toBeNull();
    expect(papers.map((p) => p.arxivId)).toEqual(['2611.10001', '2611.10002', '2611.10003', '2611.10004', '2611.10005']);
    expect(fake.requests).toHaveLength(2);
  });

  it('arXiv: an "Error" entry fails the source with arXiv\'s message', async () => {
    fake.arxivPage(0, { body: arxivErrorFeed('max_results must be non-negative') });
    const { failure } = await readAll(arxiv(), '2026-11-01');
    expect(failure).toBe('results from 1: arXiv API error: max_results must be non-negative');
  });

  it('arXiv: a 429 with a long Retry-After fails with it, keeping the pages before', async () => {
    fake.arxivResults([1, 2, 3, 4].map((n) => arxivEntry(paper(n))));
    fake.arxivPage(2, { status: 429, headers: { 'retry-after': '120' }, body: 'Too Many Requests' });
    const { papers, failure } = await readAll(arxiv(2), '2026-11-01');
    expect(papers).toHaveLength(2);
    expect(failure).toBe('results from 3: rate limited (HTTP 429, retry after 120 s)');
  });

  it('arXiv: a 503 with a short Retry-After is waited out once, then the page is read', async () => {
    fake.arxivResults([1, 2].map((n) => arxivEntry(paper(n))));
    fake.arxivPage(0, { status: 503, headers: { 'retry-after': '5' }, body: 'busy' });
    const { papers, failure } = await readAll(arxiv(2), '2026-11-01');
    expect(failure).toBeNull();
    expect(papers).toHaveLength(2);
    const arrivals = fake.requests.map((r) => r.at);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(5000);
  });

  it('arXiv: a 503 twice fails with the reason', async () => {
    fake.arxivPage(0, { status: 503, headers: { 'retry-after': '1' } }, { status: 503, headers: { 'retry-after': '1' } });
    const { failure } = await readAll(arxiv(2), '2026-11-01');
    expect(failure).toBe('results from 1: unavailable (HTTP 503, retry after 1 s), again after waiting 1 s');
  });

  it('arXiv: a server that never answers times out; a malformed body is a reason', async () => {
    fake.arxivPage(0, { hang: true });
    const slow = arxivSource(fake.arxivApiUrl, { categories: ['cs.LG'] }, http(150));
    const before = fake.requests.length;
    expect((await readAll(slow, '2026-11-01')).failure).toBe('results from 1: timed out after 0.15 s');
    // On a loaded machine the timed-out request can reach the server after the client gave up:
    // let it take the hang script first, or it would take the malformed body meant for the next read.
    for (let waited = 0; fake.requests.length === before && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    fake.arxivPage(0, { body: '<?xml version="1.0"?><feed><entry><title>cut off' });
    expect((await readAll(arxiv(), '2026-11-01')).failure).toMatch(/^results from 1: malformed XML/);
  });

  it('a refused connection names the host', async () => {
    const closed = await startFakeSources();
    const base = closed.hfApiUrl;
    await closed.close();
    const gone = hfDailySource(base, http());
    expect((await readAll(gone, '2026-12-01')).failure).toMatch(/^2026-12-01: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
  });
});
