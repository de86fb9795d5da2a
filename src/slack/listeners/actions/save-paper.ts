/**
 * The Save and Remove buttons. Save sits under search results and digest papers and answers the
 * clicker alone; Remove sits in the `/papers saved` list (which it redraws in place) and on the
 * Home tab (which it republishes, since a Home tab click has no response_url), on the page the
 * user was reading. Previous / Next page the list in both places the same way.
 */
import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import { parseSavedPageValue, renderSavedList, SAVE_REPLIES, savedPageOfBlock } from '../../../core/blocks/render-saved.js';
import { getPaper } from '../../../core/search/search-index.js';
import type { SlackDeps } from '../../deps.js';
import { actionTeam } from './action-team.js';
import { publishHome } from '../../home/publish-home.js';
import { loadSavedPapers } from '../../saves/load-saved-papers.js';

export function registerSavePaper(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.save, async ({ ack, action, body, respond, client }) => {
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
    // A Home tab click has no response_url: the tab itself shows the save.
    if (body.container?.type === 'view') return publishHome(deps, client, teamId, body.user.id);
    const reply = isNew ? SAVE_REPLIES.saved(paper.title) : SAVE_REPLIES.alreadySaved(paper.title);
    await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
  });

  type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

  /**
   * The saved-list buttons (Remove, Previous, Next): acked, checked, then `change` runs and the
   * list is redrawn on the page it returns, in the message or on the Home tab it sat on.
   * `change` returns null when the button is not one we drew.
   */
  const onSavedListButton =
    (change: (store: NonNullable<SlackDeps['store']>, teamId: string, args: ButtonArgs) => Promise<{ offset: number; after?: () => Promise<void> } | null>) =>
    async (args: ButtonArgs): Promise<void> => {
      const { ack, body, respond, client } = args;
      await ack();
      const store = deps.store;
      const teamId = actionTeam(body);
      const onHome = body.container?.type === 'view';
      const changed = store && teamId ? await change(store, teamId, args) : null;
      if (!store || !teamId || !changed) {
        // Without a store nothing is saved; without a team or a value the button is not one we drew.
        const reply = !store ? SAVE_REPLIES.unavailable() : NOTICES.staleButton();
        if (!onHome) await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
        return;
      }
      if (onHome) {
        await publishHome(deps, client, teamId, body.user.id, changed.offset);
        return;
      }
      const saved = await loadSavedPapers(store, deps.searchIndex(), teamId, body.user.id);
      // Redraw in place, so the next click acts on what the user sees.
      await respond({ response_type: 'ephemeral', replace_original: true, ...renderSavedList(saved.papers, saved.missing, changed.offset) });
      await changed.after?.();
    };

  app.action<BlockButtonAction>(
    ACTION_IDS.unsave,
    onSavedListButton(async (store, teamId, { action, body, respond }) => {
      if (!action.value) return null;
      const removed = await store.removeSave(teamId, body.user.id, action.value);
      deps.logger.info({ action: ACTION_IDS.unsave, teamId, userId: body.user.id, paperId: action.value, removed }, 'saved paper removed');
      const after = async () => {
        if (!removed) await respond({ response_type: 'ephemeral', replace_original: false, ...SAVE_REPLIES.notSaved() });
      };
      // The page the user was on (the button's block carries the paper's rank).
      return { offset: savedPageOfBlock(action.block_id), after };
    }),
  );

  // Mark as read (Home tab's reading list): the paper folds into the "read" line, the page stays.
  app.action<BlockButtonAction>(
    ACTION_IDS.markRead,
    onSavedListButton(async (store, teamId, { action, body }) => {
      if (!action.value) return null;
      const marked = await store.markSaveRead(teamId, body.user.id, action.value, deps.now());
      deps.logger.info({ action: ACTION_IDS.markRead, teamId, userId: body.user.id, paperId: action.value, marked }, 'saved paper marked read');
      return { offset: savedPageOfBlock(action.block_id) };
    }),
  );

  const pageSaved = onSavedListButton(async (_store, teamId, { action, body }) => {
    const offset = parseSavedPageValue(action.value);
    if (offset === null) return null;
    deps.logger.info({ action: action.action_id, teamId, userId: body.user.id, offset }, 'saved papers paged');
    return { offset };
  });
  app.action<BlockButtonAction>(ACTION_IDS.savedPage, pageSaved);
  app.action<BlockButtonAction>(ACTION_IDS.savedPagePrevious, pageSaved);
}
