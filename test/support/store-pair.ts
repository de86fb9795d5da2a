/**
 * Two Store instances on one database, as two replicas have them: two SQLite connections on one
 * file, or two Postgres pools on one fresh schema. `cleanup` drops what the pair made (the
 * stores are closed by their users).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

export interface StorePair {
  readonly a: Store;
  readonly b: Store;
  cleanup(): Promise<void>;
}

export async function sqlitePair(): Promise<StorePair> {
  const file = join(mkdtempSync(join(tmpdir(), 'paperboy-pair-')), 'paperboy.db');
  const a = openSqliteStore(file);
  const b = openSqliteStore(file);
  await Promise.all([a.migrate(), b.migrate()]);
  return { a, b, cleanup: async () => undefined };
}

export async function postgresPair(url: string): Promise<StorePair> {
  const schema = `pb_pair_${randomBytes(6).toString('hex')}`;
  const a = openPostgresStore(url, { schema });
  const b = openPostgresStore(url, { schema });
  await Promise.all([a.migrate(), b.migrate()]);
  return {
    a,
    b,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
