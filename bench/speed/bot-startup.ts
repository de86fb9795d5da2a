/**
 * The whole bot's start-up at scale: `npm run bench:bot-startup [-- --papers N --runs K]`.
 *
 * bench:speed times the search path alone (seed check, snapshot, first query). This builds the
 * bot as `npm start` does (bin/build.js: src/main.ts bundled into dist/main.mjs), then runs it
 * as `npm start` does (`node dist/main.mjs`), configured only through the environment, over
 * the bench's generated corpus (its seed pages and the bot snapshot bench:speed saved), with a
 * local stand-in for Slack's Web API that approves the token, a fresh SQLite
 * database per run, and HTTP mode. It reports the wall time from spawn to the "listening" log
 * line, and the time a request then takes while the papers are still being copied to the store;
 * then one start after every seed page was touched (new stamps, same bytes: the pages are hashed).
 * Last, one cold start without a snapshot: time to "listening", the reply to a signed
 * `/papers` sent right then (the "warming up, N% indexed" notice), the event-loop delay seen by
 * requests sent every 100 ms during the build, and the time to "search index ready".
 * (at most --cold-seconds, 120). Run bench:speed first (with the same --papers) so the corpus and snapshot exist.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildBot } from '../../bin/build.js';
import { CACHE_DIR } from './corpus-cache.js';
import { GENERATOR_VERSION } from './corpus-generator.js';
import { percentile } from './stats.js';
import { postSigned, slashCommandBody } from '../../test/support/sign-request.js';
import { slashCommand } from '../../test/slack/harness.js';

const ROOT = resolve(CACHE_DIR, '..', '..', '..');

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive integer`);
  return value;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * One start: ms from spawn to "listening", and ms for a request answered right after it. A bot
 * without a usable snapshot listens first and builds meanwhile, so its "listening" says nothing
 * about loading a snapshot: such a start is refused unless `untilIndexReady`, which waits for
 * the build (and the snapshot it writes) before stopping the bot.
 */
