/**
 * The built bot killed with SIGKILL in the middle of its digest run, then restarted, twice:
 * once while Slack held a post it had already accepted (the message is in the channel, our
 * record is not), once while Slack held a post it had not accepted. Time passing is simulated by
 * ageing the dead process's claims past the stale window in the database file. Every channel
 * ends with exactly one digest in the channel, all recorded; the test prints what it counted.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STALE_AFTER_MS } from '../../src/digest/deliver-digest.js';
import { openStore } from '../../src/store/open-store.js';
import { buildTestBot, freePort, runBot, type BotProcess } from '../support/bot-process.js';
import { ok, startFakeSlack, type FakeAnswer, type FakeSlack } from '../support/fake-slack.js';

let bot = '';
let cleanup = (): void => undefined;
beforeAll(async () => {
  ({ bot, cleanup } = await buildTestBot('digest-kill'));
});
afterAll(() => cleanup());

let fake: FakeSlack | undefined;
let proc: BotProcess | undefined;
afterEach(async () => {
  if (proc && proc.child.exitCode === null && proc.signal() === null) proc.child.kill('SIGKILL');
  await fake?.close();
});

const CHANNELS = ['CK1', 'CK2', 'CK3', 'CK4'];

describe('a bot killed mid-digest and restarted', () => {
  it('SIGKILL while Slack holds an accepted post, and again while it holds an unaccepted one: each channel gets its digest exactly once', async () => {
    fake = await startFakeSlack();
    const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-kill-'));
    const dbPath = join(dataDir, 'paperboy.db');
    const store = await openStore({ kind: 'sqlite', path: dbPath });
    for (const channel of CHANNELS) {
      await store.saveSubscription({ teamId: 'T1', channelId: channel, topics: [], time: '00:00', timezone: 'UTC', days: 'daily', createdBy: 'U1' }, new Date());
    }
    await store.close();

    // Slack: the first post is accepted (it shows in the channel) but its answer never comes;
    // the second is never accepted and never answered; every later one is posted normally.
    const visible: { channel: string; ts: string; metadata: unknown }[] = [];
    let posts = 0;
    let ts = 0;
    fake.answerAlways('chat.postMessage', (req): FakeAnswer => {
      posts++;
      const channel = String(req.body['channel']);
      if (posts === 2) return { body: { ok: false }, delayMs: 60_000 };
      const t = `1800000000.${String(++ts).padStart(6, '0')}`;
      visible.push({ channel, ts: t, metadata: req.body['metadata'] });
      return posts === 1 ? { ...ok({ channel, ts: t }), delayMs: 60_000 } : ok({ channel, ts: t });
    });
    fake.answerAlways('conversations.history', (req) =>
      ok({ messages: visible.filter((m) => m.channel === req.body['channel']).map((m) => ({ ts: m.ts, metadata: m.metadata })), has_more: false }),
    );

    const env = async (): Promise<Record<string, string>> => ({
      SLACK_BOT_TOKEN: 'xoxb-kill-test',
      SLACK_SIGNING_SECRET: 'kill-test-signing-secret',
      PORT: String(await freePort()),
      SLACK_API_URL: fake!.apiUrl,
      DATABASE_URL: `sqlite:${dbPath}`,
      PAPERBOY_INDEX_SNAPSHOT: join(dataDir, 'index.json'),
    });
    const ageClaims = (): number => {
      const db = new Database(dbPath);
      const changes = db.prepare(`UPDATE digests SET claimed_at = claimed_at - ? WHERE status = 'claimed'`).run(DEFAULT_STALE_AFTER_MS + 60_000).changes;
      db.close();
      return changes;
    };
    const records = (): { channel_id: string; status: string; message_ts: string | null }[] => {
      const db = new Database(dbPath, { readonly: true });
      const rows = db.prepare('SELECT channel_id, status, message_ts FROM digests ORDER BY channel_id').all() as { channel_id: string; status: string; message_ts: string | null }[];
      db.close();
      return rows;
    };
    const killAtPost = async (n: number): Promise<void> => {
      proc = runBot(bot, await env());
      const deadline = Date.now() + 20_000;
      while (posts < n) {
        if (Date.now() > deadline || proc.child.exitCode !== null) throw new Error(`post ${n} never came:\n${proc.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      proc.child.kill('SIGKILL');
      await proc.exited;
      expect(proc.signal()).toBe('SIGKILL');
    };

    // Run 1: killed while Slack holds the accepted first post.
    await killAtPost(1);
    const afterFirstKill = records();
    const aged1 = ageClaims();
    // Run 2: finds run 1's message in the channel, records it without reposting, then is killed
    // while Slack holds the next (unaccepted) post.
    await killAtPost(2);
    const aged2 = ageClaims();
    // Run 3: posts what is left and finishes.
    proc = runBot(bot, await env());
    const deadline = Date.now() + 20_000;
    while (records().filter((r) => r.status === 'posted').length < CHANNELS.length) {
      if (Date.now() > deadline) throw new Error(`not all posted: ${JSON.stringify(records())}\n${proc.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);

    const perChannel = CHANNELS.map((c) => visible.filter((m) => m.channel === c).length);
    const final = records();
    console.log(
      `SIGKILL test: 3 runs, 2 killed mid-post; claims left by the kills ${aged1} and ${aged2}; ${posts} chat.postMessage requests; ` +
        `digests in the channels ${JSON.stringify(Object.fromEntries(CHANNELS.map((c, i) => [c, perChannel[i]])))}; records ${JSON.stringify(final.map((r) => r.status))}`,
    );
    expect(afterFirstKill).toEqual([{ channel_id: 'CK1', status: 'claimed', message_ts: null }]);
    expect(aged1).toBe(1);
    expect(aged2).toBe(1);
    expect(perChannel).toEqual([1, 1, 1, 1]);
    for (const row of final) {
      expect(row.status).toBe('posted');
      expect(row.message_ts).toBe(visible.find((m) => m.channel === row.channel_id)!.ts);
    }
    // CK1 was posted once, in run 1; run 2 recorded it from the channel's history.
    expect(fake.calls('chat.postMessage').filter((r) => r.body['channel'] === 'CK1')).toHaveLength(1);
  }, 90_000);
});
