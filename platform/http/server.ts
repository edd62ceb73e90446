import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { BaseContext } from '@apollo/server';
import { ErrorCode } from '../errors';
import { withRequestLog } from '../request-log';
import { context } from '../tracing';
import { type AdmitOptions, admit } from './admit';
import { authenticate, type AuthenticateOptions } from './authenticate';
import { body, BodyTooLarge } from './body';
import { type ClientAddressOptions, identifyClient } from './client-address';
import { cors, type CorsOptions } from './cors';
import type { Step } from './exchange';
import { execute, type ExecuteOptions } from './execute';
import { gatewayOnly, type GatewayOnlyOptions } from './gateway-only';
import { observe, type ObserveOptions } from './observe';
import { probes, type ProbeOptions } from './probes';
import { sendError } from './respond';

export type { Admission, AdmissionResult, Refusal } from './admit';
export type { GraphQLHttpRequest } from './exchange';
export type { RequestInfo } from './execute';

/** Answers a request that is not GraphQL (the playground's page and files); true when it did. */
export type ExtraRoutes = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/** Every step's options, and the routes a process adds of its own. */
export interface GraphQLHttpOptions<TContext extends BaseContext>
  extends ObserveOptions, ProbeOptions, ClientAddressOptions, GatewayOnlyOptions, AuthenticateOptions, AdmitOptions, ExecuteOptions<TContext> {
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Browser origins allowed to call (CORS); empty = same-origin only. */
  corsOrigins?: CorsOptions['origins'];
  /** Also allow loopback origins on any port (development front ends). */
  corsAllowLoopback?: CorsOptions['allowLoopback'];
  extraRoutes?: ExtraRoutes;
  /**
   * Answers an admitted request that asks for an event stream (a
   * subscription over graphql-sse) before Apollo Server, which runs
   * queries and mutations only; false leaves it to Apollo.
   */
  stream?: Step;
}

/** How a drain went: the requests answered while it ran (in flight at its start, or sent on a keep-alive connection since), and those still running at the deadline, which it cut. */
export interface DrainReport {
  finished: number;
  cut: number;
  ms: number;
}

export interface GraphQLHttpServer extends Server {
  /** Requests received and not yet answered: what a graceful shutdown waits for. */
  inFlight(): number;
  /**
   * Stops without dropping what it can finish: /readyz answers 503 at once;
   * new connections are refused; every response from now on carries
   * `Connection: close`, so keep-alive clients reconnect elsewhere; idle
   * connections are closed after a short grace (a client may be writing its
   * next request on one); in-flight requests finish; whatever still runs at
   * `deadlineMs` is cut and counted.
   */
  drain(deadlineMs: number): Promise<DrainReport>;
}

/** Only these paths take GraphQL; anything else that reaches this step is 404. */
const graphqlPath: Step = (exchange) => {
  const { res, url } = exchange;
  if (url.pathname === '/graphql' || url.pathname === '/') return false;
  exchange.refused = ErrorCode.BAD_REQUEST;
  sendError(res, 404, ErrorCode.BAD_REQUEST, 'Not found: send GraphQL requests to /graphql.');
  return true;
};

/**
 * A small node:http integration for Apollo Server, shared by the gateway and
 * the subgraphs, so that the body limit, request ids and the health endpoints
 * are ours to set (the standalone server fixes its body limit at 50 MB).
 * Each request passes through named steps, in order, until one answers:
 * identify the client, probes, CORS, the process's own routes, the GraphQL path, body,
 * gateway only (subgraphs), authenticate, admit, execute; `observe` wraps them all.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): GraphQLHttpServer {
  let draining = false;
  const extraRoutes: Step = ({ req, res, url }) => options.extraRoutes?.(req, res, url) ?? false;
  const steps: Step[] = [
    identifyClient(options),
    probes({ metrics: options.metrics, ready: async () => !draining && (await options.ready()) }),
    cors({ origins: options.corsOrigins, allowLoopback: options.corsAllowLoopback }),
    extraRoutes,
    graphqlPath,
    body({ limitBytes: options.bodyLimitBytes }),
    gatewayOnly(options),
    authenticate(options),
    admit(options),
    ...(options.stream ? [options.stream] : []),
    execute(options),
  ];
  const open = new Set<ServerResponse>();
  let finishedWhileDraining = 0;
  const server = createServer((req, res) => {
    open.add(res);
    res.once('close', () => {
      open.delete(res);
      if (draining && res.writableFinished) finishedWhileDraining += 1;
    });
    if (draining) res.setHeader('connection', 'close');
    const { exchange, traceContext } = observe(options, req, res);
    // Errors answered before GraphQL runs are counted here; Apollo's plugin counts those in GraphQL responses.
    res.once('close', () => {
      if (exchange.refused) options.metrics.errors.inc({ code: exchange.refused });
    });
    void context
      .with(traceContext, () =>
        withRequestLog(exchange.log, async () => {
          for (const step of steps) if (await step(exchange)) return;
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof BodyTooLarge) {
          exchange.refused = ErrorCode.BAD_REQUEST;
          return sendError(res, 413, ErrorCode.BAD_REQUEST, error.message);
        }
        // A client that hangs up while sending its body is no fault of ours: not an error-level line anyone can cause.
        if (req.destroyed && !res.headersSent) return exchange.log.info({ reason: (error as Error)?.message }, 'request abandoned by the client');
        options.log.error({ err: error, requestId: exchange.requestId }, 'request failed');
        options.metrics.errors.inc({ code: ErrorCode.INTERNAL_SERVER_ERROR });
        if (!res.headersSent) sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
        else res.end();
      });
  });
  const drain = (deadlineMs: number): Promise<DrainReport> => {
    const started = Date.now();
    draining = true;
    for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
    return new Promise((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      let cut = 0;
      const done = () => {
        timers.forEach(clearTimeout);
        // http.Server's own close now only stops its connection-timeout timer.
        server.close(() => undefined);
        resolve({ finished: finishedWhileDraining, cut, ms: Date.now() - started });
      };
      // net.Server's close, not http.Server's: the latter also closes idle keep-alive connections at once,
      // resetting a request a client is writing on one at that moment. Those close after IDLE_GRACE_MS instead.
      if (server.listening) net.Server.prototype.close.call(server, done);
      else return done();
      timers.push(setTimeout(() => server.closeIdleConnections(), Math.min(IDLE_GRACE_MS, deadlineMs)));
      timers.push(
        setTimeout(() => {
          cut = open.size;
          if (cut > 0) options.log.warn({ cut, deadlineMs }, 'requests still running at the shutdown deadline were cut');
          server.closeAllConnections();
        }, deadlineMs),
      );
    });
  };
  return Object.assign(server, { inFlight: () => open.size, drain });
}

/** How long a drain leaves an idle keep-alive connection open for a request its client may already be sending. */
const IDLE_GRACE_MS = 1_000;

/** Listens on `port` (0 picks a free one) and returns the server's GraphQL URL. */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve(`http://${shownHost}:${address.port}/graphql`);
    });
  });
}
