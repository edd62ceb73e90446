import { unwrapResolverError } from '@apollo/server/errors';
import { type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { requestLog } from './request-log';

/**
 * The one error vocabulary: every `extensions.code` a client may see and
 * branch on, and nothing else. The README's error table documents each one
 * (a test holds the two together); any other code is masked as
 * INTERNAL_SERVER_ERROR before it leaves a process.
 */
export const ErrorCode = {
  // The request itself, before GraphQL runs or while graphql-js and Apollo read it.
  BAD_REQUEST: 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  SUBSCRIPTION_NOT_SUPPORTED: 'SUBSCRIPTION_NOT_SUPPORTED',
  // The gateway's front door.
  QUERY_LIMIT_EXCEEDED: 'QUERY_LIMIT_EXCEEDED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_ID_REQUIRED: 'PERSISTED_QUERY_ID_REQUIRED',
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  RATE_LIMITED: 'RATE_LIMITED',
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  CORS_ORIGIN_NOT_ALLOWED: 'CORS_ORIGIN_NOT_ALLOWED',
  // Who is asking.
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  // What the resolvers decide.
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  // A subscription the graph ended: its lifetime is over, the token expired, or the process is shutting down.
  SUBSCRIPTION_CLOSED: 'SUBSCRIPTION_CLOSED',
  // Faults of ours.
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose message was written for the client and is safe to pass on: all but the internal error, whose message never is. */
export const CLIENT_SAFE_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/** The body of an error answered before GraphQL runs (a refusal at the door), in the shape GraphQL clients read. */
export function errorBody(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): { errors: [{ message: string; extensions: Record<string, unknown> }] } {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** Postgres error classes and driver errors that mean "the database is away", not "the request is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|57P|53)/;
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|connect ETIMEDOUT|not currently accepting connections/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code)) || UNAVAILABLE_MESSAGE.test(error.message);
}

/** Request errors Apollo Server raises without a code; their messages are written for clients. */
const UNCODED_REQUEST_ERRORS: readonly [RegExp, ErrorCode][] = [
  [/^provided sha does not match query$/, ErrorCode.BAD_REQUEST],
  // @apollo/gateway finds an operationName that is not in the document only when it plans, after Apollo's own checks,
  // and files it under its internal INVALID_GRAPHQL.
  [/^Unknown operation named "[^"]*"\.$/, ErrorCode.OPERATION_RESOLUTION_FAILURE],
];

/**
 * Apollo `formatError` shared by the gateway and every subgraph: errors with a
 * client-safe code pass through (without stack traces); anything else, such
 * as a driver error that could name tables or values, is logged in full with
 * the request id and replaced by a generic INTERNAL_SERVER_ERROR.
 */
export function maskErrors(log: Logger, options: { databaseName?: string } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo files an error without a code as INTERNAL_SERVER_ERROR before it reaches here.
    // Apollo may wrap the message of an error it did not expect ("Unexpected error processing request: …"), so the original's is read.
    const originalMessage = (unwrapResolverError(error) as { message?: unknown } | undefined)?.message;
    const message = typeof originalMessage === 'string' ? originalMessage : formatted.message;
    const uncoded = UNCODED_REQUEST_ERRORS.find(([pattern]) => pattern.test(message))?.[1];
    if (uncoded && [undefined, ErrorCode.INTERNAL_SERVER_ERROR, 'INVALID_GRAPHQL'].includes(formatted.extensions?.code as string | undefined)) {
      formatted = { message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: uncoded } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_SAFE_CODES.has(code)) {
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    // The request's own logger when there is one, so the line carries its request id.
    const logger = requestLog(log);
    if (options.databaseName && isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: `The ${options.databaseName} database is unavailable; try again shortly.`,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    logger.error({ err: original, path: formatted.path }, 'internal error masked');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
