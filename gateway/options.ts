import type { Logger } from 'pino';
import type { ForwardedHeader, TrustProxy } from '../platform/http/client-address';
import type { SubgraphName } from '../platform/subgraph-names';
import type { Role, TokenVerifier } from '../platform/tokens';
import type { PlaygroundSignIn } from './playground';
import type { QueryLimits } from './protection';
import type { ResilienceOptions } from './subgraph-fetch';
import { SUBSCRIPTION_DEFAULTS, type SubscriptionLimits } from './subscriptions/subscriptions';

/**
 * Everything a gateway is made from. The gateway owns this shape and its
 * defaults (below); the runtime maps the environment onto it
 * (`gatewayOptionsOf` in runtime/config.ts).
 */
export interface GatewayOptions {
  /** The composed supergraph SDL, served from the start. */
  supergraphSdl: string;
  /** The supergraph file, watched: a new version that is valid replaces the served one without a restart. null = never reloaded. @default null */
  supergraphPath: string | null;
  /** How often the supergraph file and the safelist folder are looked at for a new version, in ms; 0 = never. @default 2,000 */
  reloadIntervalMs: number;
  /** Where each subgraph is; overrides the URL composed into the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  log: Logger;
  /** Checks the bearer token of every request before any GraphQL runs. */
  verifier: TokenVerifier;
  /** Largest request body accepted, in bytes. @default 2 MiB (Apollo Router's default) */
  bodyLimitBytes: number;
  resilience: ResilienceOptions;
  /**
   * Signs every call to a subgraph (an HMAC of its body), which each subgraph
   * checks before anything runs; null = unsigned, for subgraphs that answer
   * anyone (development). @default null
   */
  subgraphSecret: string | null;
  /** GraphiQL at the gateway's root. */
  playground: boolean;
  /** Folder of the playground's example operations (operations/playground). */
  playgroundExamples: string;
  /** A "Sign in" button doing OpenID Connect's authorisation code flow with PKCE; null = paste a token. @default null */
  playgroundSignIn: PlaygroundSignIn | null;
  /** Schema introspection and query plans for everyone; with it off, "Did you mean …" suggestions are hidden too. */
  introspection: boolean;
  /** With `introspection` off: roles that may still introspect and see query plans (the playground's analysts). @default [] */
  introspectionRoles: readonly Role[];
  /** Who may ask for an operation's query plan (./query-plans.ts): everyone, or callers with one of these roles. @default [] (nobody) */
  queryPlanRoles: 'everyone' | readonly Role[];
  limits: QueryLimits;
  /** Several operations in one HTTP request. @default false */
  batchedRequests: boolean;
  /** Browser origins allowed to call (CORS); empty = same origin only. @default [] */
  corsOrigins: readonly string[];
  /** Also allow `http://localhost:*`, `http://127.0.0.1:*` and `http://[::1]:*` (a front end on a dev server). Development only. @default false */
  corsLoopbackOrigins: boolean;
  /** Which proxies in front of the gateway may name the client, for rate limits and logs; null = none, the socket's peer is the client. @default null */
  trustProxy: TrustProxy;
  /** The header those proxies write the client's address into. @default 'x-forwarded-for' */
  forwardedHeader: ForwardedHeader;
  /** Rate-limit units per client per minute (one a request, more for costly ones: gateway/rate-limit.ts); 0 = no limit. @default 600 */
  rateLimitPerMinute: number;
  /** Budgets of their own, units a minute: a partner's client id, or `<role>:<subject>`. @default {} */
  rateLimitClients: Readonly<Record<string, number>>;
  /** Estimated objects one rate-limit unit buys; 0 = one unit a request, whatever its cost. @default 100 */
  rateLimitUnitCost: number;
  /** While Redis is away, the share of every budget each process enforces on its own, in percent. @default 100 */
  rateLimitFallbackPercent: number;
  /** While Redis is away, how often that is logged. @default 60,000 */
  rateLimitOutageLogIntervalMs: number;
  /** Partner safelists: `<dir>/<client id>.json`, watched like the supergraph (a manifest replaced, added or removed applies without a restart). */
  safelistDir: string;
  /** How long an automatically persisted query is kept, in seconds. @default 86,400 (a day) */
  apqTtlSeconds: number;
  /** Redis for state shared by replicas (APQ store, rate limits); null = in memory, per process. @default null */
  redisUrl: string | null;
  /** Longest wait for in-flight requests on shutdown, in milliseconds. @default 10,000 */
  shutdownTimeoutMs: number;
  /**
   * Memory for public entities (fields the subgraphs mark `@cacheControl(scope: PUBLIC)`), per process, in bytes; with
   * `redisUrl` they are shared by replicas in Redis too. 0 = no entity cache. @default 67,108,864 (64 MiB)
   */
  entityCacheMaxBytes: number;
  /** Subscriptions (over SSE and WebSocket): how many, for how long, and how often a quiet one carries a heartbeat. */
  subscriptions: SubscriptionLimits;
}

/** The defaults of the settings an operator may leave out. */
export const GATEWAY_DEFAULTS = {
  supergraphPath: null,
  reloadIntervalMs: 2_000,
  bodyLimitBytes: 2 * 1024 * 1024,
  resilience: { timeoutMs: 5_000, retries: 1, breakerFailures: 5, breakerOpenMs: 10_000, breakerTrials: 3 },
  limits: { maxDepth: 12, maxAliases: 100, maxRootFields: 100, maxTokens: 5_000, maxDirectives: 20, maxCost: 50_000, maxIntrospectionDepth: 16 },
  batchedRequests: false,
  corsOrigins: [],
  introspectionRoles: [],
  playgroundSignIn: null,
  corsLoopbackOrigins: false,
  trustProxy: null,
  forwardedHeader: 'x-forwarded-for',
  rateLimitPerMinute: 600,
  rateLimitClients: {},
  rateLimitUnitCost: 100,
  rateLimitFallbackPercent: 100,
  rateLimitOutageLogIntervalMs: 60_000,
  apqTtlSeconds: 86_400,
  redisUrl: null,
  subgraphSecret: null,
  shutdownTimeoutMs: 10_000,
  entityCacheMaxBytes: 64 * 1024 * 1024,
  queryPlanRoles: [],
  subscriptions: SUBSCRIPTION_DEFAULTS,
} as const satisfies Partial<Omit<GatewayOptions, 'limits'>> & { limits: Omit<QueryLimits, 'maxPageSize'> };
