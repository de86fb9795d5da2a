/**
 * "More like this": a new ephemeral message with papers similar to the chosen one; the original
 * results stay so the user can go back to them.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { searchPage } from '../../../core/blocks/search-page.js';
import type { SlackDeps } from '../../deps.js';

export function registerMoreLikeThis(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.moreLikeThis, async ({ ack, action, respond }) => {
    await ack();
    const page = searchPage(deps.searchIndex(), { kind: 'similar', paperId: action.value ?? '', offset: 0 });
    await respond({ response_type: 'ephemeral', replace_original: false, ...page.message });
  });
}
