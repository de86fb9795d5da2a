/**
 * The one error a Store throws when the database cannot be reached (connection refused, reset or
 * terminated, a pool that cannot connect in time, a SQLite file that is locked or gone). Callers
 * tell it apart from bugs: users get "temporarily unavailable" instead of "something went
 * wrong", and /healthz reports it. The adapters reconnect by themselves (pg's Pool opens a new
 * connection per query; SQLite retries under busy_timeout), so nothing needs resetting.
 *
 * It carries a `code` so Bolt hands it to the global error handler as it is, not wrapped.
 */
export const STORE_UNAVAILABLE = 'paperboy_store_unavailable';

export class StoreUnavailableError extends Error {
  readonly code = STORE_UNAVAILABLE;
  constructor(
    /** A short, secret-free reason ("ECONNREFUSED", "57P01", "SQLITE_BUSY"). */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the database is unavailable (${reason})`, options);
    this.name = 'StoreUnavailableError';
  }
}

export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return (error as { code?: unknown } | null)?.code === STORE_UNAVAILABLE;
}

/** Node socket errors that mean "no connection", as opposed to a bad query. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL connection trouble: socket errors, SQLSTATE classes 08 (connection exception) and
 * 57P (operator intervention: admin shutdown, pg_terminate_backend, crash shutdown, cannot
 * connect now), 53300 (too many connections), and pg's own unexpected-termination/timeouts,
 * which have no code and are recognised by message.
 */
export function postgresUnavailableReason(error: unknown): string | null {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code)) return code;
  if (/^08/.test(code) || /^57P0[1-4]$/.test(code) || code === '53300') return code;
  const message = typeof e?.message === 'string' ? e.message : '';
  if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i.test(message)) {
    return 'connection lost';
  }
  return null;
}

/** SQLite: a file another process holds locked past busy_timeout, or one that cannot be opened or read. */
export function sqliteUnavailableReason(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) return code;
  return null;
}

/**
 * Wraps every method of a store so database-unreachable errors surface as StoreUnavailableError
 * (with the original as `cause`) and every other error passes through unchanged.
 */
export function classifyStoreErrors<T extends object>(store: T, reasonOf: (error: unknown) => string | null): T {
  const rethrow = (error: unknown): never => {
    if (isStoreUnavailable(error)) throw error;
    const reason = reasonOf(error);
    throw reason === null ? error : new StoreUnavailableError(reason, { cause: error });
  };
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise ? result.catch(rethrow) : result;
        } catch (error) {
          return rethrow(error);
        }
      };
    },
  });
}
