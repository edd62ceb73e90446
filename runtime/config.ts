import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { GATEWAY_DEFAULTS, type GatewayOptions } from '../gateway/options';
import type { TrustProxy } from '../platform/http/client-address';
import type { LogFormat } from '../platform/logger';
import { projectRoot as findProjectRootOf } from '../platform/project-root';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph-names';
import { type AuthConfig, ROLES, type Role, type TokenVerifier } from '../platform/tokens';
import { MAX_PAGE_SIZE } from '../subgraphs/shared/page-size';
import { describeUnknown, unknownVariables } from './unknown-variables';
import type { KnownEnv, VariableName } from './variables';

export type SeedScale = 'none' | 'default' | 'full';

export interface SubgraphConfig {
  /** Port this subgraph listens on when started by `npm start` (0 = any free port). */
  port: number;
  /** Where the gateway reaches it; null = started in this process. */
  url: string | null;
  /** Login URL of the subgraph's own role; null = derived from DATABASE_URL. */
  databaseUrl: string | null;
}

/** The whole configuration, read once from the environment. */
export interface GraphConfig {
  environment: 'development' | 'production' | 'test';
  host: string;
  logLevel: string;
  /** `pretty` for a person at a terminal, `json` for everything else (LOG_FORMAT). */
  logFormat: LogFormat;
  /** Mistakes that do not stop the start here (unknown variables outside production), for the caller to log. */
  warnings: string[];
  projectRoot: string;
  /** The gateway's settings (its own options type, gateway/options.ts), from PORT, BODY_LIMIT_BYTES, SUBGRAPH_*, BREAKER_*, PLAYGROUND, PLAYGROUND_ROLES, INTROSPECTION, INTROSPECTION_ROLES, QUERY_MAX_*, BATCHED_REQUESTS, CORS_ORIGINS, CORS_LOCALHOST, TRUST_PROXY, TRUST_PROXY_HEADER, RATE_LIMIT_PER_MINUTE, RATE_LIMIT_CLIENTS, RATE_LIMIT_UNIT_COST, RATE_LIMIT_FALLBACK_PERCENT, PERSISTED_QUERIES_DIR, APQ_TTL_SECONDS, QUERY_PLAN_ROLES, SUPERGRAPH_PATH, RELOAD_INTERVAL_MS. */
  gateway: { port: number; supergraphPath: string } & Pick<
    GatewayOptions,
    | 'bodyLimitBytes'
    | 'resilience'
    | 'playground'
    | 'introspection'
    | 'introspectionRoles'
    | 'playgroundSignIn'
    | 'limits'
    | 'batchedRequests'
    | 'corsOrigins'
    | 'corsLoopbackOrigins'
    | 'trustProxy'
    | 'forwardedHeader'
    | 'rateLimitPerMinute'
    | 'rateLimitClients'
    | 'rateLimitUnitCost'
    | 'rateLimitFallbackPercent'
    | 'safelistDir'
    | 'apqTtlSeconds'
    | 'entityCacheMaxBytes'
    | 'subscriptions'
    | 'queryPlanRoles'
    | 'reloadIntervalMs'
  >;
  /**
   * The secret the gateway signs its subgraph calls with (SUBGRAPH_SECRET) and the one before it, still
   * accepted by the subgraphs during a rotation (SUBGRAPH_SECRET_PREVIOUS); null = subgraphs answer anyone.
   */
  subgraphSecrets: { current: string | null; previous: string | null };
  /** Redis for state shared by gateway replicas (APQ store, rate limits); null = in memory, per process. */
  redisUrl: string | null;
  /** Longest wait for in-flight requests on SIGTERM before connections are cut. */
  shutdownTimeoutMs: number;
  /** OTLP/HTTP endpoint for traces (OTEL_EXPORTER_OTLP_ENDPOINT); null = tracing off. */
  otlpEndpoint: string | null;
  subgraphs: Record<SubgraphName, SubgraphConfig>;
  database: {
    /** A role that may create roles and schemas; null = start the embedded Postgres. */
    adminUrl: string | null;
    /** Prefix of the per-subgraph login roles, e.g. `cpg_` gives `cpg_payments`. */
    rolePrefix: string;
    /** Secret the role passwords are derived from; null = generated and kept under dataDir. */
    roleSecret: string | null;
    poolSize: number;
  };
  embeddedPostgres: {
    dataDir: string;
    port: number;
  };
  /** What `npm start` seeds into an empty database. */
  seed: SeedScale;
  /** Roles the playground is for in production (PLAYGROUND_ROLES); they open the page and, by default, the schema and query plans. */
  playgroundRoles: readonly Role[];
  auth: AuthConfig & {
    /** No key source configured: the graph signs and verifies with a key of its own under dataDir. */
    local: boolean;
  };
}

