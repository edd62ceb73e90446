import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { Pool } from 'undici';
import { ErrorCode } from '../platform/errors';
import { GATEWAY_SIGNATURE_HEADER, signGatewayCall } from '../platform/gateway-signature';
import type { Metrics } from '../platform/metrics';
import { SpanKind, context, inSpan, propagation } from '../platform/tracing';

/** How the gateway treats a subgraph that is slow or failing. */
export interface ResilienceOptions {
  /** Longest wait for one subgraph response; a query that waited this long is not sent again. @default 5,000 */
  timeoutMs: number;
  /**
   * Extra attempts for a query (never a mutation) whose connection was refused
   * or reset: the subgraph never saw it, or the connection died under it. Not
   * after a timeout (the subgraph is slow or hung: asking again doubles the
   * wait and the load) nor after an HTTP error (the subgraph did answer). @default 1
   */
  retries: number;
  /** Failed calls in a row that open a subgraph's circuit; each caller counts, also when several share one fetch. @default 5 */
  breakerFailures: number;
  /** How long an open circuit fails fast before it lets trial calls through (half-open). @default 10,000 */
  breakerOpenMs: number;
  /** Trial calls let through at once while half-open; the others fail fast until a trial has answered. @default 3 */
  breakerTrials: number;
}

/** Why a subgraph call failed: what decides whether it is retried, and how the error reads. */
export type FailureKind = 'refused' | 'reset' | 'timeout' | 'status' | 'other' | 'open' | 'half-open';

/** Why a subgraph could not answer; turned into SERVICE_UNAVAILABLE naming the subgraph. */
export class SubgraphUnavailable extends Error {
  override name = 'SubgraphUnavailable';

  constructor(
    message: string,
    readonly kind: FailureKind = 'other',
  ) {
    super(message);
  }
}

/** A place in the circuit handed to one call: whether it is a half-open trial, and which state of the circuit admitted it. */
export interface BreakerTicket {
  trial: boolean;
  generation: number;
}

/**
 * Stops calling a subgraph that keeps failing: after `failures` failed calls
 * in a row it fails fast for `openMs`, then lets up to `trials` calls through
 * at once (half-open) while the others still fail fast; a trial that
 * succeeds closes it, one that fails opens it again. Every caller counts, so
 * a hung subgraph under load opens the circuit as soon as the first callers
 * time out, not after `failures` timeouts one after another. Results of calls
 * admitted before the circuit last changed state are ignored: a straggler
 * timing out after the circuit opened does not keep it open.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private trialsInFlight = 0;
  private generation = 0;

  constructor(
    private readonly options: {
      failures: number;
      openMs: number;
      trials: number;
      /** Told when the circuit opens (with the last failure's reason) or closes. */
      onChange?: (state: 'open' | 'closed', reason?: string) => void;
    },
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Milliseconds until an open circuit lets trials through; 0 when it already does. */
  reopensInMs(): number {
    return this.openedAt === null ? 0 : Math.max(0, this.openedAt + this.options.openMs - this.now());
  }

  /** A ticket for a call that may go out now, or null when it must fail fast. */
  admit(): BreakerTicket | null {
    const state = this.state;
    if (state === 'closed') return { trial: false, generation: this.generation };
    if (state === 'half-open' && this.trialsInFlight < this.options.trials) {
      this.trialsInFlight += 1;
      return { trial: true, generation: this.generation };
    }
    return null;
  }

  succeeded(ticket: BreakerTicket): void {
    if (ticket.generation !== this.generation) return;
    if (ticket.trial) this.change(null);
    else this.consecutiveFailures = 0;
  }

  failed(ticket: BreakerTicket, reason?: string): void {
    if (ticket.generation !== this.generation) return;
    if (ticket.trial) return this.change(this.now(), reason);
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures >= this.options.failures) this.change(this.now(), reason);
  }

  private change(openedAt: number | null, reason?: string): void {
    this.openedAt = openedAt;
    this.consecutiveFailures = 0;
    this.trialsInFlight = 0;
    this.generation += 1;
    this.options.onChange?.(openedAt === null ? 'closed' : 'open', reason);
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

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

/** The error codes of a failed request, including those of its causes (undici wraps some, and several addresses make an AggregateError). */
function errorCodes(error: unknown, codes = new Set<string>()): Set<string> {
  if (error && typeof error === 'object') {
    const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.add(code);
    if (cause) errorCodes(cause, codes);
    if (Array.isArray(errors)) for (const inner of errors) errorCodes(inner, codes);
  }
  return codes;
}

function failureOf(error: unknown, timeoutMs: number): SubgraphUnavailable {
  const codes = errorCodes(error);
  if ([...codes].some((code) => TIMEOUT_CODES.has(code))) return new SubgraphUnavailable(`it did not answer within ${timeoutMs} ms`, 'timeout');
  if (codes.has('ECONNREFUSED')) return new SubgraphUnavailable('it refused the connection', 'refused');
  if ([...codes].some((code) => RESET_CODES.has(code))) return new SubgraphUnavailable('the connection was reset', 'reset');
  return new SubgraphUnavailable('it could not be reached', 'other');
}

/**
 * The seam between the gateway and a subgraph: one call, one answer. The
 * keep-alive client makes it; retries, then sharing, then the breaker wrap it
 * (`subgraphCalls` puts the chain together); `./subgraph-data-source` hands
 * it to @apollo/gateway.
 */
export type SubgraphCall = (headers: Record<string, string>, body: string, mutation: boolean) => Promise<SubgraphAnswer>;

/**
 * One fetch from a subgraph: a span per attempt carrying the trace on (W3C
 * traceparent), metrics, and another attempt for a query whose connection was
 * refused or reset (never for a mutation: a retried mutation could pay twice).
 * An HTTP 5xx, a timeout or anything else is a failure, thrown as
 * SubgraphUnavailable.
 */
export function retryingCall(serviceName: string, client: SubgraphClient, config: ResilienceOptions, log: Logger, metrics: Metrics): SubgraphCall {
  return async (headers, body, mutation) => {
    const stop = metrics.subgraphDuration.startTimer({ subgraph: serviceName });
    const attempts = mutation ? 1 : 1 + config.retries;
    let failure = new SubgraphUnavailable('it did not answer');
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
          stop();
          metrics.subgraphFetches.inc({ subgraph: serviceName, outcome: 'ok' });
          return answer;
        }
        failure = new SubgraphUnavailable(`it answered HTTP ${answer.status}`, 'status');
      } catch (error) {
        failure = failureOf(error, config.timeoutMs);
      }
      if (attempt === attempts || (failure.kind !== 'refused' && failure.kind !== 'reset')) break;
      log.warn({ serviceName, attempt, reason: failure.message }, 'retrying subgraph query');
      await pause(50 * attempt);
    }
    stop();
    metrics.subgraphFetches.inc({ subgraph: serviceName, outcome: 'error' });
    log.warn({ serviceName, reason: failure.message }, 'subgraph call failed');
    throw failure;
  };
}

