import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { GraphQLError } from 'graphql';
import { maskErrors } from '../platform/errors';
import { createGraphQLHttpServer, type DrainReport, type ExtraRoutes, listen } from '../platform/http/server';
import { Metrics } from '../platform/metrics';
import type { SubgraphName } from '../platform/subgraph-names';
import type { Viewer } from '../platform/tokens';
import { createAdmission } from './admission';
import { CachePolicy } from './cache-policy';
import type { GatewayContext } from './context';
import { cachedEntityCalls, EntityCache } from './entity-cache';
import { EntityChangeFollower } from './entity-changes';
import { errorSummaryPlugin } from './error-summary';
import { GraphSources } from './graph-sources';
import { GatewayMetrics } from './metrics';
import { operationResolutionPlugin } from './operation-resolution';
import type { GatewayOptions } from './options';
import { loadExamples, playgroundRoutes, playgroundSwitchedOff } from './playground';
import { limitErrorCode, queryProtection } from './protection';
import { publicAnswersPlugin } from './public-answers';
import { queryPlanInspection, warmQueryPlans } from './query-plans';
import { costedRateLimitPlugin, memoryRateLimiter, rateLimitSubject, redisRateLimiter } from './rate-limit';
import { RedisKeyValueCache, connectRedis } from './redis';
import { installResultShaping } from './result-shaping';
import { schemaAccess } from './schema-access';
import { schemaRoute } from './schema-route';
import { SubgraphDataSource } from './subgraph-data-source';
import { type CircuitBreaker, subgraphCalls } from './subgraph-fetch';
import type { GatewayInternals } from './subscriptions/plan';
import { Subscriptions } from './subscriptions/subscriptions';
import { eventStreamSubscriptions, webSocketSubscriptions } from './subscriptions/transports';
import { printApiSchema } from './supergraph';

export interface RunningGateway {
  url: string;
  /** Where the playground is; null when it is switched off. */
  playgroundUrl: string | null;
  /** Requests being answered right now. */
  inFlight(): number;
  /** Drains within `shutdownTimeoutMs` (see GraphQLHttpServer.drain), then closes subgraph pools and Redis. */
  stop(): Promise<DrainReport>;
}

export interface Gateway {
  server: Server;
  listen(port: number, host?: string): Promise<RunningGateway>;
}

/**
 * Creates the gateway without starting it: an @apollo/gateway over the
 * checked-in supergraph, served by our own node:http integration.
 */
