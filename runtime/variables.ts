/**
 * Every environment variable the graph reads, declared once. The config
 * loader may read only these (its reads are typed by this declaration), the
 * typo check knows a variable by it, `npm run config` prints each one's
 * effective value from it, and a test holds the README's configuration table
 * to it. A variable added to the loader without a line here does not compile.
 */
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph-names';
import type { GraphConfig } from './config';

/** How a variable's value is shown by `npm run config`: a URL keeps everything but its password; a secret shows only whether it is set. */
export type Secrecy = 'url' | 'secret';

export type EffectiveValue = string | number | boolean | null | readonly string[];

export interface VariableDeclaration {
  secrecy?: Secrecy;
  /** The value the graph runs with, whether set or defaulted; `subgraph` names the subgraph of a `<SUBGRAPH>_…` variable. */
  effective(config: GraphConfig, subgraph: SubgraphName): EffectiveValue;
}

/** A subgraph's name as its variables spell it: `<SUBGRAPH>_PORT` stands for ORGANISATIONS_PORT, IDENTITY_PORT, … */
export const SUBGRAPH_PLACEHOLDER = '<SUBGRAPH>';

export const VARIABLES = {
  NODE_ENV: { effective: (c) => c.environment },
  HOST: { effective: (c) => c.host },
  PORT: { effective: (c) => c.gateway.port },
  '<SUBGRAPH>_PORT': { effective: (c, name) => c.subgraphs[name].port },
  '<SUBGRAPH>_URL': { effective: (c, name) => c.subgraphs[name].url ?? '(unset: started in this process, or its composed URL)' },
  DATABASE_URL: { secrecy: 'url', effective: (c) => c.database.adminUrl ?? '(unset: embedded Postgres)' },
  '<SUBGRAPH>_DATABASE_URL': { secrecy: 'url', effective: (c, name) => c.subgraphs[name].databaseUrl ?? '(unset: derived from DATABASE_URL)' },
  DATABASE_ROLE_PREFIX: { effective: (c) => c.database.rolePrefix },
  DATABASE_ROLE_SECRET: { secrecy: 'secret', effective: (c) => c.database.roleSecret ?? '(unset: generated under DATA_DIR)' },
  DATABASE_POOL_SIZE: { effective: (c) => c.database.poolSize },
  EMBEDDED_POSTGRES_PORT: { effective: (c) => c.embeddedPostgres.port },
  DATA_DIR: { effective: (c) => c.embeddedPostgres.dataDir },
  SEED: { effective: (c) => c.seed },
  BODY_LIMIT_BYTES: { effective: (c) => c.gateway.bodyLimitBytes },
  LOG_LEVEL: { effective: (c) => c.logLevel },
  LOG_FORMAT: { effective: (c) => c.logFormat },
  AUTH_ISSUER: { effective: (c) => c.auth.issuer },
  AUTH_JWKS_URL: { effective: (c) => c.auth.jwksUrl ?? '(unset)' },
  AUTH_JWKS_FILE: { effective: (c) => c.auth.jwksFile ?? '(unset)' },
  AUTH_AUDIENCE: { effective: (c) => c.auth.audience },
  AUTH_ALGORITHMS: { effective: (c) => c.auth.algorithms },
  SUBGRAPH_TIMEOUT_MS: { effective: (c) => c.gateway.resilience.timeoutMs },
  SUBGRAPH_RETRIES: { effective: (c) => c.gateway.resilience.retries },
  BREAKER_FAILURES: { effective: (c) => c.gateway.resilience.breakerFailures },
  BREAKER_OPEN_MS: { effective: (c) => c.gateway.resilience.breakerOpenMs },
  BREAKER_TRIALS: { effective: (c) => c.gateway.resilience.breakerTrials },
  SHUTDOWN_TIMEOUT_MS: { effective: (c) => c.shutdownTimeoutMs },
  OTEL_EXPORTER_OTLP_ENDPOINT: { secrecy: 'url', effective: (c) => c.otlpEndpoint ?? '(unset: tracing off)' },
  PLAYGROUND: { effective: (c) => c.gateway.playground },
  INTROSPECTION: { effective: (c) => c.gateway.introspection },
  PLAYGROUND_ROLES: { effective: (c) => c.playgroundRoles },
  INTROSPECTION_ROLES: { effective: (c) => c.gateway.introspectionRoles },
  PLAYGROUND_OIDC_CLIENT_ID: { effective: (c) => c.gateway.playgroundSignIn?.clientId ?? '(unset: tokens are pasted)' },
  PLAYGROUND_OIDC_SCOPE: { effective: (c) => c.gateway.playgroundSignIn?.scope ?? '(unset)' },
  QUERY_PLAN_ROLES: { effective: (c) => (c.gateway.queryPlanRoles === 'everyone' ? '*' : c.gateway.queryPlanRoles.join(',') || 'none') },
  CORS_ORIGINS: { effective: (c) => c.gateway.corsOrigins },
  CORS_LOCALHOST: { effective: (c) => c.gateway.corsLoopbackOrigins },
  TRUST_PROXY: {
    effective: (c) =>
      c.gateway.trustProxy === null ? 'off' : 'hops' in c.gateway.trustProxy ? String(c.gateway.trustProxy.hops) : c.gateway.trustProxy.ranges,
  },
  TRUST_PROXY_HEADER: { effective: (c) => c.gateway.forwardedHeader },
  SUPERGRAPH_PATH: { effective: (c) => c.gateway.supergraphPath },
  RELOAD_INTERVAL_MS: { effective: (c) => c.gateway.reloadIntervalMs },
  SUBGRAPH_SECRET: { secrecy: 'secret', effective: (c) => c.subgraphSecrets.current ?? '(unset: subgraphs answer anyone; development only)' },
  SUBGRAPH_SECRET_PREVIOUS: { secrecy: 'secret', effective: (c) => c.subgraphSecrets.previous ?? '(unset)' },
  REDIS_URL: { secrecy: 'url', effective: (c) => c.redisUrl ?? '(unset: in memory, per process)' },
  RATE_LIMIT_PER_MINUTE: { effective: (c) => c.gateway.rateLimitPerMinute },
  RATE_LIMIT_CLIENTS: { effective: (c) => Object.entries(c.gateway.rateLimitClients).map(([client, units]) => `${client}=${units}`) },
  RATE_LIMIT_UNIT_COST: { effective: (c) => c.gateway.rateLimitUnitCost },
  RATE_LIMIT_FALLBACK_PERCENT: { effective: (c) => c.gateway.rateLimitFallbackPercent },
  PERSISTED_QUERIES_DIR: { effective: (c) => c.gateway.safelistDir },
  APQ_TTL_SECONDS: { effective: (c) => c.gateway.apqTtlSeconds },
  ENTITY_CACHE_MAX_BYTES: { effective: (c) => c.gateway.entityCacheMaxBytes || '0 (off)' },
  SUBSCRIPTIONS_PER_CLIENT: { effective: (c) => c.gateway.subscriptions.perClient },
  SUBSCRIPTIONS_MAX: { effective: (c) => c.gateway.subscriptions.max || '0 (subscriptions off)' },
  SUBSCRIPTION_MAX_LIFETIME_MS: { effective: (c) => c.gateway.subscriptions.maxLifetimeMs },
  SUBSCRIPTION_IDLE_MS: { effective: (c) => c.gateway.subscriptions.idleMs },
  SUBSCRIPTION_HEARTBEAT_MS: { effective: (c) => c.gateway.subscriptions.heartbeatMs },
  BATCHED_REQUESTS: { effective: (c) => c.gateway.batchedRequests },
  QUERY_MAX_DEPTH: { effective: (c) => c.gateway.limits.maxDepth },
  QUERY_MAX_ALIASES: { effective: (c) => c.gateway.limits.maxAliases },
  QUERY_MAX_ROOT_FIELDS: { effective: (c) => c.gateway.limits.maxRootFields },
  QUERY_MAX_TOKENS: { effective: (c) => c.gateway.limits.maxTokens },
  QUERY_MAX_DIRECTIVES: { effective: (c) => c.gateway.limits.maxDirectives },
  QUERY_MAX_COST: { effective: (c) => c.gateway.limits.maxCost },
} as const satisfies Record<string, VariableDeclaration>;

