/**
 * The Slack side of the digest: createSlackDigestChannel implements the use case's DigestChannel
 * port over the Web API (chat.postMessage with metadata naming the digest, conversations.history
 * to find it again).
 *
 * Posts one digest message and owns the whole retry policy for it. The WebClient handed in must
 * be built with its own retries off (see createDigestClient), otherwise its default policy
 * (ten retries over ~30 minutes, sleeping inside the client) would hide every failure from us
 * and could repost after a timeout that actually reached Slack.
 */
import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Block } from '../core/blocks/message.js';
import { zonedInstant } from '../core/digest/schedule.js';
import type { DigestChannel, DigestSlot, PostedDigest, PostOutcome } from './digest-channel.js';

export type { PostOutcome } from './digest-channel.js';

export const DIGEST_EVENT_TYPE = 'paperboy_digest';
/** How far back through today's channel history a takeover looks for a predecessor's post. */
const HISTORY_PAGES = 5;

export interface DigestMessage {
  readonly channel: string;
  readonly text: string;
  readonly blocks: readonly Block[];
  /** Slack message metadata: lets a later run find this message again after a crash. */
  readonly metadata: { readonly event_type: string; readonly event_payload: Record<string, string | number | boolean> };
}

export interface PostOptions {
  readonly sleep: (ms: number) => Promise<void>;
  /** Total tries including the first; 429s count too, so a channel stuck rate-limited ends. */
  readonly maxAttempts: number;
  readonly logger: Logger;
  /** First backoff after a 5xx or network error; doubled each time. Default 1000 ms. */
  readonly baseDelayMs?: number;
  /**
   * Called before retrying after an ambiguous failure (5xx, timeout, dropped connection), where
   * the message may have been posted anyway. A ts means it was, and we stop instead of reposting.
   */
  readonly findPosted?: () => Promise<string | null>;
}

/** Errors meaning the channel itself cannot receive messages; retrying cannot help. */
export const CHANNEL_UNAVAILABLE_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'account_inactive',
  'team_access_not_granted',
]);

/** How long one Web API request may take before it counts as a timeout (and is retried). */
export const DIGEST_REQUEST_TIMEOUT_MS = 15_000;

