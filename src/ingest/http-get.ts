/**
 * One GET for a feed, its failures made reasons: a timeout, a refused connection, an HTTP error,
 * and 429/503 with Retry-After, which is waited out once when the wait is short (arXiv's 503s
 * often are) and otherwise reported with it, for the next run.
 */
import { SourceFailure } from './source-failure.js';
import type { Clock } from './rate-limiter.js';

export interface HttpOptions {
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  /** Longest Retry-After waited out within a run. */
  readonly maxRetryWaitMs?: number;
  /** Called before each request, retries included (the rate limiter). */
  readonly beforeRequest?: () => Promise<void>;
}

const DEFAULT_MAX_RETRY_WAIT_MS = 30_000;

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

async function attempt(url: string, options: HttpOptions): Promise<{ ok: true; body: string } | { ok: false; status: number; retryAfter: number | null; reason: string }> {
  await options.beforeRequest?.();
  let response: Response;
  try {
    response = await fetch(url, { headers: { 'user-agent': options.userAgent, accept: '*/*' }, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; errors?: { code?: string }[] } };
    if (e.name === 'TimeoutError') throw new SourceFailure(`timed out after ${options.timeoutMs / 1000} s`);
    // undici puts the socket error in `cause` (an AggregateError when several addresses were tried).
    const code = e.cause?.code ?? e.cause?.errors?.[0]?.code ?? e.message;
    throw new SourceFailure(`cannot reach ${new URL(url).host} (${code})`);
  }
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    const e = error as Error;
    throw new SourceFailure(e.name === 'TimeoutError' ? `timed out after ${options.timeoutMs / 1000} s reading the body` : `body cut off (${e.message})`);
  }
  if (response.ok) return { ok: true, body };
  const retryAfter = retryAfterMs(response.headers.get('retry-after'), options.clock.now());
  const limited = response.status === 429 || response.status === 503;
  const wait = retryAfter === null ? '' : `, retry after ${Math.ceil(retryAfter / 1000)} s`;
  const reason = limited
    ? `${response.status === 429 ? 'rate limited' : 'unavailable'} (HTTP ${response.status}${wait})`
    : `HTTP ${response.status} ${response.statusText}`.trim();
  return { ok: false, status: response.status, retryAfter: limited ? retryAfter : null, reason };
}

/** The body of a 2xx answer; anything else throws a SourceFailure with the reason. */
export async function httpGet(url: string, options: HttpOptions): Promise<string> {
  const first = await attempt(url, options);
  if (first.ok) return first.body;
  const maxWait = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  if (first.retryAfter !== null && first.retryAfter <= maxWait) {
    await options.clock.sleep(first.retryAfter);
    const second = await attempt(url, options);
    if (second.ok) return second.body;
    throw new SourceFailure(`${second.reason}, again after waiting ${Math.ceil(first.retryAfter / 1000)} s`);
  }
  throw new SourceFailure(first.reason);
}
