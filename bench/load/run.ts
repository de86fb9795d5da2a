/**
 * Load: `npm run bench:load [-- --rates 50,100,200 --seconds 30 --papers 100000]`. A figure, not
 * a test: it prints what it measured and whether the targets were met, and never fails on them.
 *
 * The bot is built and run as `npm start` runs it (dist/main.mjs, a child process, HTTP mode,
 * configured by the environment) over bench:speed's generated corpus (bench/speed/corpus-cache.ts;
 * generated and cached on first use), with SQLite and the tests' fake Slack (test/support/
 * fake-slack.ts) as its Web API and response_url. This process is an open-loop generator: request
 * i of a phase is due at start + i / rate whatever happened to the ones before (no coordinated
 * omission: latencies count from when a request was due, not from when it went out), each a
 * `/papers <query>` signed as Slack signs it, queries drawn like bench:speed's (Zipf-distributed
 * words, a fifth with a typo).
 *
 * Per rate: ack latency (due -> HTTP 200 received) p50/p99/max; response latency (due -> the
 * reply reaching response_url) p50/p99; errors (non-200, network); lost (no reply within 10 s
 * after the phase); the bot's RSS and event-loop max delay in the phase (its own /metrics:
 * prom-client reads perf_hooks.monitorEventLoopDelay and resets it each scrape).
 * Targets at 200/s: ack p99 <= 50 ms, response p99 <= 200 ms, 0 errors, 0 lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildBot } from '../../bin/build.js';
import { slashCommand } from '../../test/slack/harness.js';
import { startFakeSlack, type FakeSlack } from '../../test/support/fake-slack.js';
import { signRequest, slashCommandBody } from '../../test/support/sign-request.js';
import { CACHE_DIR, ensureCorpus } from '../speed/corpus-cache.js';
import { generateQueries } from '../speed/queries.js';
import { percentile } from '../speed/stats.js';

const ROOT = resolve(CACHE_DIR, '..', '..', '..');
const SECRET = 'load-bench-signing-secret';
const CORPUS_SEED = 42;
const WARM_UP_SECONDS = 5;
const GRACE_MS = 10_000;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

const nowMs = (): number => performance.timeOrigin + performance.now();

interface Sent {
  readonly due: number;
  ackMs?: number;
  error?: string;
}

interface Phase {
  readonly rate: number;
  readonly seconds: number;
  readonly sent: Map<string, Sent>;
}

/** Sends one signed /papers command; resolves when its HTTP answer is in. */
function send(port: number, agent: Agent, body: string, record: Sent): Promise<void> {
  return new Promise((done) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...signRequest(SECRET, body) };
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        record.ackMs = nowMs() - record.due;
        if (res.statusCode !== 200) record.error = `http_${res.statusCode}`;
        done();
      });
    });
    req.on('error', (error) => {
      record.error = (error as NodeJS.ErrnoException).code ?? 'request_error';
      done();
    });
    req.end(body);
  });
}

async function runPhase(port: number, agent: Agent, fake: FakeSlack, queries: readonly string[], rate: number, seconds: number, label: string): Promise<Phase> {
  const sent = new Map<string, Sent>();
  const total = Math.round(rate * seconds);
  const start = nowMs() + 50;
  const inFlight: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((finished) => {
    const tick = (): void => {
      const now = nowMs();
      // Everything due by now goes out now: the schedule does not wait for answers.
      while (next < total && start + (next * 1000) / rate <= now) {
        const id = `${label}-${next}`;
        const record: Sent = { due: start + (next * 1000) / rate };
        sent.set(id, record);
        const body = slashCommandBody(slashCommand(queries[next % queries.length]!, fake.responseUrl(id)));
        inFlight.push(send(port, agent, body, record));
        next++;
      }
      if (next >= total) return finished();
      setTimeout(tick, Math.max(0, start + (next * 1000) / rate - nowMs()));
    };
    tick();
  });
  await Promise.all(inFlight);
  return { rate, seconds, sent };
}

async function waitForReplies(fake: FakeSlack, phase: Phase): Promise<Map<string, number>> {
  const deadline = nowMs() + GRACE_MS;
  const replies = new Map<string, number>();
  while (nowMs() < deadline) {
    for (const r of fake.requests) if (r.kind === 'response' && phase.sent.has(r.method) && !replies.has(r.method)) replies.set(r.method, r.receivedAt);
    if (replies.size >= phase.sent.size) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  return replies;
}

async function scrape(port: number): Promise<{ rssMB: number; loopMaxMs: number; loopP99Ms: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string): number => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    rssMB: value('process_resident_memory_bytes') / 1e6,
    loopMaxMs: value('nodejs_eventloop_lag_max_seconds') * 1000,
    loopP99Ms: value('nodejs_eventloop_lag_p99_seconds') * 1000,
  };
}

