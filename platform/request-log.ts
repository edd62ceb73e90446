import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/**
 * The logger of the request being served, for code that runs inside a request
 * but is not handed its context: Apollo's `formatError`, which masks internal
 * errors and logs them. With it, those lines carry the request's id (and trace
 * id) like every other line of the request.
 */
const current = new AsyncLocalStorage<Logger>();

/** Runs `work` as part of the request whose logger is `log`. */
export function withRequestLog<T>(log: Logger, work: () => T): T {
  return current.run(log, work);
}

/** The logger of the request this code runs for, or `fallback` outside any request. */
export function requestLog(fallback: Logger): Logger {
  return current.getStore() ?? fallback;
}