/** The issuer of tokens signed by the graph's own development key (`npm run token`). */
export const LOCAL_ISSUER = 'urn:scotland-graph:local-issuer';
const SYMMETRIC_OR_NONE = /^(HS\d+|none)$/i;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** What the config needs to know of the terminal it starts in. */
export interface Terminal {
  /** Whether standard output is a terminal a person reads. */
  stdoutIsTTY: boolean;
}

function integer(env: KnownEnv, name: VariableName, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; it is "${raw}".`);
  }
  return value;
}

function postgresUrl(env: KnownEnv, name: VariableName): string | null {
  const raw = env[name];
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL.`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must be a postgres:// URL.`);
  }
  return raw;
}

function httpUrl(env: KnownEnv, name: VariableName): string | null {
  const raw = env[name];
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  throw new ConfigError(`${name} must be an http(s) URL; it is "${raw}".`);
}

function onOff(env: KnownEnv, name: VariableName, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(on|true|1|yes)$/i.test(raw)) return true;
  if (/^(off|false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be on or off; it is "${raw}".`);
}

function origins(env: KnownEnv, name: VariableName): string[] {
  const raw = env[name];
  if (!raw) return [];
  return raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new ConfigError(`${name}: "${origin}" is not an origin such as https://www.edinburgh.gov.uk.`);
      }
      if (url.origin !== origin) throw new ConfigError(`${name}: "${origin}" must be a bare origin (scheme, host and port), i.e. "${url.origin}".`);
      return origin;
    });
}

/** Off, a number of hops, or a comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, fd00::/8`). */
function trustProxy(env: KnownEnv, name: VariableName): TrustProxy {
  const raw = (env[name] ?? '').trim();
  if (raw === '' || /^(off|false|no|0)$/i.test(raw)) return null;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`${name}: ${raw} hops is more proxies than any real path has; give at most 10, or their address ranges.`);
    return { hops };
  }
  const ranges = raw
    .split(',')
    .map((range) => range.trim())
    .filter(Boolean);
  for (const range of ranges) {
    const [address, prefix, extra] = range.split('/');
    const version = net.isIP(address);
    const bits = version === 6 ? 128 : 32;
    if (version === 0 || extra !== undefined || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= bits))) {
      throw new ConfigError(`${name}: "${range}" is not an address or CIDR range such as 10.0.0.0/8; give off, a number of hops, or ranges.`);
    }
  }
  return { ranges };
}

function redisUrl(env: KnownEnv, name: VariableName): string | null {
  const raw = env[name];
  if (!raw) return null;
  if (!/^rediss?:\/\//.test(raw)) throw new ConfigError(`${name} must be a redis:// or rediss:// URL.`);
  return raw;
}

/** The playground's "Sign in" through the issuer, for a public client registered there (PLAYGROUND_OIDC_CLIENT_ID). */
function playgroundSignIn(env: KnownEnv, issuer: string | null): GatewayOptions['playgroundSignIn'] {
  const clientId = env.PLAYGROUND_OIDC_CLIENT_ID;
  const scope = env.PLAYGROUND_OIDC_SCOPE || 'openid';
  if (!clientId) return null;
  if (!issuer)
    throw new ConfigError(
      'PLAYGROUND_OIDC_CLIENT_ID needs AUTH_ISSUER: the development issuer has no sign-in page (paste a token from `npm run token` instead).',
    );
  return { issuer, clientId, scope };
}

/** A comma-separated list of the token roles; null when unset. */
function roleList(env: KnownEnv, name: VariableName): Role[] | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const { roles, unknown } = rolesIn(raw);
  if (unknown.length > 0) throw new ConfigError(`${name}: "${unknown[0]}" is not a role; the roles are ${ROLES.join(', ')}.`);
  return roles;
}

