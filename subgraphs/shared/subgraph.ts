import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource, MixedList } from 'typeorm';
import { maskErrors } from '../../platform/errors';
import { createGraphQLHttpServer, type DrainReport, listen } from '../../platform/http/server';
import { Metrics } from '../../platform/metrics';
import type { SubgraphName } from '../../platform/subgraph-names';
import type { TokenVerifier, Viewer } from '../../platform/tokens';
import { entityChangeStreams } from './entity-changes';
import { type ChangeFeed, listenForChanges } from './notifications';
import { type SubscriberInfo, subscriptionStreams } from './subscriptions';

/** What every resolver receives: built fresh for each request. */
export interface SubgraphContext<TLoaders> {
  requestId: string;
  log: Logger;
  db: DataSource;
  /** Who is asking, from the token this subgraph verified itself. */
  viewer: Viewer;
  /** DataLoaders of this request only, so batching never leaks data between requests or viewers. */
  loaders: TLoaders;
  /** This process's LISTEN/NOTIFY connection, opened on first use: what subscriptions wait on. */
  changes(): ChangeFeed;
}

/** Everything the runtime needs to know about one subgraph. */
export interface SubgraphDefinition<TLoaders = unknown> {
  name: SubgraphName;
  /** Builds the federated schema; needs no database, so composition can run anywhere. */
  buildSchema(): Promise<GraphQLSchema>;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  createLoaders(db: DataSource, viewer: Viewer): TLoaders;
}

export interface SubgraphDeps {
  dataSource: DataSource;
  log: Logger;
  verifier: TokenVerifier;
  bodyLimitBytes?: number;
  /**
   * Answer GraphQL only from a caller signed with one of these secrets (the
   * gateway's current one, then the previous one during a rotation); empty =
   * anyone, as in development with no setup. @default []
   */
  gatewaySecrets?: readonly string[];
  /** Longest wait for in-flight requests on shutdown. @default 10,000 ms */
  shutdownTimeoutMs?: number;
  /** Where the change feed listens (one connection of its own); @default the DataSource's URL. */
  changesUrl?: string;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  /** Drains within `shutdownTimeoutMs` (see GraphQLHttpServer.drain), then stops Apollo; the caller closes the database. */
  stop(): Promise<DrainReport>;
}

export interface Subgraph {
  name: SubgraphName;
  server: Server;
  listen(port: number, host?: string): Promise<RunningSubgraph>;
}

/**
 * Creates (without starting) the HTTP server of one subgraph. The caller owns
 * the DataSource: it is initialised before and destroyed after.
 */
export async function createSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>, deps: SubgraphDeps): Promise<Subgraph> {
  const log = deps.log.child({ subgraph: definition.name });
  const metrics = new Metrics(definition.name);
  metrics.watchPool(deps.dataSource);
  const schema = await definition.buildSchema();
  const formatError = maskErrors(log, { databaseName: definition.name });
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    // The gateway needs `_service`; in production nobody else gets past the signature check (gatewaySecrets).
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (runtime/cli.ts): it drains requests, then closes pools and the database, in order.
    stopOnTerminationSignals: false,
    formatError,
    // No cache hints are set, and the cache-control plugin would wrap every field resolver to look for them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), metrics.plugin()],
  });
  await apollo.start();
  const db = deps.dataSource;
  // Opened by the first gateway that follows this subgraph's changes, so a process nobody follows holds no extra connection.
  let feed: ChangeFeed | null = null;
  const changesUrl = deps.changesUrl ?? (db.options as { url?: string }).url;
  const changeFeed = () => {
    if (!changesUrl) throw new Error(`the ${definition.name} subgraph has no database URL to listen for changes on`);
    return (feed ??= listenForChanges({ url: changesUrl, log }));
  };
  const changes = entityChangeStreams({ subgraph: definition.name, gatewaySecrets: deps.gatewaySecrets ?? [], log, feed: changeFeed });
  const contextOf = ({ requestId, log: requestLog, viewer }: SubscriberInfo): SubgraphContext<TLoaders> => ({
    requestId,
    log: requestLog,
    db,
    viewer,
    loaders: definition.createLoaders(db, viewer),
    changes: changeFeed,
  });
  const subscriptions = subscriptionStreams({ schema, context: contextOf, formatError, log });
  const server = createGraphQLHttpServer({
    apollo,
    log,
    bodyLimitBytes: deps.bodyLimitBytes ?? 2 * 1024 * 1024,
    verifier: deps.verifier,
    gatewaySecrets: deps.gatewaySecrets,
    metrics,
    component: definition.name,
    context: async (request) => contextOf(request),
    stream: subscriptions.step,
    ready: async () => {
      await db.query('SELECT 1');
      return true;
    },
    extraRoutes: changes.route,
  });
  return {
    name: definition.name,
    server,
    async listen(port, host = '127.0.0.1') {
      const url = await listen(server, port, host);
      log.info({ url, gatewayOnly: (deps.gatewaySecrets ?? []).length > 0 }, 'subgraph listening');
      return {
        name: definition.name,
        url,
        async stop() {
          // Change streams and subscriptions never finish by themselves: ended first, so the drain waits only for requests.
          await Promise.all([changes.close(), subscriptions.close()]);
          const drained = await server.drain(deps.shutdownTimeoutMs ?? 10_000);
          await apollo.stop();
          await feed?.close();
          return drained;
        },
      };
    },
  };
}
