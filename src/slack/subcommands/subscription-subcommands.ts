/**
 * The subscription subcommands, keyed by the first word after `/papers`, ready to merge into
 * SlackDeps.subcommands. createPaperboy (src/paperboy.ts) builds them once with the store, the digest config and the
 * delivery use case the scheduler also uses.
 */
import { createDigestSubcommand } from './digest.js';
import type { SubcommandHandler } from './subcommand.js';
import { createSubscribeSubcommand } from './subscribe.js';
import type { DigestSubcommandDeps } from './subscription-deps.js';
import { createSubscriptionsSubcommand } from './subscriptions.js';
import { createUnsubscribeSubcommand } from './unsubscribe.js';

export type { DigestSubcommandDeps } from './subscription-deps.js';

export function buildDigestSubcommands(deps: DigestSubcommandDeps): Record<string, SubcommandHandler> {
  return {
    subscribe: createSubscribeSubcommand(deps),
    unsubscribe: createUnsubscribeSubcommand(deps),
    subscriptions: createSubscriptionsSubcommand(deps),
    digest: createDigestSubcommand(deps),
  };
}
