/**
 * The App Home tab: what paperboy is and how to use it. Static usage for now; it is published on
 * every app_home_opened so a new version's help shows up without users doing anything.
 */
import type { HomeView } from './message.js';
import { helpBlocks } from './render-help.js';

export function renderHome(): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'paperboy', emoji: true } },
      ...helpBlocks(),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Invite me to a channel (`/invite @paperboy`) before sharing papers or subscribing it to a digest.' }],
      },
    ],
  };
}
