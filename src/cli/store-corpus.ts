/**
 * The corpus a CLI command reads: the store's papers once an ingest has put feed papers there
 * (the store then holds the seeds too), otherwise the seed pages. The store is the one the bot
 * uses (DATABASE_URL); without DATABASE_URL, the default SQLite file only when it exists, so a
 * fresh checkout still searches the seeds without creating a database.
 */
import { existsSync } from 'node:fs';
import { databaseUrlOf, type StoreConfig } from '../config/load-config.js';
import type { Paper } from '../core/paper.js';
import { loadSeedCorpus } from '../corpus/load-seeds.js';
import { openStore } from '../store/open-store.js';

export async function loadCorpusPapers(config: StoreConfig, seedsDir?: string): Promise<Paper[]> {
  const seedsOnly = seedsDir !== undefined || (!config.databaseConfigured && config.database.kind === 'sqlite' && !existsSync(config.database.path));
  if (!seedsOnly) {
    const store = await openStore(databaseUrlOf(config.database));
    try {
      const papers = await store.listPapers();
      if (papers.some((p) => p.arxivId != null)) return papers;
    } finally {
      await store.close();
    }
  }
  return (await loadSeedCorpus(seedsDir ?? config.seedsDir)).papers;
}