/** The token roles in a comma-separated list, and the words in it that are none. */
function rolesIn(raw: string): { roles: Role[]; unknown: string[] } {
  const words = raw
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);
  const isRole = (word: string): word is Role => (ROLES as readonly string[]).includes(word);
  return { roles: words.filter(isRole), unknown: words.filter((word) => !isRole(word)) };
}

/** `client=units, …`: a partner's client id or `<role>:<subject>`, and its budget a minute. */
function clientBudgets(env: KnownEnv, name: VariableName): Record<string, number> {
  const raw = env[name];
  const budgets: Record<string, number> = {};
  if (!raw) return budgets;
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const client = entry.slice(0, at).trim();
    const units = entry.slice(at + 1).trim();
    if (at <= 0 || !/^[A-Za-z0-9:._@-]+$/.test(client) || !/^\d{1,9}$/.test(units)) {
      throw new ConfigError(`${name}: "${entry}" is not <client>=<units a minute>, e.g. disclosure-scotland=3000 or analyst:jo@gov.scot=1200.`);
    }
    budgets[client] = Number(units);
  }
  return budgets;
}

/** A shared secret: long enough that guessing is hopeless. */
function secret(env: KnownEnv, name: VariableName): string | null {
  const raw = env[name];
  if (!raw) return null;
  if (raw.length < 32) throw new ConfigError(`${name} must be at least 32 characters (for instance \`openssl rand -hex 32\`).`);
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; it is "${raw}".`);
}

export const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = {
  organisations: 4001,
  identity: 4002,
  payments: 4003,
  learning: 4004,
  datasets: 4005,
};

/** Who may see query plans (QUERY_PLAN_ROLES): `*` everyone, `none` nobody, or a list of roles. */
function queryPlanRoles(env: KnownEnv, name: VariableName, fallback: 'everyone' | readonly Role[]): 'everyone' | readonly Role[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw.trim() === '*') return 'everyone';
  if (raw.trim() === 'none') return [];
  const { roles, unknown } = rolesIn(raw);
  if (unknown.length > 0) throw new ConfigError(`${name} must be *, none, or roles from ${ROLES.join(', ')}; "${unknown.join(', ')}" is not one.`);
  return roles;
}

/**
 * Reads and checks the environment once, failing fast with a message that
 * names the variable. Only the variables declared in ./variables.ts can be
 * read; any other in the graph's namespace is a mistake, which stops a
 * production start and is a warning elsewhere. Every variable is listed in the
 * README's table.
 */
export function loadConfig(given: Env = process.env, terminal: Terminal = { stdoutIsTTY: Boolean(process.stdout.isTTY) }): GraphConfig {
  const env: KnownEnv = given;
  const environment = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const unknown = unknownVariables(given);
  if (environment === 'production' && unknown.length > 0) {
    throw new ConfigError(
      `${unknown.map(describeUnknown).join(' ')} In production a variable the graph does not know stops the start: correct or remove ${unknown.length === 1 ? 'it' : 'them'}.`,
    );
  }
  const projectRoot = findProjectRootOf();
  const rolePrefix = env.DATABASE_ROLE_PREFIX ?? 'cpg_';
  const playgroundRoles = roleList(env, 'PLAYGROUND_ROLES') ?? [];
  const introspectionRoles = roleList(env, 'INTROSPECTION_ROLES') ?? playgroundRoles;
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(rolePrefix)) {
    throw new ConfigError('DATABASE_ROLE_PREFIX must be lower-case letters, digits and underscores, starting with a letter.');
  }
  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const upper = name.toUpperCase() as Uppercase<typeof name>;
      return [
        name,
        {
          port: integer(env, `${upper}_PORT`, DEFAULT_SUBGRAPH_PORTS[name], 0, 65535),
          url: httpUrl(env, `${upper}_URL`),
          databaseUrl: postgresUrl(env, `${upper}_DATABASE_URL`),
        },
      ];
    }),
  ) as Record<SubgraphName, SubgraphConfig>;
  const adminUrl = postgresUrl(env, 'DATABASE_URL');
  if (environment === 'production' && !adminUrl && SUBGRAPH_NAMES.some((name) => !subgraphs[name].databaseUrl)) {
    throw new ConfigError('In production set DATABASE_URL or every <SUBGRAPH>_DATABASE_URL: the embedded Postgres is for development.');
  }
  const issuer = env.AUTH_ISSUER || LOCAL_ISSUER;
  const jwksUrl = httpUrl(env, 'AUTH_JWKS_URL');
  const jwksFile = env.AUTH_JWKS_FILE || null;
  const local = issuer === LOCAL_ISSUER && !jwksUrl && !jwksFile;
  if (environment === 'production' && local) {
    throw new ConfigError('In production set AUTH_ISSUER (and AUTH_JWKS_URL or AUTH_JWKS_FILE unless the issuer publishes OpenID discovery).');
  }
  const algorithms = (env.AUTH_ALGORITHMS || 'ES256,ES384,RS256,PS256,EdDSA')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (algorithms.some((a) => SYMMETRIC_OR_NONE.test(a))) {
    throw new ConfigError('AUTH_ALGORITHMS may list only asymmetric algorithms: a shared secret or "none" would let anyone mint tokens.');
  }
  // A dev server's front end works out of the box; in production a page on a user's own machine is no origin to trust.
  const corsLoopbackOrigins = onOff(env, 'CORS_LOCALHOST', environment === 'development');
  if (environment === 'production' && corsLoopbackOrigins) {
    throw new ConfigError('CORS_LOCALHOST is for development: in production name the front ends in CORS_ORIGINS.');
  }
  return {
    environment,
    host: env.HOST ?? '127.0.0.1',
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, environment === 'test' ? 'silent' : 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, terminal.stdoutIsTTY && environment !== 'production' ? 'pretty' : 'json'),
    warnings: unknown.map((variable) => `${describeUnknown(variable)} It is ignored here; in production it stops the start.`),
    projectRoot,
    gateway: {
      port: integer(env, 'PORT', 4000, 0, 65535),
      bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', GATEWAY_DEFAULTS.bodyLimitBytes, 1024, 100 * 1024 * 1024),
      resilience: {
        timeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', GATEWAY_DEFAULTS.resilience.timeoutMs, 50, 120_000),
        retries: integer(env, 'SUBGRAPH_RETRIES', GATEWAY_DEFAULTS.resilience.retries, 0, 5),
        breakerFailures: integer(env, 'BREAKER_FAILURES', GATEWAY_DEFAULTS.resilience.breakerFailures, 1, 1_000),
        breakerOpenMs: integer(env, 'BREAKER_OPEN_MS', GATEWAY_DEFAULTS.resilience.breakerOpenMs, 10, 600_000),
        breakerTrials: integer(env, 'BREAKER_TRIALS', GATEWAY_DEFAULTS.resilience.breakerTrials, 1, 100),
      },
      // In production the playground is off unless some roles may use it: then the page loads for anyone, and the schema it needs for those roles only.
      playground: onOff(env, 'PLAYGROUND', environment !== 'production' || playgroundRoles.length > 0),
      introspection: onOff(env, 'INTROSPECTION', environment !== 'production'),
      introspectionRoles,
      playgroundSignIn: playgroundSignIn(env, local ? null : issuer),
      limits: {
        maxDepth: integer(env, 'QUERY_MAX_DEPTH', GATEWAY_DEFAULTS.limits.maxDepth, 1, 100),
        maxAliases: integer(env, 'QUERY_MAX_ALIASES', GATEWAY_DEFAULTS.limits.maxAliases, 0, 1_000),
        maxRootFields: integer(env, 'QUERY_MAX_ROOT_FIELDS', GATEWAY_DEFAULTS.limits.maxRootFields, 1, 1_000),
        maxTokens: integer(env, 'QUERY_MAX_TOKENS', GATEWAY_DEFAULTS.limits.maxTokens, 100, 1_000_000),
        maxDirectives: integer(env, 'QUERY_MAX_DIRECTIVES', GATEWAY_DEFAULTS.limits.maxDirectives, 0, 1_000),
        maxCost: integer(env, 'QUERY_MAX_COST', GATEWAY_DEFAULTS.limits.maxCost, 10, 100_000_000),
        maxIntrospectionDepth: GATEWAY_DEFAULTS.limits.maxIntrospectionDepth,
        maxPageSize: MAX_PAGE_SIZE,
      },
      batchedRequests: onOff(env, 'BATCHED_REQUESTS', GATEWAY_DEFAULTS.batchedRequests),
      corsOrigins: origins(env, 'CORS_ORIGINS'),
      corsLoopbackOrigins,
      trustProxy: trustProxy(env, 'TRUST_PROXY'),
      forwardedHeader: oneOf(env, 'TRUST_PROXY_HEADER', ['x-forwarded-for', 'forwarded'] as const, GATEWAY_DEFAULTS.forwardedHeader),
      rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', GATEWAY_DEFAULTS.rateLimitPerMinute, 0, 10_000_000),
      rateLimitClients: clientBudgets(env, 'RATE_LIMIT_CLIENTS'),
      rateLimitUnitCost: integer(env, 'RATE_LIMIT_UNIT_COST', GATEWAY_DEFAULTS.rateLimitUnitCost, 0, 100_000_000),
      rateLimitFallbackPercent: integer(env, 'RATE_LIMIT_FALLBACK_PERCENT', GATEWAY_DEFAULTS.rateLimitFallbackPercent, 1, 100),
      safelistDir: path.resolve(projectRoot, env.PERSISTED_QUERIES_DIR ?? 'persisted-queries'),
      apqTtlSeconds: integer(env, 'APQ_TTL_SECONDS', GATEWAY_DEFAULTS.apqTtlSeconds, 60, 30 * 86_400),
      entityCacheMaxBytes: integer(env, 'ENTITY_CACHE_MAX_BYTES', GATEWAY_DEFAULTS.entityCacheMaxBytes, 0, 64 * 1024 ** 3),
      subscriptions: {
        perClient: integer(env, 'SUBSCRIPTIONS_PER_CLIENT', GATEWAY_DEFAULTS.subscriptions.perClient, 1, 1_000_000),
        max: integer(env, 'SUBSCRIPTIONS_MAX', GATEWAY_DEFAULTS.subscriptions.max, 0, 10_000_000),
        maxLifetimeMs: integer(env, 'SUBSCRIPTION_MAX_LIFETIME_MS', GATEWAY_DEFAULTS.subscriptions.maxLifetimeMs, 1_000, 7 * 86_400_000),
        idleMs: integer(env, 'SUBSCRIPTION_IDLE_MS', GATEWAY_DEFAULTS.subscriptions.idleMs, 1_000, 7 * 86_400_000),
        heartbeatMs: integer(env, 'SUBSCRIPTION_HEARTBEAT_MS', GATEWAY_DEFAULTS.subscriptions.heartbeatMs, 1_000, 600_000),
      },
      // In production, the playground's roles see the plans its "Query plan" panel shows, unless QUERY_PLAN_ROLES says otherwise.
      queryPlanRoles: queryPlanRoles(env, 'QUERY_PLAN_ROLES', environment === 'production' ? introspectionRoles : 'everyone'),
      supergraphPath: path.resolve(projectRoot, env.SUPERGRAPH_PATH || path.join('schema', 'supergraph.graphql')),
      reloadIntervalMs: integer(env, 'RELOAD_INTERVAL_MS', GATEWAY_DEFAULTS.reloadIntervalMs, 0, 3_600_000),
    },
    redisUrl: redisUrl(env, 'REDIS_URL'),
    subgraphSecrets: subgraphSecrets(env),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', GATEWAY_DEFAULTS.shutdownTimeoutMs, 0, 600_000),
    otlpEndpoint: httpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
    subgraphs,
    database: {
      adminUrl,
      rolePrefix,
      roleSecret: env.DATABASE_ROLE_SECRET || null,
      poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    },
    embeddedPostgres: {
      dataDir: path.resolve(projectRoot, env.DATA_DIR ?? '.data'),
      port: integer(env, 'EMBEDDED_POSTGRES_PORT', 54329, 1024, 65535),
    },
    playgroundRoles,
    seed: oneOf(env, 'SEED', ['none', 'default', 'full'] as const, 'default'),
    auth: { issuer, audience: env.AUTH_AUDIENCE || 'scotland-graph', algorithms, jwksUrl, jwksFile, local },
  };
}

function subgraphSecrets(env: KnownEnv): GraphConfig['subgraphSecrets'] {
  const current = secret(env, 'SUBGRAPH_SECRET');
  const previous = secret(env, 'SUBGRAPH_SECRET_PREVIOUS');
  if (previous && !current)
    throw new ConfigError('SUBGRAPH_SECRET_PREVIOUS is set without SUBGRAPH_SECRET: a rotation keeps the old secret beside the new one.');
  return { current, previous };
}

/**
 * The secrets of a process that serves GraphQL, checked when it starts: in
 * production a subgraph must refuse every caller but the gateway, so a
 * missing SUBGRAPH_SECRET stops the gateway and the subgraphs (not the
 * migrate job, which serves nothing).
 */
export function subgraphSecretsOf(config: GraphConfig): GraphConfig['subgraphSecrets'] {
  if (config.environment === 'production' && !config.subgraphSecrets.current) {
    throw new ConfigError(
      'In production set SUBGRAPH_SECRET (32 or more characters, the same for the gateway and every subgraph): without it any caller that reaches a subgraph could run GraphQL there.',
    );
  }
  return config.subgraphSecrets;
}

/** What a subgraph accepts: the current secret, then the previous one while a rotation is under way. */
export function gatewaySecretsOf(config: GraphConfig): string[] {
  const { current, previous } = subgraphSecretsOf(config);
  return [current, previous].filter((value): value is string => value !== null);
}

/** The supergraph at SUPERGRAPH_PATH, as the gateway starts with it. */
export function readConfiguredSupergraph(config: GraphConfig): string {
  try {
    return readFileSync(config.gateway.supergraphPath, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `SUPERGRAPH_PATH: cannot read ${config.gateway.supergraphPath} (${(error as Error).message}); run \`npm run compose\` or point it at the supergraph.`,
    );
  }
}

/** The gateway's options, given the graph's config and what it is started with. */
export function gatewayOptionsOf(
  config: GraphConfig,
  started: { supergraphSdl: string; subgraphUrls: GatewayOptions['subgraphUrls']; log: Logger; verifier: TokenVerifier },
): GatewayOptions {
  const { port: _port, ...settings } = config.gateway;
  return {
    ...settings,
    ...started,
    playgroundExamples: path.join(config.projectRoot, 'operations', 'playground'),
    redisUrl: config.redisUrl,
    subgraphSecret: subgraphSecretsOf(config).current,
    rateLimitOutageLogIntervalMs: GATEWAY_DEFAULTS.rateLimitOutageLogIntervalMs,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  };
}
