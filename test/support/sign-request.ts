/**
 * Signs a request body the way Slack does (v0 scheme): HMAC-SHA256 over `v0:<timestamp>:<body>`
 * with the signing secret, sent as `x-slack-signature: v0=<hex>` with `x-slack-request-timestamp`.
 * The clock is an argument so tests can make stale requests on purpose.
 */
import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  readonly 'x-slack-signature': string;
  readonly 'x-slack-request-timestamp': string;
}

export function signRequest(signingSecret: string, body: string, nowSeconds: number = Math.floor(Date.now() / 1000)): SlackSignatureHeaders {
  const timestamp = String(Math.floor(nowSeconds));
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': timestamp };
}

/** Form-encodes a slash command payload as Slack posts it. */
export function slashCommandBody(fields: Readonly<Record<string, string>>): string {
  return new URLSearchParams(fields).toString();
}

/** Form-encodes an interactive payload (block_actions, view_submission) as Slack posts it: payload=<json>. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** POSTs a signed body to a Bolt HTTP endpoint; returns status and text. */
export async function postSigned(
  url: string,
  signingSecret: string,
  body: string,
  options: { nowSeconds?: number; contentType?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      ...signRequest(signingSecret, body, options.nowSeconds),
      ...options.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}
