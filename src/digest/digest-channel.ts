/**
 * The port the digest use case posts through: post a channel's digest for a date, and find one
 * already posted there (a crashed predecessor's, or an ambiguous failure's). The Slack poster
 * implements it (createSlackDigestChannel in slack-poster.ts); deliverDigest knows no Slack API.
 */
import type { Logger } from 'pino';
import type { Block } from '../core/blocks/message.js';

/** Which digest: a channel's, for its local date and subscription (topics key). */
export interface DigestSlot {
  readonly channelId: string;
  /** The channel's IANA zone: its local day bounds where an earlier post can be. */
  readonly timezone: string;
  /** "YYYY-MM-DD" in the channel's zone. */
  readonly digestDate: string;
  readonly topicsKey: string;
}

export interface DigestContent {
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly paperIds: readonly string[];
}

export type PostOutcome =
  | { readonly ok: true; readonly ts: string }
  /** Slack will not take messages in this channel until a person acts (invite, unarchive...). */
  | { readonly ok: false; readonly kind: 'channel-unavailable'; readonly error: string }
  | { readonly ok: false; readonly kind: 'failed'; readonly error: string };

export interface PostedDigest {
  readonly ts: string;
  readonly paperIds: string[];
}

export interface DigestChannel {
  /**
   * Posts the digest, retrying what is worth retrying, and never posting it twice when a retry
   * follows a failure that may have reached the channel.
   */
  post(slot: DigestSlot, content: DigestContent, logger: Logger): Promise<PostOutcome>;
  /**
   * The digest for this slot already in the channel, if any. Null when none, or when the channel
   * cannot be read (then the caller posts, which at worst repeats a digest; never silently
   * dropping one is the better failure).
   */
  findPosted(slot: DigestSlot, logger: Logger): Promise<PostedDigest | null>;
}