export type DeclaredName = keyof typeof VARIABLES;

/** A declared name as the environment spells it: `<SUBGRAPH>_PORT` becomes PAYMENTS_PORT and the rest. */
export type VariableName = SpelledOut<DeclaredName>;
type SpelledOut<N> = N extends `<SUBGRAPH>${infer Rest}` ? `${Uppercase<SubgraphName>}${Rest}` : N;

/** The environment as the loader may read it: only declared variables. */
export type KnownEnv = { readonly [Name in VariableName]?: string };

/** One variable as the environment spells it, with its declaration (and subgraph, for a `<SUBGRAPH>_…` one). */
export interface ConcreteVariable {
  name: VariableName;
  declared: DeclaredName;
  declaration: VariableDeclaration;
  subgraph: SubgraphName;
}

/** Every variable the graph reads, each per-subgraph one once for each subgraph, in declaration order. */
export function concreteVariables(): ConcreteVariable[] {
  return (Object.entries(VARIABLES) as [DeclaredName, VariableDeclaration][]).flatMap(([declared, declaration]) =>
    declared.startsWith(SUBGRAPH_PLACEHOLDER)
      ? SUBGRAPH_NAMES.map((subgraph) => ({
          name: declared.replace(SUBGRAPH_PLACEHOLDER, subgraph.toUpperCase()) as VariableName,
          declared,
          declaration,
          subgraph,
        }))
      : [{ name: declared as VariableName, declared, declaration, subgraph: SUBGRAPH_NAMES[0] }],
  );
}

/**
 * The graph's namespace: a variable that starts with one of these, and is not
 * declared above, is taken for a mistake (an error in production, a warning
 * elsewhere). Only prefixes no other program is likely to set in the graph's
 * containers: not NODE_ (NODE_OPTIONS), OTEL_ (read by OpenTelemetry itself),
 * HOST or PORT (HOSTNAME, Kubernetes' <SERVICE>_PORT, which the pods switch off).
 */
export const NAMESPACE_PREFIXES: readonly string[] = [
  'AUTH_',
  'APQ_',
  'BATCHED_',
  'BODY_LIMIT',
  'BREAKER_',
  'CORS_',
  'DATABASE_',
  'EMBEDDED_POSTGRES',
  'INTROSPECTION',
  'LOG_',
  'PERSISTED_QUERIES',
  'PLAYGROUND',
  'QUERY_',
  'RATE_LIMIT',
  'REDIS_',
  'SEED',
  'SHUTDOWN_',
  'SUBGRAPH_',
  ...SUBGRAPH_NAMES.map((name) => `${name.toUpperCase()}_`),
];
