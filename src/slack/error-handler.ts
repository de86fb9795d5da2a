/**
 * The one global error handler: anything a listener throws ends here, is logged once with what
 * happened, and the user is told something went wrong (through the response_url when the request
 * had one) instead of silence. Listeners do not catch-and-log; expected outcomes (no results,
 * stale buttons, a channel the bot is not in) are rendered as values, never thrown.
 */
import type { Logger } from 'pino';
import { NOTICES } from '../core/blocks/render-notice.js';
import { renderStoreUnavailable } from '../core/blocks/render-unavailable.js';
import { isStoreUnavailable, type StoreUnavailableError } from '../store/store-errors.js';

type Body = Record<string, unknown>;

/** The part of Bolt's extended error-handler arguments we use. */
export interface ErrorHandlerArgs {
  readonly error: Error & { readonly code?: string };
  readonly body?: unknown;
}

function describeRequest(body: Body | undefined): Record<string, unknown> {
  if (!body) return {};
  const event = body['event'] as Body | undefined;
  return {
    requestType: body['type'] ?? (body['command'] ? 'slash_command' : undefined),
    command: body['command'],
    eventType: event?.['type'],
    actionId: ((body['actions'] as Body[] | undefined)?.[0])?.['action_id'],
    teamId: body['team_id'] ?? (body['team'] as Body | undefined)?.['id'],
    userId: body['user_id'] ?? (body['user'] as Body | undefined)?.['id'],
  };
}

/** The database being unreachable, directly or among several listeners' errors (Bolt's MultipleListenerError). */
function storeUnavailable(error: ErrorHandlerArgs['error']): StoreUnavailableError | null {
  if (isStoreUnavailable(error)) return error;
  const originals = (error as { originals?: unknown }).originals;
  return Array.isArray(originals) ? ((originals as unknown[]).find(isStoreUnavailable) ?? null) : null;
}

export function createErrorHandler(logger: Logger, fetchFn: typeof fetch = fetch) {
  return async ({ error, body }: ErrorHandlerArgs): Promise<void> => {
    const request = describeRequest(body as Body | undefined);
    const unavailable = storeUnavailable(error);
    // Not a bug: a warning with the reason, no stack; the pool reconnects by itself.
    if (unavailable) logger.warn({ reason: unavailable.reason, ...request }, 'request needed the database, which is unavailable');
    else logger.error({ err: error, code: error.code, ...request }, 'listener failed');
    const responseUrl = (body as Body | undefined)?.['response_url'];
    if (typeof responseUrl !== 'string') return;
    try {
      const notice = unavailable ? renderStoreUnavailable() : NOTICES.somethingWentWrong();
      const response = await fetchFn(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...notice }),
      });
      if (!response.ok) logger.warn({ status: response.status, ...request }, 'could not tell the user about the failure');
    } catch (notifyError) {
      // Telling the user failed too (Slack unreachable); the original error is already logged.
      logger.warn({ err: notifyError, ...request }, 'could not tell the user about the failure');
    }
  };
}
