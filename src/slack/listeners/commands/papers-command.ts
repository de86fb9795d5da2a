/**
 * The one `/papers` listener. It acks at once (Slack shows "operation_timeout" after 3 s), reads
 * the clock once, then hands the request to exactly one subcommand handler chosen by the first
 * word; anything else is a search. Replies go through respond(), ephemeral.
 */
import type { App } from '@slack/bolt';
import { renderNotice } from '../../../core/blocks/render-notice.js';
import { helpSubcommand } from '../../commands/help.js';
import { createSavedSubcommand } from '../../commands/saved.js';
import { createSearchSubcommand } from '../../commands/search.js';
import type { SubcommandHandler } from '../../commands/subcommand.js';
import type { SlackDeps } from '../../deps.js';
import { PAPERS_COMMAND } from '../surface.js';

/**
 * Words that name subcommands even when their handlers are not installed, so
 * `/papers subscribe diffusion` never silently becomes a search for "subscribe diffusion".
 */
export const RESERVED_SUBCOMMANDS = ['help', 'saved', 'subscribe', 'unsubscribe', 'subscriptions', 'digest'] as const;

export function registerPapersCommand(app: App, deps: SlackDeps): void {
  const search = createSearchSubcommand(deps.searchIndex, deps.observeSearchSeconds);
  const handlers: Record<string, SubcommandHandler> = { help: helpSubcommand, saved: createSavedSubcommand(deps.store ?? null, deps.searchIndex) };
  for (const [word, handler] of Object.entries(deps.subcommands ?? {})) handlers[word.toLowerCase()] = handler;

  app.command(PAPERS_COMMAND, async ({ ack, command, respond, client }) => {
    await ack();
    const now = deps.now();
    const text = command.text.trim();
    const first = text.split(/\s+/, 1)[0] ?? '';
    const word = first.toLowerCase();
    const logger = deps.logger.child({ command: PAPERS_COMMAND, subcommand: word || 'help', teamId: command.team_id, userId: command.user_id });
    const context = { command, respond, client, logger, now };

    if (text === '') return helpSubcommand({ ...context, args: '' });
    const handler = Object.hasOwn(handlers, word) ? handlers[word] : undefined;
    if (handler) return handler({ ...context, args: text.slice(first.length).trim() });
    if ((RESERVED_SUBCOMMANDS as readonly string[]).includes(word)) {
      logger.warn('subcommand not installed');
      await respond({ response_type: 'ephemeral', ...renderNotice(`\`/papers ${word}\` is not available on this paperboy server yet. \`/papers help\` lists what is.`) });
      return;
    }
    return search({ ...context, args: text });
  });
}
