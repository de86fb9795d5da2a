/**
 * A fetch for @slack/web-api and Bolt (their `fetch` client option) that counts failed Slack
 * calls by method and error code. Every Web API request and every response_url reply goes
 * through it, including each retry, which is what an operator watching rate limits wants.
 * It only observes: the response is returned untouched (the body is read from a clone).
 */
import type { Counter } from 'prom-client';

type Fetch = typeof fetch;

/** "chat.postMessage" for .../api/chat.postMessage, "response_url" for anything else. */
export function slackMethodOf(input: Parameters<Fetch>[0]): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const match = /\/api\/([A-Za-z]+(?:\.[A-Za-z]+)+)(?:[?#]|$)/.exec(url);
  return match?.[1] ?? 'response_url';
}

/** Slack error codes are short snake_case words; anything else is folded so labels stay bounded. */
const label = (code: unknown): string => (typeof code === 'string' && /^[a-z_]{1,64}$/.test(code) ? code : 'other');

export function instrumentedFetch(errors: Counter<'method' | 'error'>, inner: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const method = slackMethodOf(input);
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      const timedOut = (error as { name?: string })?.name === 'TimeoutError';
      errors.inc({ method, error: timedOut ? 'timeout' : 'request_error' });
      throw error;
    }
    if (response.status === 429) errors.inc({ method, error: 'ratelimited' });
    else if (response.status !== 200) errors.inc({ method, error: `http_${response.status}` });
    else if (method !== 'response_url' && response.headers.get('content-type')?.includes('application/json')) {
      // A 200 can still say {"ok": false, "error": "channel_not_found"}.
      // Awaited so the count is in before the caller sees the result (the clone tees the body).
      const body = (await response.clone().json().catch(() => null)) as { ok?: unknown; error?: unknown } | null;
      if (body?.ok === false) errors.inc({ method, error: label(body.error) });
    }
    return response;
  };
}
