/**
 * Unfurls arXiv and Hugging Face paper links (link_shared) to papers paperboy knows: title,
 * authors, abstract, code link, Upvote and Save, through chat.unfurl. Links to papers it does
 * not know get nothing (no unfurl, no error). A message whose links name exactly one paper is
 * remembered as about that paper, so a vote reaction on it counts. Each event id is handled once.
 */
import type { App } from '@slack/bolt';
import { renderUnfurl } from '../../../core/blocks/render-unfurl.js';
import { paperLinkArxivId } from '../../../core/links/paper-links.js';
import type { Paper } from '../../../core/paper.js';
import type { SlackDeps } from '../../deps.js';
import { findLinkedPaper } from '../../unfurls/find-linked-paper.js';
import { memoryEventDedupe } from './app-home-opened.js';

interface LinkSharedEvent {
  readonly channel: string;
  readonly message_ts: string;
  readonly links: readonly { readonly url: string; readonly domain: string }[];
  readonly unfurl_id?: string;
  readonly source?: string;
}

/** Slack sends at most a handful of links per message; more is not a message people write. */
const MAX_LINKS = 10;

export function registerLinkShared(app: App, deps: SlackDeps): void {
  const store = deps.store;
  const firstTime = store ? (id: string) => store.markEventSeen(id, deps.now()) : memoryEventDedupe();
  app.event('link_shared', async ({ event, body, client }) => {
    const shared = event as unknown as LinkSharedEvent;
    const { event_id: eventId, team_id: teamId } = body as { event_id?: string; team_id?: string };
    const logger = deps.logger.child({ event: 'link_shared', eventId, teamId, channelId: shared.channel });
    if (eventId && !(await firstTime(eventId))) {
      logger.debug('duplicate event ignored');
      return;
    }
    const found = new Map<string, Paper>();
    for (const link of shared.links.slice(0, MAX_LINKS)) {
      const arxivId = paperLinkArxivId(link.url);
      const paper = arxivId ? await findLinkedPaper(deps.searchIndex(), store, arxivId) : null;
      if (paper) found.set(link.url, paper);
    }
    if (found.size === 0) {
      logger.debug({ links: shared.links.length }, 'no known paper linked');
      return;
    }
    const ids = [...new Set([...found.values()].map((p) => p.id))];
    const votes = store && teamId ? await store.voteCounts(teamId, ids) : new Map<string, number>();
    const unfurls = Object.fromEntries([...found].map(([url, paper]) => [url, renderUnfurl(paper, votes.get(paper.id) ?? 0)]));
    const fromComposer = shared.source === 'composer' && shared.unfurl_id;
    await client.chat.unfurl(fromComposer ? { unfurl_id: shared.unfurl_id as string, source: 'composer', unfurls } : { channel: shared.channel, ts: shared.message_ts, unfurls });
    if (!fromComposer && store && teamId && ids.length === 1) await store.rememberPaperMessage(teamId, shared.channel, shared.message_ts, ids[0] as string);
    logger.info({ papers: ids.length }, 'paper links unfurled');
  });
}
