import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '../platform/errors';
import type { Viewer } from '../platform/tokens';
import type { GatewayContext } from './context';
import { estimateCost } from './protection';

/**
 * How requests are counted against a client's budget. The unit is one
 * request of up to `unitCost` estimated objects (gateway/protection.ts,
 * `estimateCost`); a request spends one unit for every `unitCost` objects or
 * part of them, at least one. With the defaults a council's page of 20
 * organisations spends one unit, an analyst's 100 organisations with 5
 * datasets each (600 objects) spends six.
 */
export interface RateLimitOptions {
  /** Units each client may spend a minute; 0 = no limit. @default 600 */
  perMinute: number;
  /** Budgets of their own, units a minute, by client: a partner's client id, or `<role>:<subject>`; 0 = no limit. @default {} */
  clients: Readonly<Record<string, number>>;
  /** Estimated objects one unit buys; 0 = every request one unit, whatever it costs. @default 100 */
  unitCost: number;
  /**
   * While Redis cannot be reached, each gateway process enforces this share
   * of every budget on its own, in percent: about 100 / replicas keeps the
   * total near the budget when a load balancer spreads a client over them.
   * @default 100
   */
  fallbackPercent: number;
  /** While Redis is away, how often the outage is logged (with how many requests were limited per process meanwhile). @default 60,000 */
  outageLogIntervalMs: number;
}

/** What spending says: whether the request may go on, and the headers that tell the client its budget. */
export interface RateDecision {
  allowed: boolean;
  /** The budget counted against, units a minute: the process's share while Redis is away. */
  limit: number;
  remaining: number;
  /** Seconds until the window starts again. */
  resetSeconds: number;
}

export interface RateLimiter {
  /** Spends `units` of `client`'s budget of `budget` units a minute. */
  take(client: string, budget: number, units: number): Promise<RateDecision>;
  close(): void;
}

/** Whose budget a request spends and how large it is; null when the client has no limit. */
export interface RateLimitSubject {
  client: string;
  budget: number;
}

const WINDOW_SECONDS = 60;

/** Marks a result as counted by this process alone, Redis being away. */
const LOCAL = Symbol('counted locally');
type Counted = RateLimiterRes & { [LOCAL]?: number };

function decisionOf(result: Counted, budget: number, allowed: boolean): RateDecision {
  return {
    allowed,
    limit: result[LOCAL] ?? budget,
    remaining: Math.max(0, result.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
  };
}

/** Spends from a rate-limiter-flexible limiter: a refusal is a decision, not an error. */
async function spend(limiter: RateLimiterAbstract, client: string, units: number, budget: number): Promise<RateDecision> {
  try {
    return decisionOf(await limiter.consume(client, units), budget, true);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return decisionOf(refusal, budget, false);
    throw refusal;
  }
}

/** One limiter per distinct budget, made when first needed: a rate-limiter-flexible limiter has one number of points. */
function perBudget<T extends RateLimiterAbstract>(make: (budget: number) => T): (budget: number) => T {
  const limiters = new Map<number, T>();
  return (budget) => {
    let limiter = limiters.get(budget);
    if (!limiter) limiters.set(budget, (limiter = make(budget)));
    return limiter;
  };
}

/**
 * A fixed window per client in this process (rate-limiter-flexible's memory
 * limiter): simple to reason about and to explain in a 429 ("N units a
 * minute"). Windows start at a client's first request, not on the clock, so
 * clients do not all reset together.
 */
export function memoryRateLimiter(): RateLimiter {
  const limiterFor = perBudget((budget) => new RateLimiterMemory({ points: budget, duration: WINDOW_SECONDS, keyPrefix: `b${budget}` }));
  return { take: (client, budget, units) => spend(limiterFor(budget), client, units, budget), close: () => undefined };
}

/** Logs a Redis outage seen by the rate limiter at most once per interval, with how many requests were counted locally meanwhile. */
function outageLog(log: Logger, intervalMs: number, fallbackPercent: number) {
  let lastLogged = -Infinity;
  let countedLocally = 0;
  return () => {
    countedLocally += 1;
    const now = Date.now();
    if (now - lastLogged < intervalMs) return;
    log.warn(
      { countedLocally, fallbackPercent, nextReportInMs: intervalMs },
      'redis unreachable: rate limits are enforced by each gateway process on its own, at its share of every budget',
    );
    lastLogged = now;
    countedLocally = 0;
  };
}

/**
 * The insurance limiter rate-limiter-flexible turns to when Redis fails: this
 * process's own memory, at its share of the budget. It says when it is used,
 * and marks what it counts, so the answer's RateLimit-Limit is the share.
 */
class ProcessShare extends RateLimiterMemory {
  constructor(
    private readonly share: number,
    private readonly onUse: () => void,
  ) {
    super({ points: share, duration: WINDOW_SECONDS, keyPrefix: `share${share}` });
  }

  override consume(key: string | number, points?: number, options?: { [key: string]: unknown }): Promise<RateLimiterRes> {
    this.onUse();
    const mark = (result: Counted) => {
      if (result instanceof RateLimiterRes) result[LOCAL] = this.share;
      return result;
    };
    return super.consume(key, points, options).then(mark, (refusal: Counted) => Promise.reject(mark(refusal)));
  }
}

/**
 * The same fixed window in Redis (rate-limiter-flexible's Redis limiter, one
 * atomic script per request), so every gateway replica spends one budget per
 * client. When Redis cannot answer (down, or not yet reconnected: the command
 * is not even sent), each process falls back to its own memory limiter at
 * `fallbackPercent` of the budget, and says so once per interval: limits hold
 * through a cache outage, and the outage neither stops the graph nor fills
 * the log.
 */
export function redisRateLimiter(redis: Redis, options: Pick<RateLimitOptions, 'fallbackPercent' | 'outageLogIntervalMs'> & { log: Logger }): RateLimiter {
  const noteOutage = outageLog(options.log, options.outageLogIntervalMs, options.fallbackPercent);
  const limiterFor = perBudget(
    (budget) =>
      new RateLimiterRedis({
        storeClient: redis,
        points: budget,
        duration: WINDOW_SECONDS,
        keyPrefix: `scotland-graph:ratelimit:${budget}`,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new ProcessShare(Math.max(1, Math.floor((budget * options.fallbackPercent) / 100)), noteOutage),
      }),
  );
  return { take: (client, budget, units) => spend(limiterFor(budget), client, units, budget), close: () => undefined };
}

/** Whose budget a request spends: the partner, the signed-in subject, else the caller's address. */
export function rateLimitClient(viewer: Viewer, clientAddress: string): string {
  if (viewer.role && viewer.subject) return `${viewer.role}:${viewer.subject}`;
  return `address:${clientAddress}`;
}

/**
 * A client's budget: its own from RATE_LIMIT_CLIENTS (a partner by its client
 * id, anyone by `<role>:<subject>`), else a partner's from its manifest, else
 * everyone's. Null: no limit for this client.
 */
export function rateLimitSubject(
  options: Pick<RateLimitOptions, 'perMinute' | 'clients'>,
  viewer: Viewer,
  clientAddress: string,
  partnerBudget: (clientId: string) => number | null | undefined,
): RateLimitSubject | null {
  const client = rateLimitClient(viewer, clientAddress);
  const partner = viewer.role === 'partner' && viewer.subject ? viewer.subject : null;
  const budget = options.clients[client] ?? (partner ? (options.clients[partner] ?? partnerBudget(partner)) : undefined) ?? options.perMinute;
  return budget > 0 ? { client, budget } : null;
}

/** The RateLimit headers of a decision (IETF draft names, as most clients read them). */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
  };
}

