import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../platform/errors';

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
