import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../runtime/errors';

export { ErrorCode };

export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} was not found.`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects a malformed id before it reaches Postgres (which would raise a driver error). */
export function requireUuid(value: string, argument: string): string {
  if (!UUID.test(value)) throw badUserInput(`\`${argument}\` must be a UUID.`, argument);
  return value.toLowerCase();
}

/** Trimmed text of 1 to `max` characters, or BAD_USER_INPUT naming the argument. */
export function requireText(value: string, argument: string, max = 255): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) throw badUserInput(`\`${argument}\` must be 1 to ${max} characters.`, argument);
  return text;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
