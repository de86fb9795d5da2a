/**
 * The seam between the one `/papers` listener and the subcommands it dispatches to.
 * The listener acks first, then calls exactly one handler; handlers live in their own files and
 * render through src/core/blocks, so no Block Kit is built here or in the listener.
 */
import type { RespondFn, SlashCommand, webApi } from '@slack/bolt';
import type { Logger } from 'pino';

export interface SubcommandContext {
  /** The raw slash-command payload (team_id, channel_id, user_id, response_url, ...). */
  readonly command: SlashCommand;
  /** The text after the subcommand word, trimmed ("diffusion, quantization" for `subscribe ...`). */
  readonly args: string;
  /** Replies through response_url (Slack allows 5 in 30 minutes); ephemeral unless told otherwise. */
  readonly respond: RespondFn;
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  /** The request's time, read once by the listener so a handler never reads the clock itself. */
  readonly now: Date;
  /** Plain text saying which Slack markup (mentions, channels, bare links) was left out of `args`, if any. */
  readonly markupNote?: string | null;
}

export type SubcommandHandler = (ctx: SubcommandContext) => Promise<void>;
