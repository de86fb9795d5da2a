/**
 * "More like this": a new ephemeral message with papers similar to the chosen one (never the
 * paper or a duplicate of it, each with the words it shares); the original results stay so the
 * user can go back to them.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import type { SlackDeps } from '../../deps.js';
import type { TakeTurn } from '../../reply-turns.js';
import { renderResultsPage } from '../../votes/results-page.js';
import { actionTeam } from './action-team.js';

export function registerMoreLikeThis(app: App, deps: SlackDeps, takeTurn: TakeTurn): void {
  app.action<BlockButtonAction>(ACTION_IDS.moreLikeThis, async ({ ack, action, body, respond }) => {
    await ack();
    await takeTurn();
    const page = action.value ? await renderResultsPage(deps.searchIndex(), deps.store, actionTeam(body), { kind: 'similar', paperId: action.value, offset: 0 }, deps.runSearch) : null;
    await respond({ response_type: 'ephemeral', replace_original: false, ...(page ?? NOTICES.paperNotFound()) });
  });
}
