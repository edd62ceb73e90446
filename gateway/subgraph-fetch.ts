import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../runtime/errors';
import type { Metrics } from '../runtime/metrics';
import { SpanKind, context, inSpan, propagation } from '../runtime/tracing';

export interface ResilienceConfig {
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

  constructor(private readonly failures: number, private readonly openMs: number) {}

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

function isMutation(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    const { query } = JSON.parse(body) as { query?: string };
    return typeof query === 'string' && /^\s*mutation\b/.test(query);
  } catch {
    return false;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The fetch the gateway uses for one subgraph: a timeout on every attempt,
 * retries for queries only (a retried mutation could pay twice), and a
 * circuit breaker.
 */
export function resilientFetcher(serviceName: string, config: ResilienceConfig, breaker: CircuitBreaker, log: Logger, metrics: Metrics): Fetcher {
  return (async (url: string, init: RequestInit = {}) => {
    if (!breaker.admit()) {
      metrics.subgraphFetches.inc({ service: serviceName, outcome: 'open' });
      throw new SubgraphUnavailable('it failed repeatedly, so requests are paused for a moment');
    }
    const stop = metrics.subgraphDuration.startTimer({ service: serviceName });
    const attempts = isMutation(init.body) ? 1 : 1 + config.retries;
    let reason = 'it did not answer';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await inSpan(`fetch ${serviceName}`, { kind: SpanKind.CLIENT, attributes: { 'graph.subgraph': serviceName, attempt } }, async (span) => {
          // Carry the trace to the subgraph (W3C traceparent), under this attempt's span.
          const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
          const carrier: Record<string, string> = {};
          propagation.inject(context.active(), carrier);
          for (const [name, value] of Object.entries(carrier)) headers.set(name, value);
          const answer = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(config.timeoutMs) });
          span.setAttribute('http.response.status_code', answer.status);
          return answer;
        });
        if (response.status < 500) {
          breaker.succeeded();
          stop();
          metrics.subgraphFetches.inc({ service: serviceName, outcome: 'ok' });
          return response;
        }
        reason = `it answered HTTP ${response.status}`;
        await response.body?.cancel();
      } catch (error) {
        // Duck-typed: fetch's DOMException comes from Node's own realm.
        reason = (error as { name?: unknown })?.name === 'TimeoutError' ? `it did not answer within ${config.timeoutMs} ms` : 'it could not be reached';
      }
      if (attempt < attempts) {
        log.warn({ serviceName, attempt, reason }, 'retrying subgraph query');
        await pause(50 * attempt);
      }
    }
    breaker.failed();
    stop();
    metrics.subgraphFetches.inc({ service: serviceName, outcome: 'error' });
    log.warn({ serviceName, reason, breaker: breaker.state }, 'subgraph unavailable');
    throw new SubgraphUnavailable(reason);
  }) as unknown as Fetcher;
}

export function unavailableError(serviceName: string, error: unknown): GraphQLError {
  const reason = error instanceof SubgraphUnavailable ? error.message : 'it failed';
  return new GraphQLError(`The ${serviceName} service is unavailable (${reason}); the rest of the answer stands.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName },
  });
}
