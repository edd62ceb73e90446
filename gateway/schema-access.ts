import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { ErrorCode } from '../platform/errors';
import type { Role } from '../platform/tokens';
import type { GatewayContext } from './context';

export interface SchemaAccessOptions {
  /** Roles that may introspect the schema while introspection is off for everyone else (production), e.g. analyst. */
  roles: readonly Role[];
}

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
 * Who may read the schema by introspection (and so the playground's explorer
 * and docs) when it is off for everyone but some roles: only signed-in
 * callers with one of `roles`. Anyone else's introspection is refused as
 * Apollo refuses it with introspection off. (Query plans are ./query-plans.ts's.)
 */
export function schemaAccess(options: SchemaAccessOptions): ApolloServerPlugin<GatewayContext> {
  const allowed = (context: GatewayContext) => context.viewer.role !== null && options.roles.includes(context.viewer.role);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!allowed(contextValue) && introspects(document)) {
            throw new GraphQLError(
              'GraphQL introspection is not allowed here: sign in with a role the gateway allows (INTROSPECTION_ROLES), or read GET /schema.graphql.',
              { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
