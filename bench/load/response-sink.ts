/**
 * bench:load's response_url: a child process of the generator, so taking in 200 replies a second
 * (each a few KiB of JSON) costs the generator's event loop nothing and cannot delay the schedule
 * it keeps. For each POST /response/<id> it keeps when the body had arrived, on the monotonic
 * clock every process on the machine shares (process.hrtime, in ms: the generator's due times
 * are on it too), and whether the reply was a search answer or an error notice. It prints
 * `sink listening <port>` once up; GET /received?prefix=<p> answers what it holds for ids
 * starting with p, as JSON [[id, atMs, ok, replies], ...] (the first reply's arrival and
 * verdict, and how many replies that id got). Everything else is 404.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOTICES } from '../../src/core/blocks/render-notice.js';
import { renderStoreUnavailable } from '../../src/core/blocks/render-unavailable.js';

/** What the error handler sends instead of an answer (src/slack/error-handler.ts). */
const FAILURE_TEXTS = new Set([NOTICES.somethingWentWrong().text, renderStoreUnavailable().text]);

const received = new Map<string, { at: number; ok: boolean; replies: number }>();
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/received') {
    const prefix = url.searchParams.get('prefix') ?? '';
    const rows = [...received].filter(([id]) => id.startsWith(prefix)).map(([id, r]) => [id, r.at, r.ok, r.replies]);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
    return;
  }
  const match = /^\/response\/(.+)$/.exec(url.pathname);
  if (req.method !== 'POST' || !match) {
    res.writeHead(404).end();
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const at = monotonicMs();
    const id = decodeURIComponent(match[1]!);
    let ok = false;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { blocks?: unknown; text?: unknown };
      // A search answer has blocks, and is not one of the error handler's notices.
      ok = Array.isArray(body.blocks) && !(typeof body.text === 'string' && FAILURE_TEXTS.has(body.text));
    } catch {
      ok = false;
    }
    // The first reply's time and verdict count; more replies to one id are counted (duplicates).
    const seen = received.get(id);
    if (seen) seen.replies++;
    else received.set(id, { at, ok, replies: 1 });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(`sink listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
