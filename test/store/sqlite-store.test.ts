import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { runStoreContract } from './store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'pb-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = (): string => join(dir, `nested/db-${++n}.db`);

runStoreContract('sqlite :memory:', async () => {
  const s = openSqliteStore(':memory:');
  await s.migrate();
  return s;
});

runStoreContract('sqlite temp file', async () => {
  const s = openSqliteStore(freshFile());
  await s.migrate();
  return s;
});

describe('SQLite store across instances on one file', () => {
  it('two stores racing claimDigest on the same file: exactly one winner', async () => {
    const file = freshFile();
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    await Promise.all([a.migrate(), b.migrate()]);
    const key = { teamId: 'T', channelId: 'C', digestDate: '2026-03-02', topicsKey: '' };
    const now = new Date('2026-03-02T08:00:00Z');
    const results = await Promise.all([a.claimDigest(key, 'a', now, 60_000), b.claimDigest(key, 'b', now, 60_000)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const stale = new Date(now.getTime() + 120_000);
    const takeovers = await Promise.all([b.claimDigest(key, 'b2', stale, 60_000), a.claimDigest(key, 'a2', stale, 60_000)]);
    expect(takeovers.filter((r) => r !== null)).toHaveLength(1);
    await a.close();
    await b.close();
  });

  it('a signed request one store has seen is seen by the other (the replay guard across processes), however they race', async () => {
    const file = freshFile();
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    await Promise.all([a.migrate(), b.migrate()]);
    const now = new Date('2026-03-02T08:00:00Z');
    const keys = Array.from({ length: 50 }, (_, i) => `sig:${i}`);
    const firsts = await Promise.all(keys.flatMap((key) => [a.markEventSeen(key, now), b.markEventSeen(key, now)]));
    expect(firsts.filter(Boolean)).toHaveLength(keys.length);
    expect(await b.markEventSeen('sig:0', now)).toBe(false);
    expect(await a.forgetSeenEvents(new Date(now.getTime() + 1))).toBe(keys.length);
    expect(await b.markEventSeen('sig:0', now)).toBe(true);
    await a.close();
    await b.close();
  });

  it('data persists after close and reopen', async () => {
    const file = freshFile();
    const first = openSqliteStore(file);
    await first.migrate();
    await first.markEventSeen('Ev1', new Date(0));
    await first.addSave('T', 'U', 'p1', new Date(0));
    await first.close();
    const again = openSqliteStore(file);
    await again.migrate();
    expect(await again.markEventSeen('Ev1', new Date(1))).toBe(false);
    expect(await again.listSaves('T', 'U')).toEqual(['p1']);
    await again.close();
  });

  it('migration 2 keys existing digests by the channel subscription\'s topics, so today is not repeated', async () => {
    const file = freshFile();
    const v1 = openSqliteStore(file);
    await v1.close();
    const raw = new Database(file);
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    raw.exec(MIGRATIONS[0]?.sqlite ?? '');
    raw.prepare("INSERT INTO schema_migrations VALUES (1, 'x')").run();
    raw.prepare(`INSERT INTO subscriptions VALUES ('T', 'C', '["quantization","diffusion"]', '09:00', 'UTC', 'daily', NULL, 'U', 'x', 'x')`).run();
    raw.prepare(`INSERT INTO digests (team_id, channel_id, digest_date, claimed_by, claimed_at, message_ts, posted_at, paper_ids, status)
      VALUES ('T', 'C', '2026-03-02', 'a', 1, '1.0', 2, '["p1"]', 'posted'), ('T', 'GONE', '2026-03-02', 'a', 1, '2.0', 2, '[]', 'posted')`).run();
    raw.close();
    const store = openSqliteStore(file);
    await store.migrate();
    expect(await store.getDigest({ teamId: 'T', channelId: 'C', digestDate: '2026-03-02', topicsKey: 'diffusion\nquantization' })).toMatchObject({ messageTs: '1.0', paperIds: ['p1'] });
    expect(await store.getDigest({ teamId: 'T', channelId: 'GONE', digestDate: '2026-03-02', topicsKey: '' })).toMatchObject({ messageTs: '2.0' });
    await store.close();
  });

  it('rejects an empty path early', () => {
    expect(() => openSqliteStore('')).toThrow(/path is empty/);
  });
});
