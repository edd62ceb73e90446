import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { Pool } from 'undici';
import { ErrorCode } from '../platform/errors';
import type { Metrics } from '../platform/metrics';
import { SpanKind, context, inSpan, propagation } from '../platform/tracing';

/** How the gateway treats a subgraph that is slow or failing. */
export interface ResilienceOptions {
  /** Longest wait for one subgraph response. */
  timeoutMs: number;
  /** Extra attempts for a query (never for a mutation) after a network error or a 5xx. */
  retries: number;
  /** Consecutive failed requests that open the circuit. */
  breakerFailures: number;
  /** How long an open circuit fails fast before letting one trial request through. */
  breakerOpenMs: number;
}

/** Why a subgraph could not answer; turned into SERVICE_UNAVAILABLE naming the subgraph. */
export class SubgraphUnavailable extends Error {
  override name = 'SubgraphUnavailable';
}

/**
 * Stops hammering a subgraph that keeps failing: after `failures` failed
 * requests in a row it fails fast for `openMs`, then lets one trial request
 * through (half-open); a success closes it again.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly failures: number,
    private readonly openMs: number,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === null) return 'closed';
    return Date.now() - this.openedAt >= this.openMs ? 'half-open' : 'open';
  }

  /** Whether a request may go out now. */
  admit(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failed(): void {
    this.consecutiveFailures += 1;
    this.trialInFlight = false;
    if (this.openedAt !== null || this.consecutiveFailures >= this.failures) this.openedAt = Date.now();
  }
}

/** A subgraph's answer, before it is parsed. */
export interface SubgraphAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One keep-alive connection pool per subgraph, on undici's request API.
 * Node's global fetch costs far more per call (web streams, an AbortSignal
 * per request): a sixth of the gateway's CPU under load when it was used here.
 */
export class SubgraphClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(url: string, timeoutMs: number, connections = 64) {
    const target = new URL(url);
    this.path = `${target.pathname}${target.search}`;
    // The timeouts bound the wait for the first byte and for each gap in the body: a hung subgraph is cut at timeoutMs.
    this.pool = new Pool(target.origin, { connections, keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  async post(headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
    const response = await this.pool.request({ path: this.path, method: 'POST', headers, body });
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * The seam between the gateway and a subgraph: one call, one answer. The
 * keep-alive client makes it; retries and the breaker, then sharing, wrap it
 * (`subgraphCalls` puts the chain together); `./subgraph-data-source` hands
 * it to @apollo/gateway.
 */
export type SubgraphCall = (headers: Record<string, string>, body: string, mutation: boolean) => Promise<SubgraphAnswer>;

/**
 * How the gateway calls one subgraph: retries for queries only (a retried
 * mutation could pay twice), a circuit breaker, a span per attempt carrying
 * the trace on (W3C traceparent), and metrics.
 */
export function resilientCall(
  serviceName: string,
  client: SubgraphClient,
  config: ResilienceOptions,
  breaker: CircuitBreaker,
  log: Logger,
  metrics: Metrics,
): SubgraphCall {
  return async (headers, body, mutation) => {
    if (!breaker.admit()) {
      metrics.subgraphFetches.inc({ subgraph: serviceName, outcome: 'open' });
      throw new SubgraphUnavailable('it failed repeatedly, so requests are paused for a moment');
    }
    const stop = metrics.subgraphDuration.startTimer({ subgraph: serviceName });
    const attempts = mutation ? 1 : 1 + config.retries;
    let reason = 'it did not answer';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const answer = await inSpan(`fetch ${serviceName}`, { kind: SpanKind.CLIENT, attributes: { 'graph.subgraph': serviceName, attempt } }, async (span) => {
          const carrier: Record<string, string> = {};
          propagation.inject(context.active(), carrier);
          const sent = await client.post({ ...headers, ...carrier }, body);
          span.setAttribute('http.response.status_code', sent.status);
          return sent;
        });
        if (answer.status < 500) {
          breaker.succeeded();
          stop();
          metrics.subgraphFetches.inc({ subgraph: serviceName, outcome: 'ok' });
          return answer;
        }
        reason = `it answered HTTP ${answer.status}`;
      } catch (error) {
        reason = TIMEOUT_CODES.has((error as { code?: string })?.code ?? '') ? `it did not answer within ${config.timeoutMs} ms` : 'it could not be reached';
      }
      if (attempt < attempts) {
        log.warn({ serviceName, attempt, reason }, 'retrying subgraph query');
        await pause(50 * attempt);
      }
    }
    breaker.failed();
    stop();
    metrics.subgraphFetches.inc({ subgraph: serviceName, outcome: 'error' });
    log.warn({ serviceName, reason, breaker: breaker.state }, 'subgraph unavailable');
    throw new SubgraphUnavailable(reason);
  };
}

export function unavailableError(serviceName: string, error: unknown): GraphQLError {
  const reason = error instanceof SubgraphUnavailable ? error.message : 'it failed';
  return new GraphQLError(`The ${serviceName} service is unavailable (${reason}); the rest of the answer stands.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName },
  });
}

/**
 * Identical in-flight query calls shared: a query with the same body and the
 * same Authorization as one already on its way waits for that one's answer
 * instead of asking again. Same token, same caller, so one user's data never
 * reaches another. Mutations are never shared. Each caller gets the answer's
 * text and parses it itself, because the gateway merges results into the
 * objects it gets.
 */
export function sharedCalls(call: SubgraphCall, onShared: () => void = () => undefined): SubgraphCall {
  const inFlight = new Map<string, Promise<SubgraphAnswer>>();
  return (headers, body, mutation) => {
    if (mutation) return call(headers, body, true);
    const key = `${headers.authorization ?? ''}\n${body}`;
    let pending = inFlight.get(key);
    if (pending) onShared();
    else {
      pending = call(headers, body, false).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
}

export interface SubgraphCallsOptions {
  serviceName: string;
  url: string;
  resilience: ResilienceOptions;
  log: Logger;
  metrics: Metrics;
}

/** The whole chain for one subgraph: keep-alive client, then retries and a circuit breaker, then sharing; its breaker's state for the metrics. */
export function subgraphCalls(options: SubgraphCallsOptions): { call: SubgraphCall; breakerState(): CircuitBreaker['state']; close(): Promise<void> } {
  const { serviceName, resilience, metrics } = options;
  const client = new SubgraphClient(options.url, resilience.timeoutMs);
  const breaker = new CircuitBreaker(resilience.breakerFailures, resilience.breakerOpenMs);
  // Each outcome's series from zero, so dashboards and alerts see a subgraph before its first failure.
  for (const outcome of ['ok', 'error', 'open', 'shared']) metrics.subgraphFetches.inc({ subgraph: serviceName, outcome }, 0);
  metrics.subgraphDuration.zero({ subgraph: serviceName });
  const resilient = resilientCall(serviceName, client, resilience, breaker, options.log, metrics);
  return {
    call: sharedCalls(resilient, () => metrics.subgraphFetches.inc({ subgraph: serviceName, outcome: 'shared' })),
    breakerState: () => breaker.state,
    close: () => client.close(),
  };
}
