import { createHash } from 'node:crypto';
import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import type { ApolloGateway, GatewayConfig } from '@apollo/gateway';
import { prettyFormatQueryPlan, type QueryPlan, type QueryPlanner } from '@apollo/query-planner';
import type { ApolloServerPlugin } from '@apollo/server';
import { parse } from 'graphql';
import type { Role, Viewer } from '../platform/tokens';
import type { GatewayContext } from './context';
import { type ManifestOperation, sha256 } from './persisted-queries';

/** The parts of ApolloGateway that planning needs; not in its public types, so named here in one place. */
interface PlanningInternals {
  apiSchema?: Schema;
  queryPlanner?: QueryPlanner;
  queryPlanStore: { get(key: string): Promise<QueryPlan | undefined>; set(key: string, plan: QueryPlan): Promise<void> };
}

/** The key ApolloGateway stores a plan under: the SHA-256 of the query text, then of that with the operation name. */
export function queryPlanKey(query: string, operationName: string): string {
  return createHash('sha256').update(sha256(query)).update(operationName).digest('hex');
}

/**
 * Plans the given operations ahead of their first request, so a partner's
 * first call after a deployment does not pay for query planning (tens of
 * milliseconds for a five-subgraph operation). Returns how many were planned.
 */
export async function warmQueryPlans(gateway: ApolloGateway, operations: Iterable<ManifestOperation>): Promise<number> {
  const internals = gateway as unknown as PlanningInternals;
  if (!internals.apiSchema || !internals.queryPlanner) throw new Error('The gateway has not loaded its supergraph yet.');
  let planned = 0;
  for (const operation of operations) {
    const key = queryPlanKey(operation.body, operation.name);
    if (await internals.queryPlanStore.get(key)) continue;
    const plan = internals.queryPlanner.buildQueryPlan(operationFromDocument(internals.apiSchema, parse(operation.body), { operationName: operation.name }));
    await internals.queryPlanStore.set(key, plan);
    planned += 1;
  }
  return planned;
}

/** The request header that asks for the query plan, as @apollo/gateway and Apollo's Explorer spell it. */
export const QUERY_PLAN_HEADER = 'apollo-query-plan-experimental';
/** `prettified` (the default): the plan as text; `internal`: the plan object as JSON. */
export const QUERY_PLAN_FORMAT_HEADER = 'apollo-query-plan-experimental-format';

/**
 * An operation's query plan, for the people allowed to see it: a request
 * with the `Apollo-Query-Plan-Experimental` header gets the plan in its
 * response's `extensions.__queryPlanExperimental` (what @apollo/gateway does
 * itself, and Apollo's Explorer reads). @apollo/gateway decides by reading
 * NODE_ENV; here the decision is the gateway's option, by role, so
 * production can let admins look. Anyone else's header is ignored.
 */
export function queryPlanInspection(allowed: 'everyone' | readonly Role[]): {
  gatewayConfig: Pick<GatewayConfig, '__exposeQueryPlanExperimental' | 'experimental_didResolveQueryPlan'>;
  plugin: ApolloServerPlugin<GatewayContext>;
} {
  const plans = new WeakMap<GatewayContext, QueryPlan>();
  const mayInspect = (viewer: Viewer) => allowed === 'everyone' || (viewer.role !== null && allowed.includes(viewer.role));
  return {
    gatewayConfig: {
      // Its own exposure, decided by NODE_ENV, stays off: this one replaces it.
      __exposeQueryPlanExperimental: false,
      experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
        const context = requestContext.context as GatewayContext;
        if (requestContext.request.http?.headers.get(QUERY_PLAN_HEADER) && mayInspect(context.viewer)) plans.set(context, queryPlan);
      },
    },
    plugin: {
      requestDidStart: async () => ({
        willSendResponse: async ({ contextValue, request, response }) => {
          const plan = plans.get(contextValue);
          if (!plan || response.body.kind !== 'single') return;
          const format = request.http?.headers.get(QUERY_PLAN_FORMAT_HEADER) ?? 'prettified';
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, __queryPlanExperimental: format === 'internal' ? plan : prettyFormatQueryPlan(plan) };
        },
      }),
    },
  };
}
