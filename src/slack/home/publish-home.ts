/**
 * Publishes one user's Home tab from the store: on app_home_opened and after every change made
 * from the tab (a vote, a save, a removal, a read mark), so the tab always shows what is stored.
 */
import type { webApi } from '@slack/bolt';
import { renderHome } from '../../core/blocks/render-home.js';
import type { SlackDeps } from '../deps.js';
import { loadHome } from './load-home.js';

export async function publishHome(deps: SlackDeps, client: webApi.WebClient, teamId: string | undefined, userId: string, savedOffset = 0): Promise<void> {
  const store = deps.store;
  const input = store && teamId ? await loadHome(store, deps.searchIndex(), teamId, userId, deps.now()) : {};
  await client.views.publish({ user_id: userId, view: renderHome(input, savedOffset) });
}
