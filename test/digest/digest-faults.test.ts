/**
 * Faults while digests go out, through the fake Slack, with two replicas racing on one store:
 * 429 bursts with Retry-After, 500s that did and did not post, timeouts after Slack accepted the
 * message, and every pass a minute or more apart so failed claims go stale and are retried.
 * Exactly once is checked on what Slack shows (the channel's history), not on what we recorded:
 * every channel ends with exactly one digest message, and the store names that message.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STALE_AFTER_MS } from '../../src/digest/deliver-digest.js';
import { createDigestClient, createSlackDigestChannel } from '../../src/digest/slack-poster.js';
import { runDueDigests } from '../../src/scheduler/run-due-digests.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { ok, type FakeAnswer, type FakeSlack, type RecordedRequest } from '../support/fake-slack.js';
import { createMemoryStore } from '../support/memory-store.js';
import { startHarness, subscribe, TEAM, type Harness } from './digest-harness.js';

/** What Slack does with one chat.postMessage. */
type Fault = 'ok' | '429' | '500-not-posted' | '500-but-posted' | 'timeout-but-posted' | 'timeout-not-posted';

/** Slack as the channel sees it: messages that were really posted, answered from conversations.history. */
function scriptSlack(fake: FakeSlack, faults: () => Fault) {
  const visible: { channel: string; ts: string; metadata: unknown }[] = [];
  const counts: Record<Fault, number> = { ok: 0, '429': 0, '500-not-posted': 0, '500-but-posted': 0, 'timeout-but-posted': 0, 'timeout-not-posted': 0 };
  let ts = 0;
  const post = (req: RecordedRequest): string => {
    const t = `1800000000.${String(++ts).padStart(6, '0')}`;
    visible.push({ channel: String(req.body['channel']), ts: t, metadata: req.body['metadata'] });
    return t;
  };
  fake.answerAlways('chat.postMessage', (req): FakeAnswer => {
    const fault = faults();
    counts[fault]++;
    switch (fault) {
      case 'ok':
        return ok({ channel: req.body['channel'], ts: post(req) });
      case '429':
        return { status: 429, headers: { 'retry-after': '3' }, body: { ok: false, error: 'ratelimited' } };
      case '500-not-posted':
        return { status: 500, body: 'internal error' };
      case '500-but-posted':
        post(req);
        return { status: 500, body: 'internal error' };
      case 'timeout-but-posted':
        return { ...ok({ channel: req.body['channel'], ts: post(req) }), delayMs: 1_000 };
      case 'timeout-not-posted':
        return { status: 500, body: 'late', delayMs: 1_000 };
    }
  });
  fake.answerAlways('conversations.history', (req) =>
    ok({ messages: visible.filter((m) => m.channel === req.body['channel']).map((m) => ({ ts: m.ts, metadata: m.metadata })), has_more: false }),
  );
  return { visible, counts };
}

interface Pair {
  readonly a: Store;
  readonly b: Store;
  cleanup(): Promise<void>;
}

const pgUrl = process.env.PAPERBOY_TEST_DATABASE_URL;
const backends: [string, (() => Promise<Pair>) | null][] = [
  ['one in-memory store', async () => {
    const s = createMemoryStore();
    return { a: s, b: s, cleanup: async () => undefined };
  }],
  ['SQLite (two connections, one file)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-faults-')), 'paperboy.db');
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    await a.migrate();
    await b.migrate();
    return { a, b, cleanup: () => b.close() };
  }],
  ['PostgreSQL (two pools, one schema)', pgUrl ? async () => {
    const schema = `pb_faults_${randomBytes(6).toString('hex')}`;
    const a = openPostgresStore(pgUrl, { schema });
    const b = openPostgresStore(pgUrl, { schema });
    await a.migrate();
    await b.migrate();
    return {
      a,
      b,
      cleanup: async () => {
        await b.close();
        const admin = new pg.Client({ connectionString: pgUrl });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      },
    };
  } : null],
];
if (!pgUrl) console.warn('digest fault tests: PostgreSQL skipped, set PAPERBOY_TEST_DATABASE_URL to run');

