/**
 * The served paper an arXiv id names: in the corpus by its arXiv id, else through the store's
 * ingested record of that id (its id, or its title for a seed paper listed without one). Null
 * when paperboy does not know it: the link is then left alone.
 */
import { paperByArxivId, paperByTitle } from '../../core/links/known-papers.js';
import type { Paper } from '../../core/paper.js';
import { allPapers, getPaper, type SearchIndex } from '../../core/search/search-index.js';
import type { Store } from '../../store/store.js';

export async function findLinkedPaper(index: SearchIndex, store: Pick<Store, 'findPapers'> | null | undefined, arxivId: string): Promise<Paper | null> {
  const papers = allPapers(index);
  const direct = paperByArxivId(papers, arxivId);
  if (direct) return direct;
  if (!store) return null;
  const [stored] = await store.findPapers({ ids: [], arxivIds: [arxivId] });
  if (!stored) return null;
  return getPaper(index, stored.id) ?? paperByTitle(papers, stored.title) ?? null;
}
