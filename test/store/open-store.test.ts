import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';

describe('openStore', () => {
  it('sqlite::memory: opens a migrated SQLite store', async () => {
    const store = await openStore('sqlite::memory:');
    expect(await store.markEventSeen('E1', new Date(0))).toBe(true);
    expect(await store.listPapers()).toEqual([]);
    await store.close();
  });

  it('rejects an unknown scheme naming only the scheme, never the password', async () => {
    const err = await openStore('mysql://admin:hunter2@db.example/paperboy').catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('DATABASE_URL must be postgres://user@host/db or sqlite:PATH (got mysql)');
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('rejects a value with no scheme and sqlite: with no path', async () => {
    await expect(openStore('./data/paperboy.db')).rejects.toThrow(/DATABASE_URL must be .*\(got \(no scheme\)\)/);
    await expect(openStore('sqlite:')).rejects.toThrow(/needs a path/);
  });

  it.runIf(process.env.PAPERBOY_TEST_DATABASE_URL)('postgres:// opens a migrated PostgreSQL store', async () => {
    const store = await openStore(process.env.PAPERBOY_TEST_DATABASE_URL ?? '');
    expect(typeof (await store.markEventSeen(`open-store-${Date.now()}-${Math.random()}`, new Date(0)))).toBe('boolean');
    await store.close();
  });

  it('postgres:// with an unreachable server fails rather than returning a store', async () => {
    await expect(openStore('postgresql://nobody:secret@127.0.0.1:1/none')).rejects.toThrow();
  });
});
