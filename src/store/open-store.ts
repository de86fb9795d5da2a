/**
 * Picks the Store adapter from DATABASE_URL and migrates it before anyone uses it.
 */
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export async function openStore(databaseUrl: string): Promise<Store> {
  let store: Store;
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    store = openPostgresStore(databaseUrl);
  } else if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path === '') throw new Error('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/paperboy.db or sqlite::memory:');
    store = openSqliteStore(path);
  } else {
    // Only the scheme is echoed: the rest of a URL may carry a password.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1] ?? '(no scheme)';
    throw new Error(`DATABASE_URL must be postgres://user@host/db or sqlite:PATH (got ${scheme})`);
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
