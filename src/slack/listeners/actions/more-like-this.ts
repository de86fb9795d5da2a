/**
 * "More like this": a new ephemeral message with papers similar to the chosen one; the original
 * results stay so the user can go back to them.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import { renderSearchResults } from '../../../core/blocks/render-search-results.js';
import { getPaper, moreLikeThis } from '../../../core/search/search-index.js';
import { PAGE_SIZE } from '../../subcommands/search.js';
import type { SlackDeps } from '../../deps.js';

export function registerMoreLikeThis(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.moreLikeThis, async ({ ack, action, respond }) => {
    await ack();
    const index = deps.searchIndex();
    const paper = action.value ? getPaper(index, action.value) : undefined;
    if (!paper) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.paperNotFound() });
      return;
    }
    const outcome = moreLikeThis(index, paper.id, { limit: PAGE_SIZE, offset: 0 });
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...renderSearchResults(outcome, { query: paper.title, offset: 0, similarTo: paper }),
    });
  });
}
