import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/** The shape of the errors a summary stands for: same code, same message, same path once list positions are set aside. */
function patternOf(error: GraphQLFormattedError): string | null {
  if (!error.path?.some((segment) => typeof segment === 'number')) return null;
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : '';
  return [code, error.message, error.path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.')].join('\u0000');
}

/**
 * Folds errors that repeat across a list into one. A council listing its
 * learners with a field from each learner's account gets one FORBIDDEN for
 * all the accounts it may not see, not one per learner: the first error
 * stands, with `extensions.count` (how many) and `extensions.paths` (each
 * path, so a front end can tell which items came back null and why).
 * Errors that differ in code, message or field are never merged.
 */
export function summariseRepeatedErrors(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const groups = new Map<string, GraphQLFormattedError[]>();
  for (const error of errors) {
    const pattern = patternOf(error);
    if (pattern) groups.set(pattern, [...(groups.get(pattern) ?? []), error]);
  }
  const out: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const pattern = patternOf(error);
    const group = pattern ? groups.get(pattern)! : [error];
    if (group.length === 1) out.push(error);
    else if (group[0] === error) out.push({ ...error, extensions: { ...error.extensions, count: group.length, paths: group.map((each) => each.path) } });
  }
  return out;
}

/** Applies `summariseRepeatedErrors` to every single (non-incremental) answer the gateway sends. */
export function errorSummaryPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (errors && errors.length > 1) response.body.singleResult.errors = summariseRepeatedErrors(errors);
        },
      };
    },
  };
}
