/**
 * The default `/papers <query>` subcommand: search and reply with the first page, ephemeral.
 */
import { renderNotice } from '../../core/blocks/render-notice.js';
import { performance } from 'node:perf_hooks';
import { searchPage } from '../../core/blocks/search-page.js';
import type { SearchIndex } from '../../core/search/search-index.js';
import { inline, type RunSearch } from '../../corpus/foreground.js';
import { logPrefix } from '../../logger.js';
import { linkedPapers } from '../unfurls/linked-papers.js';
import { outcomeVotes, type ResultsPageStore } from '../votes/results-page.js';
import type { SubcommandHandler } from './subcommand.js';

export function createSearchSubcommand(
  searchIndex: () => SearchIndex,
  indexProgress: () => number | null = () => null,
  observeSeconds?: (seconds: number) => void,
  store?: ResultsPageStore | null,
  runSearch: RunSearch = inline,
): SubcommandHandler {
  return async ({ args, command, respond, logger, markupNote }) => {
    const progress = indexProgress();
    if (progress !== null) {
      const done = Math.min(99, Math.floor(progress * 100));
      logger.info({ outcome: 'warming-up', indexed: done }, 'search asked while the index is built');
      await respond({ response_type: 'ephemeral', ...renderNotice(`paperboy is warming up: the search index is being built (${done}% indexed). Try again in a minute.`) });
      return;
    }
    const index = searchIndex();
    const linked = await linkedPapers(index, store, args);
    const started = performance.now();
    const notes = markupNote ? [markupNote] : [];
    const page = runSearch(() => searchPage(index, { kind: 'search', query: args, offset: 0, notes, ...(linked.size > 0 ? { linked } : {}) }));
    observeSeconds?.((performance.now() - started) / 1000);
    const { outcome } = page;
    logger.info(
      { outcome: outcome.kind, total: outcome.kind === 'results' ? outcome.total : 0, queryChars: args.length, queryPrefix: logPrefix(args) },
      'search answered',
    );
    await respond({ response_type: 'ephemeral', ...page.render(await outcomeVotes(store, command.team_id, outcome)) });
  };
}