async function startOnce(
  bot: string,
  env: Record<string, string>,
  port: number,
  untilIndexReady = false,
): Promise<{ listeningMs: number; requestMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [bot], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listening = new Promise<number>((resolveListening, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('"msg":"listening"')) resolveListening(performance.now() - started);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
  const listeningMs = await listening;
  const building = output.includes('no usable index snapshot');
  if (building && untilIndexReady) {
    // "search index ready" comes after the snapshot (and the pages' stamps) are written.
    await new Promise<void>((done) => {
      const check = (): void => (output.includes('"msg":"search index ready"') ? done() : void setTimeout(check, 200));
      check();
    });
  } else if (building) {
    child.kill('SIGKILL');
    throw new Error('the bot found no usable snapshot and built the index instead: this start measures no snapshot load');
  }
  // An unsigned request: answered (401) by the receiver, so it measures whether the event loop is free.
  const sent = performance.now();
  await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x=1' });
  const requestMs = performance.now() - sent;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  return { listeningMs, requestMs };
}

async function main(): Promise<void> {
  const papers = flag('papers', 100_000);
  const runs = flag('runs', 5);
  const corpusDir = join(CACHE_DIR, `corpus-g${GENERATOR_VERSION}-s42-n${papers}`);
  const snapshot = join(corpusDir, 'index-snapshot.json');
  if (!existsSync(snapshot)) throw new Error(`no snapshot at ${snapshot}: run \`npm run bench:speed -- --papers ${papers}\` first`);

  const bot = await buildBot();
  // Replies posted to a response_url (/response/<id>) are kept, so the cold start can read them.
  const replies = new Map<string, { body: string; at: number }>();
  const slack = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url?.startsWith('/response/')) replies.set(req.url.slice('/response/'.length), { body, at: performance.now() });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0BENCH', url: 'https://bench.slack.com/' }));
    });
  });
  const slackPort = await listen(slack);
  const results: { listeningMs: number; requestMs: number }[] = [];
  const pagesDir = join(corpusDir, 'pages');
  const startBot = async (untilIndexReady = false): Promise<{ listeningMs: number; requestMs: number }> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-bot-startup-'));
    const port = await freePort();
    try {
      return await startOnce(
        bot,
        {
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_SIGNING_SECRET: 'bench-secret',
          PORT: String(port),
          SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
          LOG_LEVEL: 'info',
          DATABASE_URL: `sqlite:${join(dataDir, 'paperboy.db')}`,
          PAPERBOY_SEEDS_DIR: pagesDir,
          PAPERBOY_INDEX_SNAPSHOT: snapshot,
        },
        port,
        untilIndexReady,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  let touched: number;
  try {
    // Run 0 is a warm-up, not counted: it rebuilds the snapshot if the search settings or the
    // snapshot layout changed since bench:speed saved it, and warms the page cache.
    for (let run = 0; run <= runs; run++) {
      const result = await startBot(run === 0);
      if (run === 0) {
        console.log(`warm-up: listening after ${result.listeningMs.toFixed(0)} ms (not counted)`);
        continue;
      }
      results.push(result);
      console.log(`run ${run}: listening after ${result.listeningMs.toFixed(0)} ms; a request right then answered in ${result.requestMs.toFixed(0)} ms`);
    }
    // The slow path, once: every page's stamp changed (times set to what they were, so only the
    // change time moves), as after a copy or a checkout. The pages are read and hashed, found
    // unchanged, and their new stamps recorded for the next start.
    for (const name of readdirSync(pagesDir)) {
      const { atime, mtime } = statSync(join(pagesDir, name));
      utimesSync(join(pagesDir, name), atime, mtime);
    }
    touched = (await startBot()).listeningMs;
    console.log(`after touching every seed page (read and hashed, then new stamps recorded): listening after ${touched.toFixed(0)} ms`);
    await coldStart(bot, pagesDir, slackPort, replies, flag('cold-seconds', 120));
  } finally {
    slack.close();
  }
  const listeningMs = results.map((r) => r.listeningMs);
  console.log(
    `\nThe bot (dist/main.mjs) at ${papers.toLocaleString('en')} papers, from the snapshot: median ${percentile(listeningMs, 50).toFixed(0)} ms to "listening" ` +
      `(min ${Math.min(...listeningMs).toFixed(0)}, max ${Math.max(...listeningMs).toFixed(0)}; target 1500 ms: ${percentile(listeningMs, 50) <= 1500 ? 'PASS' : 'FAIL'}); ` +
      `requests right after: median ${percentile(results.map((r) => r.requestMs), 50).toFixed(0)} ms; ` +
      `once after the pages were touched: ${touched.toFixed(0)} ms`,
  );
}

/** One start with no snapshot: listening, a /papers reply meanwhile, request latency during the build, index ready. */
async function coldStart(bot: string, pagesDir: string, slackPort: number, replies: Map<string, { body: string; at: number }>, maxSeconds: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-bot-cold-'));
  const port = await freePort();
  const secret = 'bench-secret';
  const started = performance.now();
  const child = spawn(process.execPath, [bot], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: secret,
      PORT: String(port),
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      LOG_LEVEL: 'info',
      DATABASE_URL: `sqlite:${join(dataDir, 'paperboy.db')}`,
      PAPERBOY_SEEDS_DIR: pagesDir,
      PAPERBOY_INDEX_SNAPSHOT: join(dataDir, 'no-snapshot-yet.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seen = (pattern: string): Promise<number> =>
    new Promise((resolveSeen, reject) => {
      const check = (): void => {
        if (output.includes(pattern)) resolveSeen(performance.now() - started);
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before "${pattern}":\n${output.slice(-2000)}`)));
    });
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const listening = seen('"msg":"listening"');
  const ready = seen('"msg":"search index ready"');
  // It rejects when the bot is stopped before the index is ready (the --cold-seconds limit).
  ready.catch(() => undefined);
  try {
    const listeningMs = await listening;
    const ask = async (id: string): Promise<{ ms: number | null; text: string }> => {
      const asked = performance.now();
      try {
        await postSigned(`http://127.0.0.1:${port}/slack/events`, secret, slashCommandBody(slashCommand('diffusion model', `http://127.0.0.1:${slackPort}/response/${id}`)));
      } catch (error) {
        return { ms: null, text: `request failed: ${String((error as Error).cause ?? error)}` };
      }
      let reply: { body: string; at: number } | undefined;
      for (let i = 0; i < 600 && !(reply = replies.get(id)); i++) await new Promise((r) => setTimeout(r, 50));
      return { ms: reply ? reply.at - asked : null, text: reply ? String((JSON.parse(reply.body) as { text?: string }).text) : 'no reply' };
    };
    const first = await ask('cold');
    // Unsigned requests every 100 ms until the index is ready: each is answered 401 by the
    // receiver, so its latency is how long the event loop kept it waiting.
    const latencies: number[] = [];
    let resets = 0;
    let done = false;
    void ready.then(
      () => (done = true),
      () => undefined,
    );
    const until = performance.now() + maxSeconds * 1000;
    while (!done && performance.now() < until) {
      const sent = performance.now();
      // A fresh connection each time: a kept-alive one the server dropped would read as a reset.
      await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x=1', headers: { connection: 'close' } }).catch(() => {
        resets++;
      });
      latencies.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, 100));
    }
    const last = await ask('cold-last');
    const readyMs = done ? await ready : null;
    console.log(
      `cold start, no snapshot: listening after ${listeningMs.toFixed(0)} ms (target 1500 ms: ${listeningMs <= 1500 ? 'PASS' : 'FAIL'}); ` +
        `/papers sent then answered in ${first.ms === null ? 'n/a' : first.ms.toFixed(0)} ms: "${first.text.slice(0, 120)}"; ` +
        `${latencies.length} requests every 100 ms during the build (${resets} failed): median ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; ` +
        (readyMs === null
          ? `index not ready after ${maxSeconds} s (stopped there; the last /papers, answered in ${last.ms === null ? 'n/a' : last.ms.toFixed(0)} ms: "${last.text.slice(0, 120)}")`
          : `index ready (built while serving: in the worker thread, slices as the fallback) after ${(readyMs / 1000).toFixed(1)} s`),
    );
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ""}` : error);
  process.exit(1);
});
