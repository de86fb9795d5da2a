/**
 * Exactly once across processes, on real databases: two schedulers, each with its own Store
 * instance (its own SQLite connection, or its own Postgres pool) on one database, racing over the
 * same subscriptions; and a process that crashed between claim and post, taken over by the other.
 * The memory-store tests cover the logic; these prove the adapters' claims hold it up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STALE_AFTER_MS } from '../../src/digest/deliver-digest.js';
import { runDueDigests } from '../../src/scheduler/run-due-digests.js';
import { startHarness, subscribe, TEAM, type Harness } from '../digest/digest-harness.js';
import { postgresPair, sqlitePair, type StorePair } from '../support/store-pair.js';

const pgUrl = process.env.PAPERBOY_TEST_DATABASE_URL;

const backends: [string, (() => Promise<StorePair>) | null][] = [
  ['SQLite (two connections, one file)', sqlitePair],
  ['PostgreSQL (two pools, one schema)', pgUrl ? () => postgresPair(pgUrl) : null],
];
if (!pgUrl) console.warn('shared-database scheduler tests: PostgreSQL skipped, set PAPERBOY_TEST_DATABASE_URL to run');

// Monday 23 November 2026, 09:05 in Berlin.
const NINE_OH_FIVE = new Date('2026-11-23T08:05:00Z');

for (const [name, open] of backends) {
  describe.skipIf(open === null)(`two bot processes on ${name}`, () => {
    let pair: StorePair;
    let h: Harness;
    afterEach(async () => {
      await h.close(); // closes store a
      await pair.b.close();
      await pair.cleanup();
    });

    it('racing schedulers post each channel’s digest exactly once, and both see it recorded', async () => {
      pair = await open!();
      h = await startHarness({ store: pair.a });
      const channels = ['C1', 'C2', 'C3', 'C4', 'C5'];
      for (const channel of channels) await subscribe(pair.a, channel);

      const [fromA, fromB] = await Promise.all([
        runDueDigests(h.deps({ store: pair.a, claimant: 'host-a:1' }), NINE_OH_FIVE),
        runDueDigests(h.deps({ store: pair.b, claimant: 'host-b:2' }), NINE_OH_FIVE),
      ]);

      for (const channel of channels) expect(h.posts(channel), channel).toHaveLength(1);
      expect([...fromA, ...fromB].filter((r) => r.outcome.kind === 'posted')).toHaveLength(channels.length);
      for (const channel of channels) {
        const seenByB = await pair.b.getDigest({ teamId: TEAM, channelId: channel, digestDate: '2026-11-23', topicsKey: 'diffusion' });
        expect(seenByB).toMatchObject({ status: 'posted', paperIds: ['p1', 'p2'] });
        expect(seenByB?.messageTs).toMatch(/^\d+\.\d+$/);
      }

      // Both run again a minute later: nothing more reaches Slack.
      const later = new Date(NINE_OH_FIVE.getTime() + 60_000);
      await Promise.all([runDueDigests(h.deps({ store: pair.a, claimant: 'host-a:1' }), later), runDueDigests(h.deps({ store: pair.b, claimant: 'host-b:2' }), later)]);
      expect(h.posts()).toHaveLength(channels.length);
    });

    it('a process that crashed between claim and post is taken over once its claim is stale, and the digest goes out once', async () => {
      pair = await open!();
      h = await startHarness({ store: pair.a });
      await subscribe(pair.a, 'C1');
      // Process A claims today's digest, then dies before posting.
      const claim = await pair.a.claimDigest({ teamId: TEAM, channelId: 'C1', digestDate: '2026-11-23', topicsKey: 'diffusion' }, 'host-a:1', NINE_OH_FIVE, DEFAULT_STALE_AFTER_MS);
      expect(claim).not.toBeNull();

      // B, running while A's claim is fresh, must not post: A might still be about to.
      await runDueDigests(h.deps({ store: pair.b, claimant: 'host-b:2' }), new Date(NINE_OH_FIVE.getTime() + 60_000));
      expect(h.posts('C1')).toHaveLength(0);

      // Once the claim is stale, B takes over and posts exactly once; runs after that post nothing.
      const stale = new Date(NINE_OH_FIVE.getTime() + DEFAULT_STALE_AFTER_MS + 60_000);
      await Promise.all([runDueDigests(h.deps({ store: pair.b, claimant: 'host-b:2' }), stale), runDueDigests(h.deps({ store: pair.b, claimant: 'host-b:3' }), stale)]);
      await runDueDigests(h.deps({ store: pair.a, claimant: 'host-a:4' }), new Date(stale.getTime() + 60_000));
      expect(h.posts('C1')).toHaveLength(1);
      expect(await pair.a.getDigest({ teamId: TEAM, channelId: 'C1', digestDate: '2026-11-23', topicsKey: 'diffusion' })).toMatchObject({ status: 'posted' });
    });
  });
}
