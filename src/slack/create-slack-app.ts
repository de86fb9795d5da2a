/**
 * Builds the Bolt app: Socket Mode when an app-level token is configured (no public URL needed),
 * otherwise the HTTP receiver verifying signatures at /slack/events. Listeners are registered
 * with their dependencies; starting and stopping is the caller's business (createPaperboy, tests), and
 * so is `await app.init()` before start (see verifySlackConnection).
 */
import { App } from '@slack/bolt';
import type { Config } from '../config/load-config.js';
import type { OpsRoute } from '../http/health-routes.js';
import { createHttpReceiver } from '../http/http-receiver.js';
import { instrumentedFetch } from '../metrics/instrumented-fetch.js';
import type { Metrics } from '../metrics/metrics.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { createErrorHandler } from './error-handler.js';
import { registerListeners } from './listeners/index.js';
import { replayGuard } from './replay-guard.js';
import { trackRequests, type RequestTracker } from './request-tracker.js';

export const EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  /**
   * How the Web API client retries 429s (it always honours Retry-After) and 5xx. Bolt's default
   * keeps a user waiting up to half an hour; an interactive reply is useless by then.
   */
  readonly retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  /** Request latency, Slack API errors and replays are counted here when given. */
  readonly metrics?: Metrics;
  /** HTTP mode: extra GET routes (/healthz, /metrics) and the request body limit. */
  readonly http?: { readonly routes?: readonly OpsRoute[]; readonly bodyLimitBytes?: number };
}

export interface SlackApp {
  readonly app: App;
  /** The requests being handled, for shutdown to wait on. */
  readonly requests: RequestTracker;
}

export function createSlackApp(config: Pick<Config, 'slack'>, deps: SlackDeps, options: SlackAppOptions = {}): App {
  return createTrackedSlackApp(config, deps, options).app;
}

export function createTrackedSlackApp(config: Pick<Config, 'slack'>, deps: SlackDeps, options: SlackAppOptions = {}): SlackApp {
  const { slack } = config;
  const logger = boltLogger(deps.logger);
  const slackApiUrl = slack.apiUrl ?? undefined;
  const fetch = options.metrics ? { fetch: instrumentedFetch(options.metrics.slackApiErrors) } : {};
  const app = new App({
    token: slack.botToken,
    logger,
    clientOptions: {
      ...fetch,
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: options.retryConfig ?? { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
      // A hung connection must not hold a listener (and the user) forever; retries still apply.
      timeout: 15_000,
    },
    // The Socket Mode client gets its own options object: it sets aggressive reconnect retries on
    // it, which must not leak into the clients that answer users.
    installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} },
    extendedErrorHandler: true,
    // Bolt's conversation store is unused here, and its default middleware looked every request
    // up and built an Error ("Conversation not found") for each: 1-2% of the CPU under load.
    convoStore: false,
    // Otherwise Bolt checks the token (auth.test) from the constructor, and a revoked token or an
    // unreachable Slack crashes the process with an unhandled rejection. Callers await
    // app.init() instead (verifySlackConnection), which fails in a way start-up can explain.
    deferInitialization: true,
    ...(slack.appToken
      ? { socketMode: true, appToken: slack.appToken }
      : {
          receiver: createHttpReceiver({
            signingSecret: slack.signingSecret ?? '',
            path: EVENTS_PATH,
            logger,
            pinoLogger: deps.logger,
            routes: options.http?.routes ?? [],
            ...(options.http?.bodyLimitBytes !== undefined ? { bodyLimitBytes: options.http.bodyLimitBytes } : {}),
          }),
        }),
  });
  app.error(createErrorHandler(deps.logger));
  app.use(replayGuard({ store: deps.store ?? null, now: deps.now, logger: deps.logger, ...(options.metrics ? { metrics: options.metrics } : {}) }));
  registerListeners(app, deps);
  return { app, requests: trackRequests(app, options.metrics) };
}

/**
 * Checks the bot token with Slack (auth.test, through Bolt's init) before the app starts, and
 * turns a failure into a message an admin can act on. Secrets are never part of it.
 */
export async function verifySlackConnection(app: App, config: Pick<Config, 'slack'>): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string }; message?: string };
    const slackSaid = e.data?.error;
    if (slackSaid === 'invalid_auth' || slackSaid === 'not_authed' || slackSaid === 'account_inactive' || slackSaid === 'token_revoked') {
      throw new Error(
        `Slack rejected SLACK_BOT_TOKEN (${slackSaid}). Copy the Bot User OAuth Token (xoxb-...) again from OAuth & Permissions, and reinstall the app if it was removed.`,
      );
    }
    const where = config.slack.apiUrl ?? 'https://slack.com/api/';
    throw new Error(
      `could not check SLACK_BOT_TOKEN with Slack at ${where} (${slackSaid ?? e.code ?? e.message ?? 'unknown error'}). Check the network${config.slack.apiUrl ? ' and SLACK_API_URL' : ''}, then start again.`,
    );
  }
}
