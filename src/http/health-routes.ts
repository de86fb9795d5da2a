/**
 * GET /healthz and GET /metrics as plain node:http handlers, so the same two serve from Bolt's
 * HTTP receiver (customRoutes) in HTTP mode and from a small ops server in Socket Mode
 * (ops-server.ts). /healthz is what a load balancer polls: 200 only while this replica can do
 * its work (index loaded, store answering, not shutting down), 503 with the reason otherwise.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { isStoreUnavailable } from '../store/store-errors.js';

export interface HealthSources {
  /** Resolves when the store answers (Store.ping). */
  readonly pingStore: () => Promise<void>;
  /** Papers in the index being served, or null while it is not loaded yet. */
  readonly papers: () => number | null;
  /** True once shutdown began: the balancer should stop sending us work. */
  readonly stopping?: () => boolean;
  /** A store that takes longer than this to answer counts as unreachable. Default 2000 ms. */
  readonly pingTimeoutMs?: number;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface OpsRoute {
  readonly path: string;
  readonly method: string[];
  readonly handler: RouteHandler;
}

export interface Health {
  readonly ok: boolean;
  readonly body: Record<string, unknown>;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function checkHealth(sources: HealthSources): Promise<Health> {
  if (sources.stopping?.()) return { ok: false, body: { status: 'unavailable', reason: 'shutting down' } };
  const papers = sources.papers();
  if (papers === null) return { ok: false, body: { status: 'unavailable', reason: 'search index not loaded yet' } };
  try {
    await withTimeout(sources.pingStore(), sources.pingTimeoutMs ?? 2_000);
  } catch (error) {
    // The reason names the failure class only: driver messages can carry host names.
    const why = isStoreUnavailable(error) ? error.reason : error instanceof Error && /^no answer within/.test(error.message) ? error.message : 'query failed';
    return { ok: false, body: { status: 'unavailable', reason: `store unreachable (${why})`, papers } };
  }
  return { ok: true, body: { status: 'ok', papers, store: 'ok' } };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}

export function opsRoutes(health: HealthSources, registry: Registry): OpsRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        void checkHealth(health).then(
          ({ ok, body }) => send(res, ok ? 200 : 503, 'application/json', JSON.stringify(body)),
          () => send(res, 503, 'application/json', JSON.stringify({ status: 'unavailable', reason: 'health check failed' })),
        );
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        registry.metrics().then(
          (text) => send(res, 200, registry.contentType, text),
          () => send(res, 500, 'text/plain', 'could not collect metrics\n'),
        );
      },
    },
  ];
}
