import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { ErrorCode } from '../platform/errors';
import type { GatewayContext } from './context';

export interface SchemaAccessOptions {
  /** Introspection and query plans for everyone (development). @default false in production */
  everyone: boolean;
  /** Roles that may introspect the schema and see query plans when `everyone` is off (production), e.g. analyst. @default [] */
  roles: readonly string[];
}

const QUERY_PLAN = '__queryPlanExperimental';

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD]: (field) => {
      if (field.name.value === '__schema' || field.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Who may read the schema (introspection, and so the playground's explorer
 * and docs) and the gateway's query plans: everyone in development; in
 * production only signed-in callers with one of `roles`. Anyone else's
 * introspection is refused as Apollo refuses it with introspection off, and
 * the plan @apollo/gateway attaches on request (`Apollo-Query-Plan-Experimental`)
 * is taken out of the answer.
 */
export function schemaAccess(options: SchemaAccessOptions): ApolloServerPlugin<GatewayContext> {
  const allowed = (context: GatewayContext) => options.everyone || (context.viewer.role !== null && options.roles.includes(context.viewer.role));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!allowed(contextValue) && introspects(document)) {
            throw new GraphQLError(
              'GraphQL introspection is not allowed here: sign in with a role the gateway allows (INTROSPECTION_ROLES), or read GET /schema.graphql.',
              {
                extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
              },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && response.body.singleResult.extensions?.[QUERY_PLAN] !== undefined && !allowed(contextValue)) {
            delete response.body.singleResult.extensions[QUERY_PLAN];
          }
        },
      };
    },
  };
}
