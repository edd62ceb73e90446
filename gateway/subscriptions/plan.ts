import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import type { FetchNode, PlanNode, QueryPlanner } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/** The parts of ApolloGateway a subscription needs; not in its public types, so named here in one place. */
export interface GatewayInternals {
  apiSchema?: Schema;
  queryPlanner?: QueryPlanner;
  supergraphSchema?: GraphQLSchema;
  schema?: GraphQLSchema;
  serviceMap: Record<string, { url?: string; dataSource: unknown }>;
}

/**
 * A subscription's plan, as the federation query planner makes it: the
 * `primary` fetch is the subscription itself, sent to the one subgraph that
 * owns the field (with the keys the rest needs), and `rest` fetches the
 * other subgraphs' fields of each event, like a query's plan would.
 */
export interface SubscriptionPlan {
  primary: FetchNode;
  rest: PlanNode | undefined;
  operationContext: ReturnType<typeof buildOperationContext>;
  /** The API schema, for shaping each event's answer. */
  apiSchema: Schema;
  supergraphSchema: GraphQLSchema;
}

/**
 * Plans a subscription with the gateway's own planner and schemas (the
 * supergraph it serves now, reloads included). @apollo/gateway plans
 * subscriptions but refuses to execute them; this takes its plan and leaves
 * execution to ./event-resolution.ts and ./upstream.ts.
 */
export function planSubscription(gateway: GatewayInternals, document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
  const { apiSchema, queryPlanner, supergraphSchema, schema } = gateway;
  if (!apiSchema || !queryPlanner || !supergraphSchema || !schema) throw new Error('The gateway has not loaded its supergraph yet.');
  const operation = operationFromDocument(apiSchema, document, { operationName });
  const plan = queryPlanner.buildQueryPlan(operation);
  if (plan.node?.kind !== 'Subscription') throw new Error('The planner returned no subscription plan for a subscription.');
  return {
    primary: plan.node.primary,
    rest: plan.node.rest,
    operationContext: buildOperationContext({ schema, operationDocument: document, operationName }),
    apiSchema,
    supergraphSchema,
  };
}