export async function createGateway(config: GatewayOptions): Promise<Gateway> {
  const log = config.log.child({ component: 'gateway' });
  // Once per process: our result shaping in place of @apollo/gateway's (./result-shaping.ts says why and what).
  installResultShaping(log);
  const metrics = new Metrics('gateway');
  const gatewayMetrics = new GatewayMetrics(metrics);
  // Read before anything starts, so a broken supergraph or manifest (an operation that no longer validates, named with its
  // file) or a missing playground build fails the start, not a request.
  const sources = new GraphSources({
    supergraphSdl: config.supergraphSdl,
    supergraphPath: config.supergraphPath,
    safelistDir: config.safelistDir,
    intervalMs: config.reloadIntervalMs,
    log,
    registry: metrics.registry,
  });
  // Partners' operations keep their own label in the metrics, however many other names clients invent.
  metrics.operations.reserve([...sources.partners.values()].flatMap((partner) => [...partner.operations.values()].map((operation) => operation.name)));
  const playground = config.playground ? playgroundRoutes(loadExamples(config.playgroundExamples), config.playgroundSignIn) : playgroundSwitchedOff;
  // Printed from the supergraph this gateway serves now (a reload replaces it), so it is the schema requests are checked against.
  let published = { hash: sources.supergraphHash, route: schemaRoute(printApiSchema(sources.supergraphSdl)) };
  const schema: ExtraRoutes = (req, res, url) => {
    if (published.hash !== sources.supergraphHash) published = { hash: sources.supergraphHash, route: schemaRoute(printApiSchema(sources.supergraphSdl)) };
    return published.route(req, res, url);
  };
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : null;
  // Which fields are public, read from the supergraph served now (a reload replaces it).
  let cachePolicy = { hash: sources.supergraphHash, policy: new CachePolicy(sources.supergraphSdl) };
  const policy = () => {
    if (cachePolicy.hash !== sources.supergraphHash) cachePolicy = { hash: sources.supergraphHash, policy: new CachePolicy(sources.supergraphSdl) };
    return cachePolicy.policy;
  };
  const entityCache = new EntityCache({
    maxBytes: config.entityCacheMaxBytes,
    redis,
    log,
    onLookup: (result) => gatewayMetrics.cacheLookups.inc({ cache: 'entity', result }),
  });
  // One per subgraph, kept across supergraph reloads (which build every data source again).
  const followers = new Map<string, EntityChangeFollower>();
  gatewayMetrics.watchEntityChanges(() => [...followers].map(([subgraph, follower]) => [subgraph, follower.following]));
  const limits = { perMinute: config.rateLimitPerMinute, clients: config.rateLimitClients };
  const limited = limits.perMinute > 0 || Object.values(limits.clients).some((budget) => budget > 0);
  const rateLimiter = !limited
    ? null
    : redis
      ? redisRateLimiter(redis, { fallbackPercent: config.rateLimitFallbackPercent, outageLogIntervalMs: config.rateLimitOutageLogIntervalMs, log })
      : memoryRateLimiter();
  const subjectOf = (viewer: Viewer, clientAddress: string) =>
    rateLimitSubject(limits, viewer, clientAddress, (clientId) => sources.partner(clientId)?.rateLimitPerMinute);
  const protection = queryProtection(config.limits, { hideSchemaDetails: !config.introspection });
  const mask = maskErrors(log);
  const chains: ReturnType<typeof subgraphCalls>[] = [];
  const breakers = new Map<string, () => CircuitBreaker['state']>();
  const queryPlans = queryPlanInspection(config.queryPlanRoles);
  gatewayMetrics.watchBreakers(() => [...breakers].map(([subgraph, state]) => [subgraph, state()]));
  const gateway = new ApolloGateway({
    // A function, not the text: @apollo/gateway hands it an `update` callback, through which new versions are swapped in.
    supergraphSdl: sources.hook,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name as SubgraphName] ?? url!;
      const chain = subgraphCalls({ serviceName: name, url: target, resilience: config.resilience, secret: config.subgraphSecret, log, metrics });
      chains.push(chain);
      breakers.set(name, chain.breakerState);
      if (!entityCache.enabled) return new SubgraphDataSource(name, target, chain.call);
      // Public entities are served from the cache only while this subgraph's changes are being followed.
      let follower = followers.get(name);
      if (!follower) {
        follower = new EntityChangeFollower({ subgraph: name, url: target, secret: config.subgraphSecret, cache: entityCache, log });
        followers.set(name, follower);
        follower.start();
      }
      const following = follower;
      return new SubgraphDataSource(
        name,
        target,
        cachedEntityCalls(name, chain.call, entityCache, policy, () => following.following),
      );
    },
    logger: log,
    ...queryPlans.gatewayConfig,
    // The gateway's own plan cache (an in-memory LRU of 30 MiB), with its hits and misses counted.
    queryPlannerConfig: { cache: gatewayMetrics.counted('query_plan', new InMemoryLRUCache<QueryPlan>()) },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Open to everyone, or to some roles: ./schema-access refuses everyone else.
    introspection: config.introspection || config.introspectionRoles.length > 0,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (runtime/cli.ts): it drains requests, then closes pools and the database, in order.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => limitErrorCode(mask(formatted, error)),
    parseOptions: protection.parseOptions,
    validationRules: protection.validationRules,
    allowBatchedHttpRequests: config.batchedRequests,
    // Refuses GETs and simple POSTs a browser could send cross-site without a preflight (Apollo's default, stated so it stays).
    csrfPrevention: true,
    // Automatic persisted queries: in Redis when there is one, so every replica knows a hash any of them learnt.
    // Apollo's default store otherwise (an in-memory LRU), made explicit so its hits and misses are counted.
    persistedQueries: {
      ttl: config.apqTtlSeconds,
      cache: gatewayMetrics.counted<string>('apq', redis ? new RedisKeyValueCache(redis, 'scotland-graph:') : new InMemoryLRUCache<string>()),
    },
    // The playground is served by our own routes (./playground), not Apollo's landing page, which loads from a CDN.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Subgraphs send no cache hints, so Apollo's plugin would say no-store to everything: ./public-answers decides instead.
      ApolloServerPluginCacheControlDisabled(),
      publicAnswersPlugin(policy),
      metrics.plugin(),
      queryPlans.plugin,
      // Only when some roles may introspect with it off: otherwise Apollo's own rule (introspection: false) decides, once.
      ...(!config.introspection && config.introspectionRoles.length > 0 ? [schemaAccess({ roles: config.introspectionRoles })] : []),
      operationResolutionPlugin(),
      ...protection.plugins,
      ...(rateLimiter
        ? [
            costedRateLimitPlugin(rateLimiter, {
              unitCost: config.rateLimitUnitCost,
              maxPageSize: config.limits.maxPageSize,
              onRateLimited: (viewer) => gatewayMetrics.rateLimited(viewer.role),
            }),
          ]
        : []),
      errorSummaryPlugin<GatewayContext>(),
    ],
  });
  await apollo.start();
  const formatError = (error: GraphQLError) => limitErrorCode(mask(error.toJSON(), error));
  let subscriptionEvents: { inc(): void } | null = null;
  const subscriptions = new Subscriptions({
    gateway: gateway as unknown as GatewayInternals,
    urlOf: (name) => config.subgraphUrls[name as SubgraphName] ?? (gateway as unknown as GatewayInternals).serviceMap[name]?.url,
    secret: config.subgraphSecret,
    verifier: config.verifier,
    limits: config.subscriptions,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    formatError,
    log,
    onEvent: () => subscriptionEvents?.inc(),
  });
  const safelisted = () => [...sources.partners.values()].flatMap((partner) => [...partner.operations.values()]);
  const warmStarted = Date.now();
  const warmed = await warmQueryPlans(gateway, safelisted());
  log.info(
    { partners: sources.partners.size, operations: safelisted().length, planned: warmed, ms: Date.now() - warmStarted, supergraph: sources.supergraphHash },
    'partner safelists loaded and their query plans warmed',
  );
  // After a reload, so no partner's first call on a new supergraph or list pays for planning.
  sources.onReload = async () => {
    await warmQueryPlans(gateway, safelisted()).catch((error: unknown) => log.error({ err: error }, 'query plans not warmed after a reload'));
  };
  const admission = createAdmission({
    safelistOf: (clientId) => sources.partner(clientId)?.operations,
    rateLimiter,
    subjectOf,
    onRateLimited: (viewer) => gatewayMetrics.rateLimited(viewer.role),
  });
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    verifier: config.verifier,
    metrics,
    component: 'gateway',
    context: async ({ requestId, log: requestLog, viewer, headers, clientAddress }) => ({
      requestId,
      log: requestLog,
      viewer,
      authorization: headers.authorization,
      rateLimit: rateLimiter ? subjectOf(viewer, clientAddress) : null,
    }),
    corsOrigins: config.corsOrigins,
    corsAllowLoopback: config.corsLoopbackOrigins,
    trustProxy: config.trustProxy,
    forwardedHeader: config.forwardedHeader,
    admission,
    stream: eventStreamSubscriptions(subscriptions, config.subscriptions.heartbeatMs),
    extraRoutes: (req, res, url) => schema(req, res, url) || playground(req, res, url),
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
  const sockets = webSocketSubscriptions(server, { subscriptions, verifier: config.verifier, admission, log, heartbeatMs: config.subscriptions.heartbeatMs });
  subscriptionEvents = gatewayMetrics.watchSubscriptions(() => [
    ['all', subscriptions.open()],
    ['websocket', sockets.clients()],
  ]);
  return {
    server,
    async listen(port, host = '127.0.0.1') {
      const url = await listen(server, port, host);
      const playgroundUrl = config.playground ? url.replace(/\/graphql$/, '/') : null;
      log.info({ url, playground: playgroundUrl ?? 'off' }, 'gateway listening');
      return {
        url,
        playgroundUrl,
        inFlight: () => server.inFlight(),
        async stop() {
          // Subscriptions never finish by themselves: each is ended first, with a reason and a reconnect hint, so the
          // drain waits for requests only.
          const closed = subscriptions.closeAll();
          if (closed > 0) log.info({ subscriptions: closed }, 'subscriptions closed for shutdown');
          await sockets.close();
          const drained = await server.drain(config.shutdownTimeoutMs);
          sources.stop();
          for (const follower of followers.values()) follower.stop();
          await apollo.stop();
          await Promise.all(chains.map((chain) => chain.close()));
          rateLimiter?.close();
          await redis?.quit().catch(() => redis.disconnect());
          return drained;
        },
      };
    },
  };
}