// Monday 23 November 2026, 09:05 in Berlin.
const START = new Date('2026-11-23T08:05:00Z');
const CHANNELS = Array.from({ length: 12 }, (_, i) => `CF${String(i).padStart(2, '0')}`);

/** A fixed, repeating fault pattern: bursts of 429s, both kinds of 500 and of timeout, and plenty of ok. */
function faultSequence(): () => Fault {
  const pattern: Fault[] = ['429', '429', '429', 'ok', '500-but-posted', 'ok', '500-not-posted', 'timeout-but-posted', 'ok', '429', 'timeout-not-posted', '500-not-posted', '500-not-posted', '500-not-posted', '500-not-posted', 'ok'];
  let i = 0;
  return () => pattern[i++ % pattern.length]!;
}

for (const [name, open] of backends) {
  describe.skipIf(open === null)(`digest faults, two replicas on ${name}`, () => {
    let pair: Pair | undefined;
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      await pair?.cleanup();
    });

    it('429 bursts, 500s and timeouts: every channel gets exactly one digest, none lost', async () => {
      pair = await open!();
      h = await startHarness({ store: pair.a });
      const slack = scriptSlack(h.fake, faultSequence());
      for (const channel of CHANNELS) await subscribe(pair.a, channel);
      // Timeouts must fire: the fake holds those answers for 1 s.
      const client = createDigestClient('xoxb-test', { slackApiUrl: h.fake.apiUrl, timeout: 300 });
      const channel = createSlackDigestChannel(client, { sleep: async (ms) => void h!.sleeps.push(ms) });
      const replicaA = h.deps({ store: pair.a, channel, claimant: 'host-a:1' });
      const replicaB = h.deps({ store: pair.b, channel, claimant: 'host-b:2' });

      let passes = 0;
      const posted = async (): Promise<number> =>
        (await Promise.all(CHANNELS.map((c) => pair!.a.getDigest({ teamId: TEAM, channelId: c, digestDate: '2026-11-23', topicsKey: 'diffusion' })))).filter((d) => d?.status === 'posted').length;
      // Each round is past the stale window of the one before, so failed claims are retried.
      while ((await posted()) < CHANNELS.length && passes < 12) {
        const now = new Date(START.getTime() + passes * (DEFAULT_STALE_AFTER_MS + 60_000));
        await Promise.all([runDueDigests(replicaA, now), runDueDigests(replicaB, now)]);
        passes++;
      }

      const perChannel = CHANNELS.map((c) => slack.visible.filter((m) => m.channel === c).length);
      const recorded = await Promise.all(CHANNELS.map((c) => pair!.a.getDigest({ teamId: TEAM, channelId: c, digestDate: '2026-11-23', topicsKey: 'diffusion' })));
      const lost = perChannel.filter((n) => n === 0).length;
      const duplicated = perChannel.filter((n) => n > 1).length;
      console.log(
        `digest faults on ${name}: ${CHANNELS.length} channels, ${passes} rounds of 2 replicas, ${h.posts().length} chat.postMessage requests ` +
          `(${Object.entries(slack.counts).map(([k, v]) => `${k} ${v}`).join(', ')}), Retry-After waits ${h.sleeps.filter((ms) => ms === 3000).length}; ` +
          `visible digests ${slack.visible.length}, lost ${lost}, duplicated ${duplicated}`,
      );
      expect(slack.counts['429']).toBeGreaterThan(0);
      expect(slack.counts['500-but-posted'] + slack.counts['timeout-but-posted']).toBeGreaterThan(0);
      expect(perChannel).toEqual(CHANNELS.map(() => 1));
      for (const [i, channel] of CHANNELS.entries()) {
        const message = slack.visible.find((m) => m.channel === channel)!;
        expect(recorded[i], channel).toMatchObject({ status: 'posted', messageTs: message.ts });
      }
      // Retry-After is honoured: the poster slept the 3 s Slack asked for before retrying (a 429
      // on a post's last attempt ends that attempt instead; a later round retries the digest).
      const waits = h.sleeps.filter((ms) => ms === 3000).length;
      expect(waits).toBeGreaterThan(0);
      expect(waits).toBeLessThanOrEqual(slack.counts['429']);
    }, 60_000);
  });
}
