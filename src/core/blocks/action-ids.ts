/**
 * The action ids our buttons carry, shared by the renderers that draw the buttons and the
 * listeners that answer them, so the two can never drift apart.
 */
export const ACTION_IDS = {
  nextPage: 'papers_next_page',
  share: 'papers_share',
  moreLikeThis: 'papers_more_like_this',
  save: 'papers_save',
  unsave: 'papers_unsave',
} as const;
