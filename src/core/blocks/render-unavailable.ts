/**
 * What a user is told when their request needed the database and it could not be reached: a
 * passing condition, not our bug, and search still works, so say so.
 */
import { renderNotice } from './render-notice.js';
import type { SlackMessage } from './message.js';

export const renderStoreUnavailable = (): SlackMessage =>
  renderNotice(
    ':hourglass: Saved papers and digest settings are temporarily unavailable (the database is not answering). Nothing was changed; please try again in a minute. Searching with `/papers <query>` still works.',
  );
