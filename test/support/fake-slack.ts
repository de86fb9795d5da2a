/**
 * A fake Slack on 127.0.0.1: the Web API (POST /api/<method>) and response_url endpoints
 * (POST /response/<id>), over real HTTP so the real Bolt/WebClient code paths run.
 *
 * It records every request and answers from a per-method script, so a test can say "the next
 * chat.postMessage gets 429 with Retry-After: 1" and then assert on what arrived. Tests assert on
 * `requests`, never on how our code called the client.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  /** 'api' for /api/<method>, 'response' for /response/<id>. */
  readonly kind: 'api' | 'response';
  /** The Web API method ("chat.postMessage") or the response_url id. */
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** Bearer token from Authorization (or a `token` form field), null when none was sent. */
  readonly token: string | null;
  /**
   * Parsed body: JSON bodies as they are; form bodies as fields, with JSON-looking fields
   * (blocks, view, attachments...) parsed, because WebClient sends those as JSON strings.
   */
  readonly body: Record<string, unknown>;
  readonly rawBody: string;
  /** When the request's body had arrived (ms since the epoch, sub-millisecond), for latency benches. */
  readonly receivedAt: number;
}

export interface FakeAnswer {
  /** HTTP status, default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; a string is sent as is. */
  readonly body?: unknown;
  /** Hold the answer this long (a slow or hung Slack); the request is recorded on arrival. */
  readonly delayMs?: number;
}

/** An answer, or a function of the request that returns one (for echoing channel ids etc.). */
export type ScriptedAnswer = FakeAnswer | ((request: RecordedRequest) => FakeAnswer);

export const ok = (extra: Record<string, unknown> = {}): FakeAnswer => ({ body: { ok: true, ...extra } });
export const slackError = (error: string): FakeAnswer => ({ body: { ok: false, error } });
export const rateLimited = (retryAfterSeconds: number): FakeAnswer => ({
  status: 429,
  headers: { 'retry-after': String(retryAfterSeconds) },
  body: { ok: false, error: 'ratelimited' },
});
export const serverError = (status = 500): FakeAnswer => ({ status, body: 'internal error' });

export interface FakeSlack {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** http://127.0.0.1:<port>/api/ : pass as SLACK_API_URL / clientOptions.slackApiUrl. */
  readonly apiUrl: string;
  /** A response_url for a slash command or action payload; `id` names it in recordings. */
  responseUrl(id?: string): string;
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests to one Web API method ("chat.postMessage") or, with kind 'response', one response_url id. */
  calls(method: string, kind?: 'api' | 'response'): RecordedRequest[];
  /** All response_url posts, in order. */
  responses(): RecordedRequest[];
  /** Queue answers for a method, used once each in order before the default answer. */
  answerOnce(method: string, ...answers: ScriptedAnswer[]): void;
  /** Replace the default answer for a method (used whenever its queue is empty). */
  answerAlways(method: string, answer: ScriptedAnswer): void;
  /** The URL apps.connections.open hands out (Socket Mode tests point it at their WS server). */
  setSocketModeUrl(url: string): void;
  /** Resolves with the first recorded request matching `predicate` (past or future); rejects after timeoutMs. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Forget recorded requests (scripts stay). */
  clear(): void;
  close(): Promise<void>;
}

let tsCounter = 0;
const nextTs = (): string => `1700000000.${String(++tsCounter).padStart(6, '0')}`;

function defaultAnswers(getSocketUrl: () => string): Map<string, ScriptedAnswer> {
  return new Map<string, ScriptedAnswer>([
    ['auth.test', ok({ url: 'https://fake.slack.com/', team: 'Fake', user: 'paperboy', team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' })],
    ['chat.postMessage', (req) => ok({ channel: req.body['channel'], ts: nextTs(), message: { text: req.body['text'] } })],
    ['chat.postEphemeral', () => ok({ message_ts: nextTs() })],
    ['chat.update', (req) => ok({ channel: req.body['channel'], ts: req.body['ts'] })],
    ['views.publish', () => ok({ view: { id: 'V0FAKE' } })],
    ['chat.unfurl', () => ok()],
    ['apps.connections.open', () => ok({ url: getSocketUrl() })],
    ['conversations.info', (req) => ok({ channel: { id: req.body['channel'], name: 'general', is_member: true, is_archived: false } })],
  ]);
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { value: parsed };
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    fields[key] = value;
    if (/^\s*[[{]/.test(value)) {
      try {
        fields[key] = JSON.parse(value);
      } catch {
        // Not JSON after all: keep the string.
      }
    }
  }
  return fields;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const requests: RecordedRequest[] = [];
  const queues = new Map<string, ScriptedAnswer[]>();
  let socketUrl = 'ws://127.0.0.1:1/not-configured';
  const defaults = defaultAnswers(() => socketUrl);
  const waiters = new Set<{ predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }>();

  const pickAnswer = (request: RecordedRequest): FakeAnswer => {
    const key = request.kind === 'api' ? request.method : `response:${request.method}`;
    const scripted = queues.get(key)?.shift() ?? defaults.get(key) ?? (request.kind === 'response' ? ok() : slackError('unknown_method'));
    return typeof scripted === 'function' ? scripted(request) : scripted;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const match = /^\/(api|response)\/(.+)$/.exec(path);
      if (req.method !== 'POST' || !match) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = parseBody(rawBody, req.headers['content-type']);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_json' }));
        return;
      }
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : typeof body['token'] === 'string' ? body['token'] : null;
      const recorded: RecordedRequest = {
        kind: match[1] === 'api' ? 'api' : 'response',
        method: decodeURIComponent(match[2] ?? ''),
        path,
        headers: req.headers,
        token,
        body,
        rawBody,
        receivedAt: performance.timeOrigin + performance.now(),
      };
      requests.push(recorded);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(recorded)) {
          waiters.delete(waiter);
          waiter.resolve(recorded);
        }
      }
      const answer = pickAnswer(recorded);
      const payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? { ok: true });
      const send = (): void => {
        if (res.destroyed) return;
        res
          .writeHead(answer.status ?? 200, {
            'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
            ...answer.headers,
          })
          .end(payload);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let responseCounter = 0;

  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id = `r${++responseCounter}`) => `${url}/response/${encodeURIComponent(id)}`,
    requests,
    calls: (method, kind = 'api') => requests.filter((r) => r.kind === kind && r.method === method),
    responses: () => requests.filter((r) => r.kind === 'response'),
    answerOnce(method, ...answers) {
      const queue = queues.get(method) ?? [];
      queue.push(...answers);
      queues.set(method, queue);
    },
    answerAlways(method, answer) {
      defaults.set(method, answer);
    },
    setSocketModeUrl(next) {
      socketUrl = next;
    },
    waitFor(predicate, timeoutMs = 5_000) {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (!waiters.delete(waiter)) return;
          const got = requests.map((r) => `${r.kind}:${r.method}`).join(', ') || 'nothing';
          reject(new Error(`fake Slack: no matching request within ${timeoutMs} ms (received: ${got})`));
        }, timeoutMs).unref();
      });
    },
    clear() {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
