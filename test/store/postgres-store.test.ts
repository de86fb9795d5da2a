import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { runStoreContract } from './store.contract.js';

const url = process.env.PAPERBOY_TEST_DATABASE_URL;
const SKIP = 'PostgreSQL store: skipped, set PAPERBOY_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run';

const freshSchema = (): string => `pb_test_${randomBytes(6).toString('hex')}`;

async function dropSchema(dbUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

if (!url) {
  console.warn(SKIP);
  describe.skip(SKIP, () => {
    it('needs a server', () => undefined);
  });
} else {
  runStoreContract('postgres', async () => {
    const schema = freshSchema();
    const store = openPostgresStore(url, { schema });
    await store.migrate();
    // Drop the schema when the contract closes the store, so each test leaves nothing behind.
    const close = store.close.bind(store);
    return Object.assign(Object.create(store) as typeof store, {
      close: async () => {
        await close();
        await dropSchema(url, schema);
      },
    });
  });

  describe('PostgreSQL store across instances on one schema', () => {
    it('two stores migrating together and racing claims: exactly one winner', async () => {
      const schema = freshSchema();
      const a = openPostgresStore(url, { schema });
      const b = openPostgresStore(url, { schema });
      try {
        await Promise.all([a.migrate(), b.migrate()]);
        const key = { teamId: 'T', channelId: 'C', digestDate: '2026-03-02', topicsKey: '' };
        const now = new Date('2026-03-02T08:00:00Z');
        const first = await Promise.all([a.claimDigest(key, 'a', now, 60_000), b.claimDigest(key, 'b', now, 60_000)]);
        expect(first.filter((r) => r !== null)).toHaveLength(1);
        const stale = new Date(now.getTime() + 120_000);
        const takeovers = await Promise.all([a.claimDigest(key, 'a2', stale, 60_000), b.claimDigest(key, 'b2', stale, 60_000)]);
        expect(takeovers.filter((r) => r !== null)).toHaveLength(1);
      } finally {
        await a.close();
        await b.close();
        await dropSchema(url, schema);
      }
    });

    it('migration 2 keys existing digests by the channel subscription\'s topics, so today is not repeated', async () => {
      const schema = freshSchema();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA "${schema}"; SET search_path = "${schema}"`);
        await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
        await client.query(MIGRATIONS[0]?.postgres ?? '');
        await client.query('INSERT INTO schema_migrations (version) VALUES (1)');
        await client.query(`INSERT INTO subscriptions VALUES ('T', 'C', '["quantization","diffusion"]', '09:00', 'UTC', 'daily', NULL, 'U', now(), now())`);
        await client.query(`INSERT INTO digests (team_id, channel_id, digest_date, claimed_by, claimed_at, message_ts, posted_at, paper_ids, status)
          VALUES ('T', 'C', '2026-03-02', 'a', 1, '1.0', 2, '["p1"]', 'posted'), ('T', 'GONE', '2026-03-02', 'a', 1, '2.0', 2, '[]', 'posted')`);
      } finally {
        await client.end();
      }
      const store = openPostgresStore(url, { schema });
      try {
        await store.migrate();
        expect(await store.getDigest({ teamId: 'T', channelId: 'C', digestDate: '2026-03-02', topicsKey: 'diffusion\nquantization' })).toMatchObject({ messageTs: '1.0', paperIds: ['p1'] });
        expect(await store.getDigest({ teamId: 'T', channelId: 'GONE', digestDate: '2026-03-02', topicsKey: '' })).toMatchObject({ messageTs: '2.0' });
      } finally {
        await store.close();
        await dropSchema(url, schema);
      }
    });

    it('rejects a schema name that is not a plain identifier', () => {
      expect(() => openPostgresStore(url, { schema: 'x"; DROP' })).toThrow(/schema must match/);
    });
  });
}
