/**
 * Publishes one user's Home tab from the store: on app_home_opened and after every change made
 * from the tab (a vote, a removal, a read mark), so the tab always shows what is stored.
 */
import type { webApi } from '@slack/bolt';
import { renderHome } from '../../core/blocks/render-home.js';
import type { SlackDeps } from '../deps.js';
import { loadSavedPapers } from '../saves/load-saved-papers.js';

export async function publishHome(deps: SlackDeps, client: webApi.WebClient, teamId: string | undefined, userId: string, savedOffset = 0): Promise<void> {
  const store = deps.store;
  const saved = store && teamId ? await loadSavedPapers(store, deps.searchIndex(), teamId, userId) : undefined;
  await client.views.publish({ user_id: userId, view: renderHome(saved, savedOffset) });
}
