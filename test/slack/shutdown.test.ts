/**
 * SIGTERM/SIGINT on the built bot, in a child process as an orchestrator would send them: work
 * in flight (a reply on its way to response_url, a digest being posted) finishes before the
 * process exits 0; work that hangs is given up on in time (exit 0 within 10 s); a second signal
 * exits at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { buildTestBot, freePort, runBot, waitForOutput, type BotProcess } from '../support/bot-process.js';
import { ok, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { postSigned, slashCommandBody } from '../support/sign-request.js';
import { slashCommand } from './harness.js';

const SECRET = 'shutdown-test-signing-secret';
let bot = '';
let cleanup = (): void => undefined;
beforeAll(async () => {
  ({ bot, cleanup } = await buildTestBot('shutdown'));
});
afterAll(() => cleanup());

let fake: FakeSlack;
let proc: BotProcess | undefined;
afterEach(async () => {
  if (proc && proc.child.exitCode === null && proc.signal() === null) proc.child.kill('SIGKILL');
  proc = undefined;
  await fake?.close();
});

async function startBot(extra: Record<string, string> = {}): Promise<{ port: number; dataDir: string; dbPath: string }> {
  fake = await startFakeSlack();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-stop-'));
  const dbPath = join(dataDir, 'paperboy.db');
  proc = runBot(bot, {
    SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
    SLACK_SIGNING_SECRET: SECRET,
    PORT: String(port),
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: `sqlite:${dbPath}`,
    PAPERBOY_INDEX_SNAPSHOT: join(dataDir, 'index.json'),
    ...extra,
  });
  await waitForOutput(proc.output, /"msg":"listening"/, proc.exited);
  return { port, dataDir, dbPath };
}

async function sendCommand(port: number, id: string): Promise<void> {
  const response = await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, slashCommandBody(slashCommand('diffusion', fake.responseUrl(id))));
  expect(response.status).toBe(200);
  await fake.waitFor((r) => r.kind === 'response' && r.method === id, 10_000);
}

/** Starts the bot, sends a command whose reply Slack holds for holdMs, SIGTERMs it; ms until exit and the code. */
async function stopWithReplyHeld(id: string, holdMs: number): Promise<{ took: number; code: number | null }> {
  const { port } = await startBot();
  fake.answerAlways(`response:${id}`, { body: { ok: true }, delayMs: holdMs });
  await sendCommand(port, id);
  const signalledAt = Date.now();
  proc!.child.kill('SIGTERM');
  const code = await proc!.exited;
  return { took: Date.now() - signalledAt, code };
}

describe('stopping the bot', () => {
  it('SIGTERM: a reply still on its way to response_url is delivered before the process exits 0', async () => {
    // Slack takes 1.5 s to accept the reply: the listener is still awaiting it when SIGTERM comes.
    const { took, code } = await stopWithReplyHeld('slow', 1500);
    expect(code).toBe(0);
    console.log(`shutdown with a reply in flight: exited 0 after ${took} ms (reply held 1500 ms)`);
    expect(took).toBeGreaterThanOrEqual(1200);
    expect(took).toBeLessThan(10_000);
    expect(proc!.output()).toMatch(/"msg":"stopped"/);
    expect(proc!.output()).not.toMatch(/stopping without waiting/);
  });

  it('SIGINT with a digest being posted: the post finishes and is recorded, then exit 0', async () => {
    fake = await startFakeSlack();
    const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-stop-'));
    const dbPath = join(dataDir, 'paperboy.db');
    const store = await openStore({ kind: 'sqlite', path: dbPath });
    await store.saveSubscription({ teamId: 'T1', channelId: 'CDIGEST', topics: [], time: '00:00', timezone: 'UTC', days: 'daily', createdBy: 'U1' }, new Date());
    await store.close();
    fake.answerAlways('conversations.history', ok({ messages: [], has_more: false }));
    fake.answerAlways('chat.postMessage', (req) => ({ body: { ok: true, channel: req.body['channel'], ts: '1700000000.000900' }, delayMs: 1500 }));
    proc = runBot(bot, {
      SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
      SLACK_SIGNING_SECRET: SECRET,
      PORT: String(await freePort()),
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: `sqlite:${dbPath}`,
      PAPERBOY_INDEX_SNAPSHOT: join(dataDir, 'index.json'),
    });
    // The catch-up pass at start posts today's digest; signal while Slack holds the post.
    await fake.waitFor((r) => r.method === 'chat.postMessage', 15_000);
    proc.child.kill('SIGINT');
    expect(await proc.exited).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    const rows = db.prepare('SELECT status, message_ts FROM digests').all();
    db.close();
    console.log(`shutdown with a digest post in flight: digests recorded ${JSON.stringify(rows)}, posts ${fake.calls('chat.postMessage').length}`);
    expect(rows).toEqual([{ status: 'posted', message_ts: '1700000000.000900' }]);
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
  });

  it('work that hangs is given up on: exit 0 within 10 s, naming what was unfinished', async () => {
    const { took, code } = await stopWithReplyHeld('hung', 60_000);
    expect(code).toBe(0);
    console.log(`shutdown with a hung reply: exited 0 after ${took} ms`);
    expect(took).toBeLessThan(10_000);
    expect(proc!.output()).toMatch(/"msg":"stopping without waiting any longer for these".*"slack requests"|"unfinished":\["slack requests"\]/);
  });

  it('a second signal exits at once', async () => {
    const { port } = await startBot();
    fake.answerAlways('response:hung2', { body: { ok: true }, delayMs: 60_000 });
    await sendCommand(port, 'hung2');
    proc!.child.kill('SIGTERM');
    await waitForOutput(proc!.output, /"msg":"stopping"/, proc!.exited);
    const secondAt = Date.now();
    proc!.child.kill('SIGTERM');
    const code = await proc!.exited;
    const took = Date.now() - secondAt;
    console.log(`second SIGTERM: exited ${code} after ${took} ms`);
    expect(code).toBe(143);
    expect(took).toBeLessThan(1000);
    expect(proc!.output()).toMatch(/second stop signal; exiting now/);
  });
});
