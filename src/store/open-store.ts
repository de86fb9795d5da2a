/**
 * Opens the Store adapter the database setting names (loadConfig parsed DATABASE_URL into it)
 * and migrates it before anyone uses it.
 */
import type { DatabaseConfig } from '../config/load-config.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export async function openStore(database: DatabaseConfig): Promise<Store> {
  const store = database.kind === 'postgres' ? openPostgresStore(database.url) : openSqliteStore(database.path);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
