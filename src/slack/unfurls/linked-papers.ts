/**
 * The papers a search query names by arXiv id that the index alone cannot place: a seed listing
 * (which carries no arXiv id) found through the store's ingested record of that id, as unfurls
 * find it (findLinkedPaper). The search page looks in the index first; this only adds what the
 * store knows. A database that is down costs these, never the answer.
 */
import type { Paper } from '../../core/paper.js';
import { readPaperReferences } from '../../core/search/paper-reference.js';
import type { SearchIndex } from '../../core/search/search-index.js';
import type { Store } from '../../store/store.js';
import { unlessStoreUnavailable } from '../best-effort.js';
import { findLinkedPaper } from './find-linked-paper.js';

/** Ids looked up at most per query: a pasted list of links should not become a query per id. */
const MAX_IDS = 5;

type PaperFinder = Pick<Store, 'findPapers'>;
const canFind = (store: Partial<PaperFinder> | null | undefined): store is PaperFinder => typeof store?.findPapers === 'function';

export async function linkedPapers(index: SearchIndex, store: Partial<PaperFinder> | null | undefined, query: string): Promise<ReadonlyMap<string, Paper>> {
  const linked = new Map<string, Paper>();
  if (!canFind(store)) return linked;
  for (const id of readPaperReferences(query).ids.slice(0, MAX_IDS)) {
    const paper = await unlessStoreUnavailable(() => findLinkedPaper(index, store, id), null);
    if (paper) linked.set(id, paper);
  }
  return linked;
}
