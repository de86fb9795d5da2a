/**
 * The shape every renderer returns. Type-only import: Block Kit's types keep our blocks honest at
 * compile time, and nothing from Slack's SDK runs in the core.
 */
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type Button = types.Button;

export interface SlackMessage {
  /** Fallback for notifications, screen readers and clients that cannot show blocks. Always set. */
  readonly text: string;
  readonly blocks: Block[];
}

export interface HomeView {
  readonly type: 'home';
  readonly blocks: Block[];
}
