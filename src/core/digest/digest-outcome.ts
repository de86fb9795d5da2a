/**
 * What one digest delivery came to (deliverDigest in src/digest/deliver-digest.ts): the scheduler
 * logs it and `/papers digest now` replies with it (core/blocks/subscription-replies.ts).
 */
export type DigestNowOutcome =
  | { readonly kind: 'posted'; readonly messageTs: string; readonly paperCount: number }
  /** Today's digest was already posted (or is being posted by another process right now). */
  | { readonly kind: 'already-done'; readonly messageTs: string | null }
  /** Nothing this channel has not already received. */
  | { readonly kind: 'nothing-new' }
  /** Slack said the channel cannot take messages; the subscription is paused. */
  | { readonly kind: 'paused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly error: string };
