/**
 * Cheap checks in front of Bolt's HTTP receiver, on headers alone: a body over the limit gets
 * 413 before a byte of it is read, and a request without well-formed Slack signature headers,
 * or timestamped more than 5 minutes ahead, gets 401 before any body is buffered or HMAC
 * computed. Bolt then does the real verification (the signature; timestamps more than 5 minutes
 * old) and, for chunked bodies with no length, enforces the same limit while reading.
 */
import type { IncomingMessage } from 'node:http';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

export interface Rejection {
  readonly status: 413 | 401;
  /** For the log line: which check failed, never the header's value. */
  readonly reason: string;
}

/** Slack's window: a request timestamped more than this far from now is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export function checkSlackRequest(req: Pick<IncomingMessage, 'headers'>, bodyLimitBytes: number, nowSeconds: number): Rejection | null {
  const length = req.headers['content-length'];
  if (length !== undefined && (!/^\d+$/.test(length) || Number(length) > bodyLimitBytes)) {
    return { status: 413, reason: `body of ${/^\d+$/.test(length) ? `${length} bytes` : 'unreadable length'} over the ${bodyLimitBytes}-byte limit` };
  }
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (signature === undefined || timestamp === undefined) return { status: 401, reason: 'signature headers missing' };
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return { status: 401, reason: 'malformed x-slack-signature' };
  if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) return { status: 401, reason: 'malformed x-slack-request-timestamp' };
  // Bolt refuses timestamps too old, not ones in the future; Slack's rule is both ways.
  if (Number(timestamp) > nowSeconds + SIGNATURE_WINDOW_SECONDS) return { status: 401, reason: 'x-slack-request-timestamp in the future' };
  return null;
}
