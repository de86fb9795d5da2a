/**
 * "Next" (and "Did you mean" buttons): run the search the button carries at its offset and
 * replace the ephemeral message with that page.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { decodePageRequest } from '../../../core/blocks/page-value.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import type { SlackDeps } from '../../deps.js';
import type { TakeTurn } from '../../reply-turns.js';
import { renderResultsPage } from '../../votes/results-page.js';
import { actionTeam } from './action-team.js';

export function registerNextPage(app: App, deps: SlackDeps, takeTurn: TakeTurn): void {
  app.action<BlockButtonAction>(ACTION_IDS.nextPage, async ({ ack, action, body, respond }) => {
    await ack();
    await takeTurn();
    const request = decodePageRequest(action.value);
    if (!request) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.staleButton() });
      return;
    }
    const page = await renderResultsPage(deps.searchIndex(), deps.store, actionTeam(body), request, deps.runSearch);
    if (!page) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.paperNotFound() });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: true, ...page });
  });
}
