/**
 * The one `/papers` listener. It acks at once (Slack shows "operation_timeout" after 3 s), waits
 * its turn (src/slack/reply-turns.ts: other commands' acks go first), reads the clock once, then hands the request to exactly one subcommand handler chosen by the first
 * word; anything else is a search. Replies go through respond(), ephemeral.
 */
import type { App } from '@slack/bolt';
import { escapeText } from '../../../core/blocks/mrkdwn.js';
import { renderNotice } from '../../../core/blocks/render-notice.js';
import { droppedMarkupNote, readCommandText } from '../../../core/search/slack-command-text.js';
import { helpSubcommand } from '../../subcommands/help.js';
import { createSavedSubcommand } from '../../subcommands/saved.js';
import { createSearchSubcommand } from '../../subcommands/search.js';
import type { SubcommandHandler } from '../../subcommands/subcommand.js';
import type { SlackDeps } from '../../deps.js';
import type { TakeTurn } from '../../reply-turns.js';
import { PAPERS_COMMAND } from '../surface.js';

/**
 * Words that name subcommands even when their handlers are not installed, so
 * `/papers subscribe diffusion` never silently becomes a search for "subscribe diffusion".
 */
export const RESERVED_SUBCOMMANDS = ['help', 'saved', 'subscribe', 'unsubscribe', 'subscriptions', 'digest'] as const;

export function registerPapersCommand(app: App, deps: SlackDeps, takeTurn: TakeTurn): void {
  const search = createSearchSubcommand(deps.searchIndex, deps.indexProgress, deps.observeSearchSeconds, deps.store, deps.runSearch);
  const handlers: Record<string, SubcommandHandler> = { help: helpSubcommand, saved: createSavedSubcommand(deps.store ?? null, deps.searchIndex) };
  for (const [word, handler] of Object.entries(deps.subcommands ?? {})) handlers[word.toLowerCase()] = handler;

  app.command(PAPERS_COMMAND, async ({ ack, command, respond, client }) => {
    await ack();
    // The reply waits its turn, so the commands behind this one are acked first (reply-turns.ts).
    await takeTurn();
    const now = deps.now();
    // Slack's markup and entities are read once, here; every handler sees what the user typed.
    const read = readCommandText(command.text);
    const text = read.text;
    const first = text.split(/\s+/, 1)[0] ?? '';
    const word = first.toLowerCase();
    const handler = Object.hasOwn(handlers, word) ? handlers[word] : undefined;
    const reserved = (RESERVED_SUBCOMMANDS as readonly string[]).includes(word);
    // The log names what ran, never the user's first word: that is the query, at any length.
    const subcommand = text === '' ? 'help' : handler || reserved ? word : 'search';
    const logger = deps.logger.child({ command: PAPERS_COMMAND, subcommand, teamId: command.team_id, userId: command.user_id });
    const markupNote = droppedMarkupNote(read);
    const context = { command, respond, client, logger, now, markupNote };

    if (text === '') {
      if (markupNote) {
        await respond({ response_type: 'ephemeral', ...renderNotice(`${escapeText(markupNote)} Nothing else was left to search for; try \`/papers diffusion quantization\`.`) });
        return;
      }
      return helpSubcommand({ ...context, args: '' });
    }
    if (handler && markupNote && word !== 'help') {
      // Topics and times are words: a mention or channel there was never meant as one, and
      // dropping it silently could turn `subscribe <#C1|x>` into a subscription to everything.
      logger.info('subcommand refused: Slack markup in its arguments');
      await respond({ response_type: 'ephemeral', ...renderNotice(`${escapeText(markupNote)} \`/papers ${word}\` takes plain words, so nothing was changed.`) });
      return;
    }
    if (handler) return handler({ ...context, args: text.slice(first.length).trim() });
    if (reserved) {
      logger.warn('subcommand not installed');
      await respond({ response_type: 'ephemeral', ...renderNotice(`\`/papers ${word}\` is not available on this paperboy server yet. \`/papers help\` lists what is.`) });
      return;
    }
    return search({ ...context, args: text });
  });
}
