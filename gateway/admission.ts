import { ErrorCode } from '../platform/errors';
import type { Admission, GraphQLHttpRequest } from '../platform/http/server';
import type { Viewer } from '../platform/tokens';
import type { Safelist } from './persisted-queries';
import { type RateLimiter, type RateLimitSubject, rateLimitHeaders } from './rate-limit';

function persistedQueryId(request: GraphQLHttpRequest): string | null {
  let extensions: unknown;
  if (request.method === 'GET') {
    const raw = new URLSearchParams(request.search).get('extensions');
    try {
      extensions = raw ? JSON.parse(raw) : undefined;
    } catch {
      return null;
    }
  } else if (request.body && typeof request.body === 'object' && !Array.isArray(request.body)) {
    extensions = (request.body as { extensions?: unknown }).extensions;
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : null;
}

/**
 * Replaces a partner's id with the operation its manifest holds. Whatever
 * query text came with the id is ignored: only the reviewed text runs.
 */
function withOperation(request: GraphQLHttpRequest, operation: { body: string; name: string }): GraphQLHttpRequest {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    const search = new URLSearchParams({ query: operation.body, operationName: operation.name });
    const variables = params.get('variables');
    if (variables) search.set('variables', variables);
    return { ...request, search: `?${search}` };
  }
  const { variables } = request.body as { variables?: unknown };
  return { ...request, body: { query: operation.body, operationName: operation.name, ...(variables === undefined ? {} : { variables }) } };
}

/**
 * The gateway's front door, run on every verified GraphQL request before
 * Apollo sees it: one unit of the client's rate-limit budget (the rest of a
 * costly operation's units are spent once its cost is known, in
 * `costedRateLimitPlugin`), then the partner safelist. Partners (role
 * `partner`, identified by their token's `sub`) may run only the operations
 * of their own manifest, by id; staff, analysts, citizens and anonymous
 * callers keep free-form queries.
 */
export function createAdmission(options: {
  /** The operations a partner may run, by its client id; read on every request, so a reloaded list applies at once. */
  safelistOf: (clientId: string) => Safelist | undefined;
  rateLimiter: RateLimiter | null;
  /** Whose budget a request spends, and how large it is; null = no limit for this client. */
  subjectOf: (viewer: Viewer, clientAddress: string) => RateLimitSubject | null;
  /** Told of each request the rate limit refuses, for the metrics. */
  onRateLimited?: (viewer: Viewer) => void;
}): Admission {
  return async ({ request, viewer, clientAddress }) => {
    let headers: Record<string, string> = {};
    const subject = options.rateLimiter ? options.subjectOf(viewer, clientAddress) : null;
    if (options.rateLimiter && subject) {
      const rate = await options.rateLimiter.take(subject.client, subject.budget, 1);
      headers = rateLimitHeaders(rate);
      if (!rate.allowed) {
        options.onRateLimited?.(viewer);
        return {
          refusal: {
            status: 429,
            code: ErrorCode.RATE_LIMITED,
            message: `Too many requests: at most ${rate.limit} units a minute for this client (one a request, more for costly ones). Try again in ${rate.resetSeconds} s.`,
            headers: { ...headers, 'retry-after': String(rate.resetSeconds) },
          },
        };
      }
    }
    if (viewer.role !== 'partner') return { request, headers };
    const id = persistedQueryId(request);
    if (!id) {
      return {
        refusal: {
          status: 400,
          code: ErrorCode.PERSISTED_QUERY_ID_REQUIRED,
          message:
            "Partner services may run only their registered operations: send the operation's id as extensions.persistedQuery.sha256Hash, without query text.",
          headers,
        },
      };
    }
    const operation = options.safelistOf(viewer.subject ?? '')?.get(id);
    if (!operation) {
      return {
        refusal: {
          status: 400,
          code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
          message: `Operation ${id.slice(0, 64)} is not in this partner's list of registered operations.`,
          headers,
        },
      };
    }
    return { request: withOperation(request, operation), headers, operationName: operation.name };
  };
}
