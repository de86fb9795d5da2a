/**
 * Registers every listener, by Slack surface. The only place that knows the full list; the
 * command and event names live in ./surface.ts, which the manifest test checks.
 */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { replyTurns } from '../reply-turns.js';
import { getPaper } from '../../core/search/search-index.js';
import { registerDigestUpvote } from './actions/digest-upvote.js';
import { registerMoreLikeThis } from './actions/more-like-this.js';
import { registerNextPage } from './actions/next-page.js';
import { registerSavePaper } from './actions/save-paper.js';
import { registerSharePaper } from './actions/share-paper.js';
import { registerVotePaper } from './actions/vote-paper.js';
import { registerPapersCommand } from './commands/papers-command.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerLinkShared } from './events/link-shared.js';
import { registerReactionVote } from './events/reaction-vote.js';

export { REGISTERED } from './surface.js';

export function registerListeners(app: App, deps: SlackDeps): void {
  // The listeners whose replies search take turns after their acks (one queue: see reply-turns.ts).
  const takeTurn = replyTurns();
  registerPapersCommand(app, deps, takeTurn);
  registerNextPage(app, deps, takeTurn);
  registerSharePaper(app, deps);
  registerMoreLikeThis(app, deps, takeTurn);
  registerSavePaper(app, deps);
  registerAppHomeOpened(app, deps);
  registerVotePaper(app, deps);
  registerReactionVote(app, deps);
  registerLinkShared(app, deps);
  // The digest_upvote buttons of digests posted before every paper got papers_vote still count.
  const { store } = deps;
  if (store) registerDigestUpvote(app, { store, logger: deps.logger, now: deps.now, findPaper: (id) => getPaper(deps.searchIndex(), id) });
}
