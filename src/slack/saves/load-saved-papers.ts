/**
 * A user's saved papers as the renderers take them: newest first, resolved against the corpus
 * the bot serves now. Saves of papers the corpus no longer holds are counted, not dropped: the
 * store keeps them in case the paper comes back.
 */
import type { HomeSaved } from '../../core/blocks/render-home.js';
import type { Paper } from '../../core/paper.js';
import { getPaper, type SearchIndex } from '../../core/search/search-index.js';
import type { Store } from '../../store/store.js';

export type SavesStore = Pick<Store, 'addSave' | 'removeSave' | 'listSaves'>;

export async function loadSavedPapers(store: SavesStore, index: SearchIndex, teamId: string, userId: string): Promise<HomeSaved> {
  const ids = await store.listSaves(teamId, userId);
  const papers: Paper[] = [];
  let missing = 0;
  for (const id of [...ids].reverse()) {
    const paper = getPaper(index, id);
    if (paper) papers.push(paper);
    else missing++;
  }
  return { papers, missing };
}
