/**
 * The Save and Remove buttons. Save sits under search results and digest papers and answers the
 * clicker alone; Remove sits in the `/papers saved` list (which it redraws in place) and on the
 * Home tab (which it republishes, since a Home tab click has no response_url).
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { renderHome } from '../../../core/blocks/render-home.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import { renderSavedList, SAVE_REPLIES } from '../../../core/blocks/render-saved.js';
import { getPaper } from '../../../core/search/search-index.js';
import type { SlackDeps } from '../../deps.js';
import { actionTeam } from './action-team.js';
import { loadSavedPapers } from '../../saves/load-saved-papers.js';

export function registerSavePaper(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.save, async ({ ack, action, body, respond }) => {
    await ack();
    const store = deps.store;
    const paper = action.value ? getPaper(deps.searchIndex(), action.value) : undefined;
    const teamId = actionTeam(body);
    if (!paper || !teamId) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.paperNotFound() });
      return;
    }
    if (!store) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...SAVE_REPLIES.unavailable() });
      return;
    }
    const isNew = await store.addSave(teamId, body.user.id, paper.id, deps.now());
    deps.logger.info({ action: ACTION_IDS.save, teamId, userId: body.user.id, paperId: paper.id, isNew }, 'paper saved');
    const reply = isNew ? SAVE_REPLIES.saved(paper.title) : SAVE_REPLIES.alreadySaved(paper.title);
    await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
  });

  app.action<BlockButtonAction>(ACTION_IDS.unsave, async ({ ack, action, body, respond, client }) => {
    await ack();
    const store = deps.store;
    const teamId = actionTeam(body);
    const onHome = body.container?.type === 'view';
    if (!store || !teamId || !action.value) {
      // Without a store nothing can be removed; without a paper or a team the button is not one we drew.
      const reply = !store ? SAVE_REPLIES.unavailable() : NOTICES.staleButton();
      if (!onHome) await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
      return;
    }
    const index = deps.searchIndex();
    const removed = await store.removeSave(teamId, body.user.id, action.value);
    deps.logger.info({ action: ACTION_IDS.unsave, teamId, userId: body.user.id, paperId: action.value, removed }, 'saved paper removed');
    const saved = await loadSavedPapers(store, index, teamId, body.user.id);
    if (onHome) {
      await client.views.publish({ user_id: body.user.id, view: renderHome(saved) });
      return;
    }
    // Redraw the list without the paper, so the next Remove click acts on what the user sees.
    await respond({ response_type: 'ephemeral', replace_original: true, ...renderSavedList(saved.papers, saved.missing) });
    if (!removed) await respond({ response_type: 'ephemeral', replace_original: false, ...SAVE_REPLIES.notSaved() });
  });
}
