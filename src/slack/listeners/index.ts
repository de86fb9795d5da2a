/**
 * Registers every listener, by Slack surface. The only place that knows the full list, which the
 * manifest test compares against manifest.yml.
 */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { registerMoreLikeThis } from './actions/more-like-this.js';
import { registerNextPage } from './actions/next-page.js';
import { registerSharePaper } from './actions/share-paper.js';
import { PAPERS_COMMAND, registerPapersCommand } from './commands/papers-command.js';
import { HANDLED_EVENTS, registerAppHomeOpened } from './events/app-home-opened.js';

/** What the app registers, for the manifest test: every command and bot event. */
export const REGISTERED = { commands: [PAPERS_COMMAND], events: [...HANDLED_EVENTS] } as const;

export function registerListeners(app: App, deps: SlackDeps): void {
  registerPapersCommand(app, deps);
  registerNextPage(app, deps);
  registerSharePaper(app, deps);
  registerMoreLikeThis(app, deps);
  registerAppHomeOpened(app, deps);
}
