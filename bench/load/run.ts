/**
 * Load: `npm run bench:load [-- --rates 50,100,200 --seconds 30 --papers 100000 --profile DIR
 * --node-args "--max-semi-space-size=32"]`.
 * A figure, not a test: it prints what it measured and whether the targets were met, and never
 * fails on them.
 *
 * The bot is built and run as `npm start` runs it (dist/main.mjs, a child process, HTTP mode,
 * configured by the environment) over bench:speed's generated corpus (bench/speed/corpus-cache.ts;
 * generated and cached on first use), with SQLite and the tests' fake Slack (test/support/
 * fake-slack.ts) as its Web API. Every command's response_url points at bench/load/
 * response-sink.ts, a process of its own, so taking in the replies costs this one nothing.
 * This process is an open-loop generator: request i of a phase is due at start + i / rate
 * whatever happened to the ones before (no coordinated omission: latencies count from when a
 * request was due, not from when it went out), each a `/papers <query>` signed as Slack signs it
 * (all signed before the phase starts, sent over keep-alive connections), queries drawn like
 * bench:speed's (Zipf-distributed words, a fifth with a typo). Due times and the sink's arrival
 * stamps are on the monotonic clock the processes share.
 *
 * Per rate: ack latency (due -> HTTP 200 received) p50/p99/max; response latency (due -> the
 * reply reaching response_url) p50/p99; errors (non-200, network, an error notice as the reply);
 * lost (no reply at all: waited for until 10 s after the phase and 3 s without a new reply); the bot's RSS and event-loop max delay in the
 * phase (its own /metrics: prom-client reads perf_hooks.monitorEventLoopDelay and resets it each
 * scrape); CPU per request of the bot and of this generator; the 1-minute load average.
 * Targets at 200/s: ack p99 <= 50 ms, response p99 <= 200 ms, 0 errors, 0 lost.
 *
 * --profile DIR: the bot runs under --cpu-prof and writes its profile into DIR at exit, with
 * phases.json beside it (each phase's start and end on the profile's clock); bench/load/
 * profile-summary.ts reads a phase of it by self time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildBot } from '../../bin/build.js';
import { slashCommand } from '../../test/slack/harness.js';
import { startFakeSlack } from '../../test/support/fake-slack.js';
import { signRequest, slashCommandBody } from '../../test/support/sign-request.js';
import { CACHE_DIR, ensureCorpus } from '../speed/corpus-cache.js';
import { generateQueries } from '../speed/queries.js';
import { percentile } from '../speed/stats.js';

const ROOT = resolve(CACHE_DIR, '..', '..', '..');
const SECRET = 'load-bench-signing-secret';
const CORPUS_SEED = 42;
const WARM_UP_SECONDS = 5;
const GRACE_MS = 10_000;
const STALL_MS = 3_000;

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

/** The monotonic clock every process on the machine shares (the response sink stamps on it too), in ms. */
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

interface Sent {
  readonly id: string;
  /** Signed ahead of the phase, so the schedule pays nothing per request but the write. */
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  due: number;
  ackMs?: number;
  error?: string;
}

interface Phase {
  readonly rate: number;
  readonly seconds: number;
  readonly sent: readonly Sent[];
}

/** The phase's requests, each signed as Slack signs it (ids are unique, so signatures are). */
function prepare(sink: Sink, queries: readonly string[], total: number, label: string): Sent[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: total }, (_, i) => {
    const id = `${label}-${i}`;
    const text = slashCommandBody(slashCommand(queries[i % queries.length]!, sink.responseUrl(id)));
    const body = Buffer.from(text);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length), ...signRequest(SECRET, text, timestamp) };
    return { id, body, headers, due: 0 };
  });
}

/** Sends one signed /papers command; resolves when its HTTP answer is in. */
function send(port: number, agent: Agent, record: Sent): Promise<void> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers: record.headers, agent }, (res) => {
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
    req.end(record.body);
  });
}

async function runPhase(port: number, agent: Agent, sink: Sink, queries: readonly string[], rate: number, seconds: number, label: string): Promise<Phase> {
  const sent = prepare(sink, queries, Math.round(rate * seconds), label);
  const start = nowMs() + 50;
  const inFlight: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((finished) => {
    const tick = (): void => {
      const now = nowMs();
      // Everything due by now goes out now: the schedule does not wait for answers.
      while (next < sent.length && start + (next * 1000) / rate <= now) {
        const record = sent[next]!;
        record.due = start + (next * 1000) / rate;
        inFlight.push(send(port, agent, record));
        next++;
      }
      if (next >= sent.length) return finished();
      setTimeout(tick, Math.max(0, start + (next * 1000) / rate - nowMs()));
    };
    tick();
  });
  await Promise.all(inFlight);
  return { rate, seconds, sent };
}

