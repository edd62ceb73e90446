import type { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { maskErrors } from '../runtime/errors';
import { Metrics } from '../runtime/metrics';
import { close, createGraphQLHttpServer, listen } from '../runtime/http';
import type { TokenVerifier, Viewer } from '../runtime/tokens';
import { CircuitBreaker, type ResilienceConfig, resilientFetcher, unavailableError } from './subgraph-fetch';
import type { SubgraphName } from '../subgraphs/shared/subgraph';

export interface GatewayConfig {
  /** The composed supergraph SDL. */
  supergraphSdl: string;
  /** Where each subgraph is; overrides the URL composed into the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  bodyLimitBytes: number;
  /** Offer introspection (on outside production). */
  introspection: boolean;
  log: Logger;
  verifier: TokenVerifier;
  resilience: ResilienceConfig;
  /** Longest wait for in-flight requests on shutdown. */
  shutdownTimeoutMs: number;
}

export interface GatewayContext extends BaseContext {
  requestId: string;
  log: Logger;
  viewer: Viewer;
  /** Passed on to the subgraphs, which verify it again themselves. */
  authorization: string | undefined;
}

export interface RunningGateway {
  url: string;
  /** Requests being answered right now. */
  inFlight(): number;
  stop(): Promise<void>;
}

export interface Gateway {
  server: Server;
  listen(port: number, host?: string): Promise<RunningGateway>;
}

/**
 * Passes the request id on, so one id follows a request through every
 * subgraph's logs, and the caller's token, which each subgraph verifies again.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly serviceName: string, url: string, fetcher: RemoteGraphQLDataSource['fetcher']) {
    super({ url, fetcher });
  }

  /** A subgraph that cannot answer becomes one clear error naming it; the other subgraphs' data still comes back. */
  override didEncounterError(error: Error): void {
    throw unavailableError(this.serviceName, error);
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
    if (context?.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

/**
 * Creates the gateway without starting it: an @apollo/gateway over the
 * checked-in supergraph, served by our own node:http integration.
 */
export async function createGateway(config: GatewayConfig): Promise<Gateway> {
  const log = config.log.child({ component: 'gateway' });
  const metrics = new Metrics('gateway');
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) => {
      const breaker = new CircuitBreaker(config.resilience.breakerFailures, config.resilience.breakerOpenMs);
      return new SubgraphDataSource(name, config.subgraphUrls[name as SubgraphName] ?? url!, resilientFetcher(name, config.resilience, breaker, log, metrics));
    },
    logger: log,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (runtime/cli.ts): it drains requests, then closes pools and the database, in order.
    stopOnTerminationSignals: false,
    formatError: maskErrors(log),
    plugins: [ApolloServerPluginLandingPageDisabled(), metrics.plugin()],
  });
  await apollo.start();
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    verifier: config.verifier,
    metrics,
    component: 'gateway',
    context: async ({ requestId, log: requestLog, viewer, headers }) => ({ requestId, log: requestLog, viewer, authorization: headers.authorization }),
    // Ready when every subgraph says it is ready (each checks its own database).
    ready: async () => {
      const checks = await Promise.all(
        Object.values(config.subgraphUrls).map(async (url) => {
          const response = await fetch(url.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(1_000) }).catch(() => null);
          return response?.ok ?? false;
        }),
      );
      return checks.every(Boolean);
    },
  });
  return {
    server,
    async listen(port, host = '127.0.0.1') {
      const url = await listen(server, port, host);
      log.info({ url }, 'gateway listening');
      return {
        url,
        inFlight: () => server.inFlight(),
        async stop() {
          await close(server, config.shutdownTimeoutMs);
          await apollo.stop();
        },
      };
    },
  };
}
