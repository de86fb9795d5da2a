/**
 * The App Home tab: the user's saved papers (when a store is configured) and how to use
 * paperboy. Published on every app_home_opened so new saves and a new version's help show up
 * without users doing anything.
 */
import type { Paper } from '../paper.js';
import type { HomeView } from './message.js';
import { helpBlocks } from './render-help.js';
import { savedHomeBlocks } from './render-saved.js';

export interface HomeSaved {
  /** Newest first. */
  readonly papers: readonly Paper[];
  /** Saves whose paper is no longer in the corpus. */
  readonly missing: number;
}

/** `savedOffset`: which page of the saved papers to show (Previous / Next on the tab). */
export function renderHome(saved?: HomeSaved, savedOffset = 0): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'paperboy', emoji: true } },
      ...helpBlocks(),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Invite me to a channel (`/invite @paperboy`) before sharing papers or subscribing it to a digest.' }],
      },
      ...(saved ? [{ type: 'divider' } as const, ...savedHomeBlocks(saved.papers, saved.missing, savedOffset)] : []),
    ],
  };
}
