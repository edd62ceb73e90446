import { ErrorCode } from '../errors';
import type { Step } from './exchange';
import { sendError } from './respond';

export interface CorsOptions {
  /** Browser origins allowed to call; empty = same-origin only. @default [] */
  origins?: readonly string[];
  /**
   * Also allow any `http://localhost:<port>`, `http://127.0.0.1:<port>` and
   * `http://[::1]:<port>`: a front end served by a dev server on whatever port
   * it picked. For development only; the runtime refuses it in production.
   * @default false
   */
  allowLoopback?: boolean;
}

/** Plain http on a loopback host, any port: only a browser on the developer's own machine sends these. */
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

const ALLOW_HEADERS = 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, traceparent, tracestate';
const EXPOSE_HEADERS = 'x-request-id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after';

/**
 * CORS for an allow-list of origins: an allowed origin gets its own name back
 * (never `*`); any other gets no CORS headers, so its browser blocks the
 * response. Tokens travel in the Authorization header, never in cookies, so
 * credentials are not allowed. Answers preflights itself.
 */
export function cors(options: CorsOptions): Step {
  const origins = new Set(options.origins ?? []);
  const allowLoopback = options.allowLoopback ?? false;
  return (exchange) => {
    const { req, res } = exchange;
    const origin = req.headers.origin;
    const allowed = typeof origin === 'string' && (origins.has(origin) || (allowLoopback && LOOPBACK_ORIGIN.test(origin)));
    if (origins.size > 0 || allowLoopback) res.setHeader('vary', 'origin');
    if (allowed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
    }
    if (req.method !== 'OPTIONS') return false;
    if (allowed) {
      res.writeHead(204, { 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': ALLOW_HEADERS, 'access-control-max-age': '600' });
      res.end();
    } else {
      exchange.refused = ErrorCode.CORS_ORIGIN_NOT_ALLOWED;
      sendError(res, 403, ErrorCode.CORS_ORIGIN_NOT_ALLOWED, 'This origin may not call the graph from a browser.');
    }
    return true;
  };
}