interface Reply {
  readonly at: number;
  readonly ok: boolean;
  readonly replies: number;
}

/**
 * The sink's replies to a phase: once every request has one, or once GRACE_MS have passed since
 * the phase ended and no reply came for STALL_MS (a backlog still draining is waited for, so
 * "lost" means never answered, not answered late; late shows in the response latencies).
 */
async function waitForReplies(sink: Sink, phase: Phase, label: string): Promise<Map<string, Reply>> {
  const graceEnds = nowMs() + GRACE_MS;
  let count = -1;
  let lastProgress = nowMs();
  for (;;) {
    const replies = await sink.received(`${label}-`);
    if (replies.size !== count) [count, lastProgress] = [replies.size, nowMs()];
    if (replies.size >= phase.sent.length || (nowMs() > graceEnds && nowMs() - lastProgress > STALL_MS)) return replies;
    await new Promise((done) => setTimeout(done, 200));
  }
}

interface Sink {
  responseUrl(id: string): string;
  received(prefix: string): Promise<Map<string, Reply>>;
  close(): Promise<void>;
}

/** bench/load/response-sink.ts in its own process: the response_url every command carries. */
async function startSink(): Promise<Sink> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./response-sink.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((found, failed) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /sink listening (\d+)/.exec(out);
      if (match) found(Number(match[1]));
    });
    child.once('exit', (code) => failed(new Error(`response sink exited (${code}) before listening`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    async received(prefix) {
      const rows = (await (await fetch(`${base}/received?prefix=${encodeURIComponent(prefix)}`)).json()) as [string, number, boolean, number][];
      return new Map(rows.map(([id, at, ok, replies]) => [id, { at, ok, replies }]));
    },
    close: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((done) => child.once('exit', done));
    },
  };
}

async function scrape(port: number): Promise<{ rssMB: number; loopMaxMs: number; loopP99Ms: number; cpuSeconds: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string): number => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    rssMB: value('process_resident_memory_bytes') / 1e6,
    loopMaxMs: value('nodejs_eventloop_lag_max_seconds') * 1000,
    loopP99Ms: value('nodejs_eventloop_lag_p99_seconds') * 1000,
    cpuSeconds: value('process_cpu_seconds_total'),
  };
}

/**
 * The bot's stdout and stderr go to a file, as a log shipper would take them: read through a pipe
 * by this process, its logging would compete with the schedule for this event loop.
 */
