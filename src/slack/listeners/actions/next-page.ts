/**
 * "Next" (and "Did you mean" buttons): run the search the button carries at its offset and
 * replace the ephemeral message with that page.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { decodePageRequest } from '../../../core/blocks/page-value.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import { searchPage } from '../../../core/blocks/search-page.js';
import type { SlackDeps } from '../../deps.js';

export function registerNextPage(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.nextPage, async ({ ack, action, respond }) => {
    await ack();
    const request = decodePageRequest(action.value);
    if (!request) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.staleButton() });
      return;
    }
    const page = searchPage(deps.searchIndex(), request);
    await respond({ response_type: 'ephemeral', replace_original: page.kind === 'page', ...page.message });
  });
}
