/**
 * Publishes the App Home tab (For you, the reading list, trending, digests, usage) when a user
 * opens it. Slack
 * retries events it thinks we missed, so each event id is handled once: through the store when
 * there is one (shared by every process), else in this process's memory.
 */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { publishHome } from '../../home/publish-home.js';

/** Remembers the last `capacity` ids; enough to absorb Slack's retries (minutes apart). */
export function memoryEventDedupe(capacity = 10_000): (eventId: string) => Promise<boolean> {
  const seen = new Set<string>();
  return async (eventId) => {
    if (seen.has(eventId)) return false;
    seen.add(eventId);
    if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    return true;
  };
}

export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  const store = deps.store;
  const firstTime = store ? (id: string) => store.markEventSeen(id, deps.now()) : memoryEventDedupe();
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const eventId = (body as { event_id?: string }).event_id;
    const logger = deps.logger.child({ event: 'app_home_opened', eventId, userId: event.user });
    if (eventId && !(await firstTime(eventId))) {
      logger.debug('duplicate event ignored');
      return;
    }
    const teamId = (body as { team_id?: string }).team_id;
    await publishHome(deps, client, teamId, event.user);
    logger.info('home tab published');
  });
}
