import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { openStore } from '../../src/store/open-store.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };

/** The database setting as the bot gets it: DATABASE_URL read once, by loadConfig. */
const databaseOf = (url: string) => loadConfig({ ...SLACK, DATABASE_URL: url }).database;

describe('openStore', () => {
  it('sqlite::memory: opens a migrated SQLite store', async () => {
    const store = await openStore(databaseOf('sqlite::memory:'));
    expect(await store.markEventSeen('E1', new Date(0))).toBe(true);
    expect(await store.listPapers()).toEqual([]);
    await store.close();
  });

  it('an unknown scheme is refused before any store is opened, never showing the password', () => {
    const err = (() => {
      try {
        return databaseOf('mysql://admin:hunter2@db.example/paperboy');
      } catch (error) {
        return error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/DATABASE_URL must be postgres:\/\/.* or sqlite:PATH/);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('refuses a value with no scheme and sqlite: with no path', () => {
    expect(() => databaseOf('./data/paperboy.db')).toThrow(/DATABASE_URL must be/);
    expect(() => databaseOf('sqlite:')).toThrow(/DATABASE_URL must be/);
  });

  it.runIf(process.env.PAPERBOY_TEST_DATABASE_URL)('postgres:// opens a migrated PostgreSQL store', async () => {
    const store = await openStore(databaseOf(process.env.PAPERBOY_TEST_DATABASE_URL ?? ''));
    expect(typeof (await store.markEventSeen(`open-store-${Date.now()}-${Math.random()}`, new Date(0)))).toBe('boolean');
    await store.close();
  });

  it('postgres:// with an unreachable server fails rather than returning a store', async () => {
    await expect(openStore(databaseOf('postgresql://nobody:secret@127.0.0.1:1/none'))).rejects.toThrow();
  });
});