/**
 * The circuit breaker around a subgraph's calls, one caller at a time: each
 * caller takes a ticket and reports its own outcome, so ten callers sharing
 * one fetch that times out are ten failures. A caller refused by the circuit
 * fails at once with SubgraphUnavailable (kind `open` or `half-open`),
 * counted (`graph_subgraph_fetches_total{outcome="open"}`), not logged.
 */
export function breakerCall(serviceName: string, breaker: CircuitBreaker, call: SubgraphCall, metrics: Metrics): SubgraphCall {
  return async (headers, body, mutation) => {
    const state = breaker.state;
    const ticket = breaker.admit();
    if (!ticket) {
      metrics.subgraphFetches.inc({ subgraph: serviceName, outcome: 'open' });
      throw state === 'half-open'
        ? new SubgraphUnavailable('it failed repeatedly and trial calls are checking whether it is back; try again in a moment', 'half-open')
        : new SubgraphUnavailable(`it failed repeatedly, so calls to it are paused for ${Math.max(1, Math.ceil(breaker.reopensInMs() / 1000))} s`, 'open');
    }
    try {
      const answer = await call(headers, body, mutation);
      breaker.succeeded(ticket);
      return answer;
    } catch (error) {
      breaker.failed(ticket, error instanceof Error ? error.message : undefined);
      throw error;
    }
  };
}

export function unavailableError(serviceName: string, error: unknown): GraphQLError {
  const reason = error instanceof SubgraphUnavailable ? error.message : 'it failed';
  const circuit = error instanceof SubgraphUnavailable && (error.kind === 'open' || error.kind === 'half-open') ? { circuit: error.kind } : {};
  return new GraphQLError(`The ${serviceName} service is unavailable (${reason}); the rest of the answer stands.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName, ...circuit },
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

/** Signs each call for the subgraph's gatewayOnly step (platform/gateway-signature.ts); unsigned without a secret. */
export function signedCalls(call: SubgraphCall, secret: string | null): SubgraphCall {
  if (!secret) return call;
  return (headers, body, mutation) => call({ ...headers, [GATEWAY_SIGNATURE_HEADER]: signGatewayCall(secret, body) }, body, mutation);
}

export interface SubgraphCallsOptions {
  serviceName: string;
  url: string;
  resilience: ResilienceOptions;
  /** Signs every call so the subgraph knows it comes from the gateway; null = unsigned (development). */
  secret: string | null;
  log: Logger;
  metrics: Metrics;
}

/**
 * The whole chain for one subgraph: the keep-alive client, retries on a
 * refused or reset connection, the gateway's signature, sharing of identical in-flight queries, then
 * the circuit breaker, per caller.
 */
export function subgraphCalls(options: SubgraphCallsOptions): {
  call: SubgraphCall;
  breaker: CircuitBreaker;
  breakerState(): CircuitBreaker['state'];
  close(): Promise<void>;
} {
  const { serviceName, resilience, metrics, log } = options;
  const client = new SubgraphClient(options.url, resilience.timeoutMs);
  const breaker = new CircuitBreaker({
    failures: resilience.breakerFailures,
    openMs: resilience.breakerOpenMs,
    trials: resilience.breakerTrials,
    onChange: (state, reason) =>
      state === 'open'
        ? log.warn({ serviceName, reason, openMs: resilience.breakerOpenMs }, 'circuit opened: calls to the subgraph fail fast')
        : log.info({ serviceName }, 'circuit closed: the subgraph answers again'),
  });
  // Each outcome's series from zero, so dashboards and alerts see a subgraph before its first failure.
  for (const outcome of ['ok', 'error', 'open', 'shared']) metrics.subgraphFetches.inc({ subgraph: serviceName, outcome }, 0);
  metrics.subgraphDuration.zero({ subgraph: serviceName });
  const fetched = signedCalls(retryingCall(serviceName, client, resilience, log, metrics), options.secret);
  const shared = sharedCalls(fetched, () => metrics.subgraphFetches.inc({ subgraph: serviceName, outcome: 'shared' }));
  return { call: breakerCall(serviceName, breaker, shared, metrics), breaker, breakerState: () => breaker.state, close: () => client.close() };
}