function startBot(bot: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [bot], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Keep only the tail: at info level the bot logs a line per request.
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output: () => output };
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms:\n${read().slice(-3000)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

const fmt = (ms: number): string => (Number.isFinite(ms) ? ms.toFixed(1) : '-');

async function main(): Promise<void> {
  const rates = flag('rates', '50,100,200').split(',').map(Number);
  const seconds = Number(flag('seconds', '30'));
  const papers = Number(flag('papers', '100000'));
  const corpus = await ensureCorpus(papers, CORPUS_SEED, (line) => console.log(line));
  const vocabulary = JSON.parse(readFileSync(corpus.vocabularyPath, 'utf8')) as string[];
  const sets = generateQueries(vocabulary, 4000, 7);
  // Four exact queries to one with a typo, interleaved, as bench:speed weighs them.
  const queries = sets.exact.flatMap((q, i) => (i % 4 === 3 ? [q, sets.typo[i]!.query] : [q]));

  const bot = await buildBot();
  const fake = await startFakeSlack();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-load-'));
  const { child, output } = startBot(bot, {
    SLACK_BOT_TOKEN: 'xoxb-load-bench',
    SLACK_SIGNING_SECRET: SECRET,
    PORT: String(port),
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'info',
    DATABASE_URL: `sqlite:${join(dataDir, 'paperboy.db')}`,
    PAPERBOY_SEEDS_DIR: corpus.pagesDir,
    // Shared with bench:speed and bench:bot-startup: built on the first start, loaded after.
    PAPERBOY_INDEX_SNAPSHOT: join(corpus.dir, 'index-snapshot.json'),
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const generatorLoop = monitorEventLoopDelay({ resolution: 10 });
  try {
    const started = Date.now();
    // The first start over a new corpus builds the index and saves the snapshot: minutes at 100k on a busy machine.
    await waitFor(output, /"msg":"listening"/, 1_200_000, '"listening"');
    console.log(`bot listening after ${((Date.now() - started) / 1000).toFixed(1)} s on ${corpus.meta.papers.toLocaleString('en')} papers`);
    // The store's copy of the papers is written after start; measured phases start once it is done.
    await waitFor(output, /"msg":"papers stored"|could not store the papers/, 300_000, '"papers stored"');
    await runPhase(port, agent, fake, queries, 50, WARM_UP_SECONDS, 'warm');
    fake.clear();
    console.log(`warm-up: ${WARM_UP_SECONDS} s at 50/s (not counted)\n`);

    const rows: string[] = [];
    for (const rate of rates) {
      await scrape(port); // resets the bot's event-loop delay histogram
      generatorLoop.reset();
      generatorLoop.enable();
      const phase = await runPhase(port, agent, fake, queries.slice((rate * 7) % 1000), rate, seconds, `r${rate}`);
      generatorLoop.disable();
      const bot = await scrape(port);
      const replies = await waitForReplies(fake, phase);
      const records = [...phase.sent.entries()];
      const acks = records.filter(([, r]) => r.ackMs !== undefined && !r.error).map(([, r]) => r.ackMs!);
      const responses = records.filter(([id]) => replies.has(id)).map(([id, r]) => replies.get(id)! - r.due);
      const errors = records.filter(([, r]) => r.error).length;
      const lost = records.filter(([id, r]) => !r.error && !replies.has(id)).length;
      const met = rate !== 200 ? '' : percentile(acks, 99) <= 50 && percentile(responses, 99) <= 200 && errors === 0 && lost === 0 ? '  (targets met)' : '  (targets NOT met)';
      rows.push(
        `${String(rate).padStart(4)}/s  ${String(records.length).padStart(5)}  ack p50 ${fmt(percentile(acks, 50)).padStart(6)}  p99 ${fmt(percentile(acks, 99)).padStart(6)}  max ${fmt(Math.max(...acks)).padStart(7)}` +
          `  |  response p50 ${fmt(percentile(responses, 50)).padStart(6)}  p99 ${fmt(percentile(responses, 99)).padStart(7)}` +
          `  |  errors ${errors}  lost ${lost}  |  RSS ${bot.rssMB.toFixed(0)} MB  loop max ${fmt(bot.loopMaxMs)} (p99 ${fmt(bot.loopP99Ms)})  |  generator loop max ${fmt(generatorLoop.max / 1e6)}${met}`,
      );
      console.log(rows[rows.length - 1]);
      fake.clear();
    }
    console.log(`\nrate     sent   ack latency, ms (due -> 200)  |  response_url, ms (due -> reply)  |  errors, lost  |  bot: RSS, event-loop delay ms  |  this generator's own loop delay ms`);
    for (const row of rows) console.log(row);
    console.log('Targets at 200/s: ack p99 <= 50 ms, response p99 <= 200 ms, 0 errors, 0 lost. The machine is shared (2 cores, other work running): figures move between runs.');
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
