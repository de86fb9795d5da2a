/**
 * A vote reaction (PAPERBOY_VOTE_REACTIONS) on a message paperboy posted about one paper (a shared
 * paper, an unfurled link) is that user's vote for the paper; removing the reaction removes it.
 * The message's paper comes from the store (rememberPaperMessage, written when the post or unfurl
 * was made), so reactions elsewhere are ignored without a Web API call. Each event id is handled
 * once across processes (Slack retries events it thinks we missed).
 */
import type { App } from '@slack/bolt';
import { DEFAULT_VOTE_REACTIONS } from '../../../config/vote-reactions.js';
import type { SlackDeps } from '../../deps.js';
import { memoryEventDedupe } from './app-home-opened.js';

interface ReactionEvent {
  readonly user: string;
  readonly reaction: string;
  readonly item: { readonly type: string; readonly channel?: string; readonly ts?: string };
}

export function registerReactionVote(app: App, deps: SlackDeps): void {
  const reactions = new Set(deps.voteReactions ?? DEFAULT_VOTE_REACTIONS);
  const store = deps.store;
  const firstTime = store ? (id: string) => store.markEventSeen(id, deps.now()) : memoryEventDedupe();

  const onReaction = (added: boolean) =>
    async ({ event, body }: { event: ReactionEvent; body: unknown }): Promise<void> => {
      // Reactions come without a skin tone in their name in events, but strip one in case.
      const name = event.reaction.replace(/::skin-tone-\d$/, '');
      const { channel, ts } = event.item;
      if (!store || !reactions.has(name) || event.item.type !== 'message' || !channel || !ts) return;
      const { event_id: eventId, team_id: teamId } = body as { event_id?: string; team_id?: string };
      if (!teamId) return;
      const logger = deps.logger.child({ event: added ? 'reaction_added' : 'reaction_removed', eventId, teamId, userId: event.user });
      if (eventId && !(await firstTime(eventId))) {
        logger.debug('duplicate event ignored');
        return;
      }
      const paperId = await store.paperOfMessage(teamId, channel, ts);
      if (!paperId) return;
      const changed = added ? await store.addVote(teamId, paperId, event.user, deps.now()) : await store.removeVote(teamId, paperId, event.user);
      logger.info({ paperId, reaction: name, changed }, added ? 'reaction vote added' : 'reaction vote removed');
    };

  app.event('reaction_added', onReaction(true));
  app.event('reaction_removed', onReaction(false));
}
