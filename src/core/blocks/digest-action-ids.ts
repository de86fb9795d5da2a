/**
 * Action ids of the digest's buttons, shared by the renderer and the listener that answers them
 * (kept beside the search buttons' ids in ./action-ids.ts, but owned by the digest).
 */
export const DIGEST_ACTION_IDS = {
  upvote: 'digest_upvote',
} as const;
