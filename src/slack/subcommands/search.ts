/**
 * The default `/papers <query>` subcommand: search and reply with the first page, ephemeral.
 */
import { renderNotice } from '../../core/blocks/render-notice.js';
import { performance } from 'node:perf_hooks';
import { renderSearchResults } from '../../core/blocks/render-search-results.js';
import type { SearchIndex } from '../../core/search/search-index.js';
import { searchPapers } from '../../core/search/search-index.js';
import { logPrefix } from '../../logger.js';
import { outcomeVotes, type VoteCountStore } from '../votes/results-page.js';
import type { SubcommandHandler } from './subcommand.js';

export const PAGE_SIZE = 5;

export function createSearchSubcommand(
  searchIndex: () => SearchIndex,
  indexProgress: () => number | null = () => null,
  observeSeconds?: (seconds: number) => void,
  store?: VoteCountStore | null,
): SubcommandHandler {
  return async ({ args, command, respond, logger, markupNote }) => {
    const progress = indexProgress();
    if (progress !== null) {
      const done = Math.min(99, Math.floor(progress * 100));
      logger.info({ outcome: 'warming-up', indexed: done }, 'search asked while the index is built');
      await respond({ response_type: 'ephemeral', ...renderNotice(`paperboy is warming up: the search index is being built (${done}% indexed). Try again in a minute.`) });
      return;
    }
    const started = performance.now();
    const outcome = searchPapers(searchIndex(), args, { limit: PAGE_SIZE, offset: 0 });
    observeSeconds?.((performance.now() - started) / 1000);
    logger.info(
      { outcome: outcome.kind, total: outcome.kind === 'results' ? outcome.total : 0, queryChars: args.length, queryPrefix: logPrefix(args) },
      'search answered',
    );
    const notes = markupNote ? [markupNote] : [];
    await respond({ response_type: 'ephemeral', ...renderSearchResults(outcome, { query: args, offset: 0, notes, votes: await outcomeVotes(store, command.team_id, outcome) }) });
  };
}
