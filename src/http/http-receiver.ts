/**
 * Bolt's HTTPReceiver as paperboy runs it: Slack requests at /slack/events, verified (v0 HMAC,
 * 5-minute window) after the header checks in request-guard.ts, with a body limit, the ops
 * routes (/healthz, /metrics) beside it, and the request's signature handed to the replay guard.
 */
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { SIGNATURE_PROPERTY } from '../slack/replay-guard.js';
import type { OpsRoute } from './health-routes.js';
import { checkSlackRequest, DEFAULT_BODY_LIMIT_BYTES } from './request-guard.js';

export interface HttpReceiverOptions {
  readonly signingSecret: string;
  readonly path: string;
  readonly logger: BoltLogger;
  readonly pinoLogger: Logger;
  readonly routes: readonly OpsRoute[];
  readonly bodyLimitBytes?: number;
}

export function createHttpReceiver(options: HttpReceiverOptions): HTTPReceiver {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const log = options.pinoLogger.child({ component: 'http' });
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: options.path,
    logger: options.logger,
    customRoutes: options.routes.map((r) => ({ path: r.path, method: r.method, handler: r.handler })),
    bodyLimit,
    customPropertiesExtractor: (req) => {
      const signature = req.headers['x-slack-signature'];
      return { [SIGNATURE_PROPERTY]: typeof signature === 'string' ? signature : '' };
    },
    // Unknown paths: a plain 404, logged at debug (scanners hit every public URL).
    dispatchErrorHandler: ({ request, response }) => {
      log.debug({ method: request.method, path: pathOf(request) }, 'no such route');
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    },
  });
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && pathOf(req) === options.path) {
      const rejection = checkSlackRequest(req, bodyLimit, Math.floor(Date.now() / 1000));
      if (rejection) {
        log.warn({ status: rejection.status, reason: rejection.reason }, 'request rejected');
        // Connection: close, so the unread body of a 413 is not parsed as the next request.
        res.writeHead(rejection.status, { connection: 'close', 'content-type': 'text/plain' }).end();
        req.resume();
        return;
      }
    }
    inner(req, res);
  };
  return receiver;
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return '/';
  }
}
