/**
 * Fake Hugging Face Daily Papers and arXiv APIs on 127.0.0.1, speaking their formats over real
 * HTTP (fixtures in feed-fixtures.ts). A day or a page can be scripted to answer an error, a
 * 429/503 with Retry-After, a malformed body, or never (a timeout); unscripted Hugging Face days
 * are empty (`[]`), and arXiv pages are cut from the results given to `arxivResults` by `start`
 * and `max_results`, as arXiv pages them. Every request is recorded, with the test clock's time.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arxivFeed } from './feed-fixtures.js';

export interface SourceAnswer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Never answer (the client's timeout fires). */
  readonly hang?: boolean;
}

export interface SourceRequest {
  readonly api: 'hf' | 'arxiv';
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The test clock's time when it arrived. */
  readonly at: number;
}

export interface FakeSources {
  /** Pass as HF_PAPERS_API_URL. */
  readonly hfApiUrl: string;
  /** Pass as ARXIV_API_URL. */
  readonly arxivApiUrl: string;
  readonly requests: readonly SourceRequest[];
  /** Answers for one day, in turn; the last one repeats. */
  hfDay(date: string, ...answers: (SourceAnswer | unknown[])[]): void;
  /** The results arXiv holds, newest first (entries from arxivEntry). */
  arxivResults(entries: readonly string[]): void;
  /** Answers for the page starting at `start`, in turn, before the results are served again. */
  arxivPage(start: number, ...answers: SourceAnswer[]): void;
  close(): Promise<void>;
}

const json = (value: unknown): SourceAnswer => ({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) });
const atom = (body: string): SourceAnswer => ({ headers: { 'content-type': 'application/atom+xml; charset=utf-8' }, body });

export async function startFakeSources(clock: () => number = Date.now): Promise<FakeSources> {
  const requests: SourceRequest[] = [];
  const hfScripts = new Map<string, SourceAnswer[]>();
  const arxivScripts = new Map<number, SourceAnswer[]>();
  let results: readonly string[] = [];
  const hanging = new Set<ServerResponse>();

  const next = <K>(scripts: Map<K, SourceAnswer[]>, key: K): SourceAnswer | undefined => {
    const queue = scripts.get(key);
    if (!queue || queue.length === 0) return undefined;
    return queue.length > 1 ? queue.shift() : queue[0];
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let answer: SourceAnswer;
    if (url.pathname === '/hf/daily_papers') {
      requests.push({ api: 'hf', query: url.searchParams, headers: req.headers, at: clock() });
      answer = next(hfScripts, url.searchParams.get('date') ?? '') ?? json([]);
    } else if (url.pathname === '/arxiv/query') {
      requests.push({ api: 'arxiv', query: url.searchParams, headers: req.headers, at: clock() });
      const start = Number(url.searchParams.get('start') ?? '0');
      const max = Number(url.searchParams.get('max_results') ?? '10');
      answer = next(arxivScripts, start) ?? atom(arxivFeed({ total: results.length, start, entries: results.slice(start, start + max) }));
      // A scripted page answers once per script entry, then the results are served again.
      const queue = arxivScripts.get(start);
      if (queue && queue.length === 1 && queue[0] === answer) arxivScripts.delete(start);
    } else {
      answer = { status: 404, body: 'not found' };
    }
    if (answer.hang) {
      hanging.add(res);
      return;
    }
    res.writeHead(answer.status ?? 200, answer.headers ?? {});
    res.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    hfApiUrl: `${base}/hf`,
    arxivApiUrl: `${base}/arxiv/query`,
    requests,
    hfDay(date, ...answers) {
      hfScripts.set(date, answers.map((a) => (Array.isArray(a) ? json(a) : (a as SourceAnswer))));
    },
    arxivResults(entries) {
      results = entries;
    },
    arxivPage(start, ...answers) {
      arxivScripts.set(start, answers);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