/** Units a request of this estimated cost spends. */
export function unitsOf(cost: number, unitCost: number): number {
  return unitCost > 0 ? Math.max(1, Math.ceil(cost / unitCost)) : 1;
}

/**
 * Spends the rest of a request's units once its cost is known. The door
 * (gateway/admission.ts) spends one unit before anything is parsed, so a
 * flood of documents that never parse is limited too; here, with the
 * operation and its variables resolved, a request whose estimated cost buys
 * more than one unit spends the others, and is refused 429 RATE_LIMITED if
 * they are not there. The answer's RateLimit headers say what is left.
 */
export function costedRateLimitPlugin(
  rateLimiter: RateLimiter,
  options: { unitCost: number; maxPageSize: number; onRateLimited?: (viewer: GatewayContext['viewer']) => void },
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const subject = contextValue.rateLimit;
      if (!subject || options.unitCost <= 0) return {};
      let decision: RateDecision | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const units = unitsOf(estimateCost(schema, document, operation, request.variables ?? {}, options.maxPageSize), options.unitCost);
          if (units <= 1) return;
          decision = await rateLimiter.take(subject.client, subject.budget, units - 1);
          if (decision.allowed) return;
          contextValue.log.info({ code: ErrorCode.RATE_LIMITED, units }, 'operation refused: over its rate limit');
          options.onRateLimited?.(contextValue.viewer);
          throw new GraphQLError(
            `Too many requests: this operation costs ${units} units (one for every ${options.unitCost} objects it could return) and fewer are left ` +
              `of the ${decision.limit} a minute for each client. Try again in ${decision.resetSeconds} s, or ask for smaller pages.`,
            {
              extensions: {
                code: ErrorCode.RATE_LIMITED,
                units,
                // Apollo Server reads a Map here; graphql-yoga's typings (pulled in by the benchmark's Hive Gateway) declare a record.
                http: {
                  status: 429,
                  headers: new HeaderMap(Object.entries({ ...rateLimitHeaders(decision), 'retry-after': String(decision.resetSeconds) })) as unknown as Record<
                    string,
                    string
                  >,
                },
              },
            },
          );
        },
        async willSendResponse({ response }) {
          if (!decision) return;
          for (const [name, value] of Object.entries(rateLimitHeaders(decision))) response.http.headers.set(name, value);
        },
      };
    },
  };
}
