/**
 * The in-memory Store the digest and Slack tests use keeps the same contract as the SQLite and
 * Postgres adapters, so what those tests show holds for the real stores too.
 */
import { createMemoryStore } from '../support/memory-store.js';
import { runStoreContract } from './store.contract.js';

runStoreContract('in-memory (test/support)', async () => {
  const s = createMemoryStore();
  await s.migrate();
  return s;
});