function startBot(bot: string, nodeArgs: readonly string[], env: Record<string, string>, logPath: string): { child: ChildProcess; output: () => string } {
  const log = openSync(logPath, 'w');
  const child = spawn(process.execPath, [...nodeArgs, bot], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', log, log] });
  closeSync(log);
  // The tail: at info level the bot logs a line per request.
  const output = (): string => {
    const size = statSync(logPath).size;
    const length = Math.min(size, 200_000);
    const tail = Buffer.alloc(length);
    const fd = openSync(logPath, 'r');
    try {
      readSync(fd, tail, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    return tail.toString('utf8');
  };
  return { child, output };
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
  // The fake Slack answers the bot's Web API calls (auth.test at start); replies go to the sink.
  const fake = await startFakeSlack();
  const sink = await startSink();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-load-'));
  const profileDir = flag('profile', '');
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  // Kept with the profile; otherwise removed with the database.
  const botLog = join(profileDir || dataDir, 'bot.log');
  // --profile DIR: the bot writes a V8 CPU profile there when it exits (read it by self-time).
  // --node-args "...": extra flags for the bot's node (GC settings, say), space-separated.
  const nodeArgs = [...flag('node-args', '').split(' ').filter(Boolean), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [])];
  const { child, output } = startBot(bot, nodeArgs, {
    SLACK_BOT_TOKEN: 'xoxb-load-bench',
    SLACK_SIGNING_SECRET: SECRET,
    PORT: String(port),
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'info',
    DATABASE_URL: `sqlite:${join(dataDir, 'paperboy.db')}`,
    PAPERBOY_SEEDS_DIR: corpus.pagesDir,
    // Shared with bench:speed and bench:bot-startup: built on the first start, loaded after.
    PAPERBOY_INDEX_SNAPSHOT: join(corpus.dir, 'index-snapshot.json'),
  }, botLog);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const generatorLoop = monitorEventLoopDelay({ resolution: 10 });
  try {
    const started = Date.now();
    // The first start over a new corpus builds the index and saves the snapshot: minutes at 100k on a busy machine.
    await waitFor(output, /"msg":"listening"/, 1_200_000, '"listening"');
    console.log(`bot listening after ${((Date.now() - started) / 1000).toFixed(1)} s on ${corpus.meta.papers.toLocaleString('en')} papers`);
    // The store's copy of the papers is written after start; measured phases start once it is done.
    await waitFor(output, /"msg":"papers stored"|could not store the papers/, 300_000, '"papers stored"');
    await runPhase(port, agent, sink, queries, 50, WARM_UP_SECONDS, 'warm');
    console.log(`warm-up: ${WARM_UP_SECONDS} s at 50/s (not counted)\n`);

    const rows: string[] = [];
    const windows: { rate: number; startUs: number; endUs: number }[] = [];
    for (const rate of rates) {
      const before = await scrape(port); // also resets the bot's event-loop delay histogram
      const generatorCpu = process.cpuUsage();
      generatorLoop.reset();
      generatorLoop.enable();
      const windowStart = process.hrtime.bigint() / 1000n;
      const phase = await runPhase(port, agent, sink, queries.slice((rate * 7) % 1000), rate, seconds, `r${rate}`);
      // The phase on the profile's clock (both are CLOCK_MONOTONIC, in µs), to read it alone.
      if (profileDir) windows.push({ rate, startUs: Number(windowStart), endUs: Number(process.hrtime.bigint() / 1000n) });
      generatorLoop.disable();
      const bot = await scrape(port);
      const generatorCpuUsed = process.cpuUsage(generatorCpu);
      const replies = await waitForReplies(sink, phase, `r${rate}`);
      // CPU once the replies are in: the work a phase caused, over the requests it sent.
      const botCpuMs = ((await scrape(port)).cpuSeconds - before.cpuSeconds) * 1000;
      const generatorCpuMs = (generatorCpuUsed.user + generatorCpuUsed.system) / 1000;
      const records = phase.sent;
      const acks = records.filter((r) => r.ackMs !== undefined && !r.error).map((r) => r.ackMs!);
      const responses = records.filter((r) => replies.has(r.id)).map((r) => replies.get(r.id)!.at - r.due);
      // An error is a request not acked with 200, or answered with an error notice instead of results.
      for (const r of records) if (!r.error && replies.get(r.id)?.ok === false) r.error = 'error_reply';
      const errors = records.filter((r) => r.error).length;
      const errorKinds = [...new Set(records.flatMap((r) => (r.error ? [r.error] : [])))];
      const lost = records.filter((r) => !r.error && !replies.has(r.id)).length;
      const duplicates = [...replies.values()].filter((r) => r.replies > 1).length;
      const met = rate !== 200 ? '' : percentile(acks, 99) <= 50 && percentile(responses, 99) <= 200 && errors === 0 && lost === 0 ? '  (targets met)' : '  (targets NOT met)';
      rows.push(
        `${String(rate).padStart(4)}/s  ${String(records.length).padStart(5)}  ack p50 ${fmt(percentile(acks, 50)).padStart(6)}  p99 ${fmt(percentile(acks, 99)).padStart(6)}  max ${fmt(Math.max(...acks)).padStart(7)}` +
          `  |  response p50 ${fmt(percentile(responses, 50)).padStart(6)}  p99 ${fmt(percentile(responses, 99)).padStart(7)}` +
          `  |  errors ${errors}${errors ? ` (${errorKinds.join(', ')})` : ''}  lost ${lost}${duplicates ? `  DUPLICATE replies ${duplicates}` : ''}  |  RSS ${bot.rssMB.toFixed(0)} MB  loop max ${fmt(bot.loopMaxMs)} (p99 ${fmt(bot.loopP99Ms)})  CPU ${(botCpuMs / records.length).toFixed(2)} ms/req` +
          `  |  generator CPU ${(generatorCpuMs / records.length).toFixed(2)} ms/req  loop max ${fmt(generatorLoop.max / 1e6)}  |  load ${loadavg()[0]!.toFixed(2)}${met}`,
      );
      console.log(rows[rows.length - 1]);
    }
    if (profileDir) writeFileSync(join(profileDir, 'phases.json'), JSON.stringify(windows));
    console.log(`\nrate     sent   ack latency, ms (due -> 200)  |  response_url, ms (due -> reply)  |  errors, lost  |  bot: RSS, event-loop delay ms, CPU per request  |  generator: CPU per request, event-loop delay ms  |  1-min load average`);
    for (const row of rows) console.log(row);
    console.log('Targets at 200/s: ack p99 <= 50 ms, response p99 <= 200 ms, 0 errors, 0 lost. The machine is shared (2 cores, other work running): figures move between runs.');
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    await fake.close();
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
