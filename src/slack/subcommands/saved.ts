/**
 * `/papers saved`: the caller's saved papers, ephemeral, each with a Remove button.
 */
import { renderSavedList, SAVE_REPLIES } from '../../core/blocks/render-saved.js';
import type { SearchIndex } from '../../core/search/search-index.js';
import { loadSavedPapers, type SavesStore } from '../saves/load-saved-papers.js';
import type { SubcommandHandler } from './subcommand.js';

export function createSavedSubcommand(store: SavesStore | null, searchIndex: () => SearchIndex): SubcommandHandler {
  return async ({ command, respond, logger }) => {
    if (!store) {
      await respond({ response_type: 'ephemeral', ...SAVE_REPLIES.unavailable() });
      return;
    }
    const saved = await loadSavedPapers(store, searchIndex(), command.team_id, command.user_id);
    logger.info({ saved: saved.papers.length, missing: saved.missing }, 'saved papers listed');
    await respond({ response_type: 'ephemeral', ...renderSavedList(saved.papers, saved.missing) });
  };
}
