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
  /** Next / Previous on the saved list (message and Home tab); the value is the page's offset. */
  savedPage: 'papers_saved_page',
  /** Its own id: action ids must be unique within a block. */
  savedPagePrevious: 'papers_saved_page_previous',
  /** Upvote on every paper (results, digests, shares, unfurls, Home): toggles the clicker's vote. */
  vote: 'papers_vote',
  /** Mark as read on the Home tab's reading list. */
  markRead: 'papers_mark_read',
} as const;
