/**
 * The default `/papers <query>` subcommand: search and reply with the first page, ephemeral.
 */
import { renderSearchResults } from '../../core/blocks/render-search-results.js';
import type { SearchIndex } from '../../core/search/search-index.js';
import { searchPapers } from '../../core/search/search-index.js';
import { logPrefix } from '../../logger.js';
import { outcomeVotes, type VoteCountStore } from '../votes/results-page.js';
import type { SubcommandHandler } from './subcommand.js';

export const PAGE_SIZE = 5;

export function createSearchSubcommand(searchIndex: () => SearchIndex, store?: VoteCountStore | null): SubcommandHandler {
  return async ({ args, command, respond, logger, markupNote }) => {
    const outcome = searchPapers(searchIndex(), args, { limit: PAGE_SIZE, offset: 0 });
    logger.info(
      { outcome: outcome.kind, total: outcome.kind === 'results' ? outcome.total : 0, queryChars: args.length, queryPrefix: logPrefix(args) },
      'search answered',
    );
    const notes = markupNote ? [markupNote] : [];
    await respond({ response_type: 'ephemeral', ...renderSearchResults(outcome, { query: args, offset: 0, notes, votes: await outcomeVotes(store, command.team_id, outcome) }) });
  };
}
