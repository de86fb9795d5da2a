/**
 * Upvote and Save side by side: the buttons a paper posted on its own carries (a shared paper, an
 * unfurl), so anyone in the channel can vote for it or keep it.
 */
import { ACTION_IDS } from './action-ids.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { Block } from './message.js';
import { voteButton } from './vote-button.js';

export function paperActions(paperId: string, votes: number, blockId: string): Block {
  return {
    type: 'actions',
    block_id: blockId,
    elements: [
      voteButton(paperId, votes),
      { type: 'button', text: { type: 'plain_text', text: 'Save', emoji: true }, action_id: ACTION_IDS.save, value: truncate(paperId, SLACK_LIMITS.buttonValue) },
    ],
  };
}
