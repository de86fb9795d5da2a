/**
 * "Next 5" (and "Did you mean" buttons): run the search the button carries at its offset and
 * replace the ephemeral message with that page.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/blocks/action-ids.js';
import { decodePageRequest } from '../../../core/blocks/page-value.js';
import { NOTICES } from '../../../core/blocks/render-notice.js';
import { renderSearchResults } from '../../../core/blocks/render-search-results.js';
import { getPaper, moreLikeThis, searchPapers } from '../../../core/search/search-index.js';
import { PAGE_SIZE } from '../../subcommands/search.js';
import type { SlackDeps } from '../../deps.js';

export function registerNextPage(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.nextPage, async ({ ack, action, respond }) => {
    await ack();
    const request = decodePageRequest(action.value);
    if (!request) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.staleButton() });
      return;
    }
    const index = deps.searchIndex();
    const options = { limit: PAGE_SIZE, offset: request.offset };
    if (request.kind === 'search') {
      const outcome = searchPapers(index, request.query, options);
      await respond({ response_type: 'ephemeral', replace_original: true, ...renderSearchResults(outcome, { query: request.query, offset: request.offset }) });
      return;
    }
    const paper = getPaper(index, request.paperId);
    if (!paper) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...NOTICES.paperNotFound() });
      return;
    }
    const outcome = moreLikeThis(index, request.paperId, options);
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...renderSearchResults(outcome, { query: paper.title, offset: request.offset, similarTo: paper }),
    });
  });
}