/** A WebClient whose failures surface immediately, so postDigestMessage decides what to retry. */
export function createDigestClient(token: string, options: Pick<WebClientOptions, 'slackApiUrl' | 'logger' | 'logLevel' | 'timeout' | 'fetch'> = {}): WebClient {
  return new WebClient(token, {
    timeout: DIGEST_REQUEST_TIMEOUT_MS,
    ...options,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Classified =
  | { readonly action: 'wait'; readonly ms: number; readonly error: string }
  | { readonly action: 'backoff'; readonly error: string }
  | { readonly action: 'channel-unavailable'; readonly error: string }
  | { readonly action: 'fail'; readonly error: string };

/** Reads @slack/web-api's error codes (v7+: 'slack_webapi_*'), not messages, which change. */
export function classifySlackError(error: unknown): Classified {
  const e = error as { code?: unknown; retryAfter?: unknown; statusCode?: unknown; data?: { error?: unknown }; message?: unknown };
  switch (e?.code) {
    case ErrorCode.RateLimitedError: {
      const seconds = typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : 1;
      return { action: 'wait', ms: seconds * 1000, error: 'ratelimited' };
    }
    case ErrorCode.HTTPError: {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      return status >= 500 ? { action: 'backoff', error: `http_${status}` } : { action: 'fail', error: `http_${status}` };
    }
    case ErrorCode.RequestError:
      // Timeouts, refused or reset connections: transient as far as we can tell.
      return { action: 'backoff', error: 'request_error' };
    case ErrorCode.PlatformError: {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (CHANNEL_UNAVAILABLE_ERRORS.has(code)) return { action: 'channel-unavailable', error: code };
      // Slack reports some overloads as platform errors on a 200; those are worth another try.
      if (code === 'ratelimited') return { action: 'wait', ms: 1000, error: code };
      if (code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable' || code === 'request_timeout') {
        return { action: 'backoff', error: code };
      }
      return { action: 'fail', error: code };
    }
    default:
      return { action: 'fail', error: error instanceof Error ? error.message : String(error) };
  }
}

export async function postDigestMessage(client: WebClient, message: DigestMessage, options: PostOptions): Promise<PostOutcome> {
  const { sleep, logger } = options;
  const maxAttempts = Math.max(1, options.maxAttempts);
  const baseDelayMs = options.baseDelayMs ?? 1000;
  let backoffs = 0;
  let ambiguous = false;
  let lastError = 'unknown_error';

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (ambiguous && options.findPosted) {
      const ts = await options.findPosted().catch(() => null);
      if (ts) {
        logger.info({ channel: message.channel, ts, attempt }, 'digest found already posted after an ambiguous failure; not reposting');
        return { ok: true, ts };
      }
    }
    try {
      const result = await client.chat.postMessage({
        channel: message.channel,
        text: message.text,
        blocks: [...message.blocks],
        metadata: { event_type: message.metadata.event_type, event_payload: { ...message.metadata.event_payload } },
        unfurl_links: false,
        unfurl_media: false,
      });
      if (typeof result.ts !== 'string') return { ok: false, kind: 'failed', error: 'no_ts_in_response' };
      return { ok: true, ts: result.ts };
    } catch (error) {
      const verdict = classifySlackError(error);
      lastError = verdict.error;
      const context = { channel: message.channel, attempt, maxAttempts, error: verdict.error };
      if (verdict.action === 'channel-unavailable') return { ok: false, kind: 'channel-unavailable', error: verdict.error };
      if (verdict.action === 'fail') return { ok: false, kind: 'failed', error: verdict.error };
      if (attempt === maxAttempts) break;
      if (verdict.action === 'wait') {
        // Slack rejected the request before doing anything, so a 429 is never ambiguous.
        logger.warn({ ...context, retryAfterMs: verdict.ms }, 'digest post rate limited; waiting as Slack asked');
        await sleep(verdict.ms);
      } else {
        ambiguous = true;
        const ms = baseDelayMs * 2 ** backoffs++;
        logger.warn({ ...context, backoffMs: ms }, 'digest post failed transiently; backing off');
        await sleep(ms);
      }
    }
  }
  logger.warn({ channel: message.channel, maxAttempts, error: lastError }, 'digest post gave up after retries');
  return { ok: false, kind: 'failed', error: lastError };
}

export interface SlackDigestChannelOptions {
  readonly sleep?: (ms: number) => Promise<void>;
  /** Tries per post, counting the first. Default 5. */
  readonly maxAttempts?: number;
}

/** The DigestChannel over a client built with createDigestClient (retries off). */
export function createSlackDigestChannel(client: WebClient, options: SlackDigestChannelOptions = {}): DigestChannel {
  const findPosted = (slot: DigestSlot, logger: Logger): Promise<PostedDigest | null> => findPostedDigest(client, slot, logger);
  return {
    findPosted,
    post: (slot, content, logger) =>
      postDigestMessage(
        client,
        {
          channel: slot.channelId,
          text: content.text,
          blocks: content.blocks,
          metadata: {
            event_type: DIGEST_EVENT_TYPE,
            // paper_ids too: a takeover that finds this message must record what it delivered,
            // or those papers would come again tomorrow.
            event_payload: { channel: slot.channelId, digest_date: slot.digestDate, topics_key: slot.topicsKey, paper_ids: content.paperIds.join(',') },
          },
        },
        {
          sleep: options.sleep ?? realSleep,
          maxAttempts: options.maxAttempts ?? 5,
          logger,
          findPosted: async () => (await findPosted(slot, logger))?.ts ?? null,
        },
      ),
  };
}

interface HistoryMessage {
  readonly ts?: string;
  readonly metadata?: { readonly event_type?: string; readonly event_payload?: Record<string, unknown> };
}

/**
 * The slot's digest message in the channel, if one is there: searched by metadata from the start
 * of the channel's local day. Null when none, or when history cannot be read.
 */
export async function findPostedDigest(client: WebClient, slot: DigestSlot, logger: Logger): Promise<PostedDigest | null> {
  const { digestDate, topicsKey } = slot;
  const oldest = zonedInstant(digestDate, { hour: 0, minute: 0 }, slot.timezone);
  let cursor: string | undefined;
  try {
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const result = await client.conversations.history({
        channel: slot.channelId,
        oldest: (oldest.getTime() / 1000).toFixed(6),
        include_all_metadata: true,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      const messages = (result.messages ?? []) as HistoryMessage[];
      const found = messages.find((m) => {
        const payload = m.metadata?.event_type === DIGEST_EVENT_TYPE ? m.metadata.event_payload : undefined;
        // A post from before topics keys were recorded counts for whichever subscription asks.
        const postedKey = payload?.['topics_key'];
        return payload?.['digest_date'] === digestDate && (postedKey === undefined || postedKey === topicsKey);
      });
      if (found?.ts) {
        const ids = found.metadata?.event_payload?.['paper_ids'];
        return { ts: found.ts, paperIds: typeof ids === 'string' && ids !== '' ? ids.split(',') : [] };
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    return null;
  } catch (error) {
    logger.warn({ error: classifySlackError(error).error }, 'could not read channel history to look for an earlier digest post');
    return null;
  }
}
