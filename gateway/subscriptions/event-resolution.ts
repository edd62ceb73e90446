import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context';
import type { SubscriptionPlan } from './plan';

/** The name the event's own "fetch" is given in the plan: no subgraph is called by it. */
const EVENT_SERVICE = '__subscription_event__';

/** Answers the primary fetch with the event the owning subgraph sent, as if it had been fetched. */
function eventSource(event: ExecutionResult): GraphQLDataSource {
  return {
    process: async () => ({ data: event.data as Record<string, unknown> | null | undefined, errors: event.errors as GraphQLFormattedError[] | undefined }),
  } as GraphQLDataSource;
}

/**
 * Resolves one event across the graph: the event (the subscription field's
 * value, from the subgraph that owns it) takes the place of the plan's
 * primary fetch, and the rest of the plan runs through @apollo/gateway's own
 * executor with the subscriber's context, so every other subgraph's field
 * is fetched, authorised and shaped exactly as in a query.
 */
export async function resolveEvent(
  plan: SubscriptionPlan,
  event: ExecutionResult,
  services: ServiceMap,
  request: { variables: Record<string, unknown>; context: GatewayContext },
): Promise<ExecutionResult> {
  const primary = { ...plan.primary, serviceName: EVENT_SERVICE };
  const queryPlan: QueryPlan = { kind: 'QueryPlan', node: plan.rest ? { kind: 'Sequence', nodes: [primary, plan.rest] } : primary };
  const requestContext = {
    request: { variables: request.variables },
    context: request.context,
    logger: request.context.log,
    // The executor records error paths here; no traces are kept.
    metrics: {},
  };
  return executeQueryPlan(
    queryPlan,
    { ...services, [EVENT_SERVICE]: eventSource(event) },
    requestContext as unknown as Parameters<typeof executeQueryPlan>[2],
    plan.operationContext,
    plan.supergraphSchema,
    plan.apiSchema,
  );
}
