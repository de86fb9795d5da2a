/**
 * The store's papers for a CLI command, once an ingest has put feed papers there (the store then
 * holds the seeds too); null otherwise, and the command reads the seed pages. The store is the
 * one the bot uses (DATABASE_URL); without DATABASE_URL, the default SQLite file only when it
 * exists, so a fresh checkout still searches the seeds without creating a database.
 */
import { existsSync } from 'node:fs';
import type { StoreConfig } from '../config/load-config.js';
import type { Paper } from '../core/paper.js';
import { openStore } from '../store/open-store.js';

export async function loadStoredPapers(config: StoreConfig): Promise<Paper[] | null> {
  if (!config.databaseConfigured && config.database.kind === 'sqlite' && !existsSync(config.database.path)) return null;
  const store = await openStore(config.database);
  try {
    const papers = await store.listPapers();
    return papers.some((p) => p.arxivId != null) ? papers : null;
  } finally {
    await store.close();
  }
}
