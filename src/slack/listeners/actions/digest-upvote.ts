/**
 * The digest's Upvote button: one vote per person per paper in this workspace (the store
 * dedupes), feeding the trending score of later digests. Acks first; answers the voter only.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from 'pino';
import { DIGEST_ACTION_IDS } from '../../../core/blocks/digest-action-ids.js';
import { DIGEST_UPVOTE_REPLIES } from '../../../core/blocks/digest-upvote-reply.js';
import type { Paper } from '../../../core/paper.js';
import type { Store } from '../../../store/store.js';
import { actionTeam } from './action-team.js';

export interface DigestUpvoteDeps {
  readonly store: Pick<Store, 'addVote'>;
  readonly logger: Logger;
  readonly now: () => Date;
  /** The paper behind a button value in the corpus now served (getPaper over the search index). */
  readonly findPaper: (paperId: string) => Paper | undefined;
}

export function registerDigestUpvote(app: App, deps: DigestUpvoteDeps): void {
  app.action<BlockButtonAction>(DIGEST_ACTION_IDS.upvote, async ({ ack, action, body, respond }) => {
    await ack();
    const now = deps.now();
    const paper = action.value ? deps.findPaper(action.value) : undefined;
    const teamId = actionTeam(body);
    if (!paper || !teamId) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...DIGEST_UPVOTE_REPLIES.unknownPaper() });
      return;
    }
    const isNew = await deps.store.addVote(teamId, paper.id, body.user.id, now);
    deps.logger.info({ action: DIGEST_ACTION_IDS.upvote, teamId, paperId: paper.id, userId: body.user.id, isNew }, 'digest upvote');
    const reply = isNew ? DIGEST_UPVOTE_REPLIES.counted(paper.title) : DIGEST_UPVOTE_REPLIES.alreadyCounted(paper.title);
    await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
  });
}
