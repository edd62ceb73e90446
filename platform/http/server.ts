import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BaseContext } from '@apollo/server';
import { ErrorCode } from '../errors';
import { context } from '../tracing';
import { type AdmitOptions, admit } from './admit';
import { authenticate, type AuthenticateOptions } from './authenticate';
import { body, BodyTooLarge } from './body';
import { cors, type CorsOptions } from './cors';
import type { Step } from './exchange';
import { execute, type ExecuteOptions } from './execute';
import { observe, type ObserveOptions } from './observe';
import { probes, type ProbeOptions } from './probes';
import { sendError } from './respond';

export type { Admission, AdmissionResult, Refusal } from './admit';
export type { GraphQLHttpRequest } from './exchange';
export type { RequestInfo } from './execute';

/** Answers a request that is not GraphQL (the playground's page and files); true when it did. */
export type ExtraRoutes = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/** Every step's options, and the routes a process adds of its own. */
export interface GraphQLHttpOptions<TContext extends BaseContext> extends ObserveOptions, ProbeOptions, AuthenticateOptions, AdmitOptions, ExecuteOptions<TContext> {
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Browser origins allowed to call (CORS); empty = same-origin only. */
  corsOrigins?: CorsOptions['origins'];
  extraRoutes?: ExtraRoutes;
}

export interface GraphQLHttpServer extends Server {
  /** Requests received and not yet answered: what a graceful shutdown waits for. */
  inFlight(): number;
}

/** Only these paths take GraphQL; anything else that reaches this step is 404. */
const graphqlPath: Step = ({ res, url }) => {
  if (url.pathname === '/graphql' || url.pathname === '/') return false;
  sendError(res, 404, ErrorCode.BAD_REQUEST, 'Not found: send GraphQL requests to /graphql.');
  return true;
};

/**
 * A small node:http integration for Apollo Server, shared by the gateway and
 * the subgraphs, so that the body limit, request ids and the health endpoints
 * are ours to set (the standalone server fixes its body limit at 50 MB).
 * Each request passes through named steps, in order, until one answers:
 * probes, CORS, the process's own routes, the GraphQL path, body,
 * authenticate, admit, execute; `observe` wraps them all.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): GraphQLHttpServer {
  const extraRoutes: Step = ({ req, res, url }) => options.extraRoutes?.(req, res, url) ?? false;
  const steps: Step[] = [
    probes(options),
    cors({ origins: options.corsOrigins }),
    extraRoutes,
    graphqlPath,
    body({ limitBytes: options.bodyLimitBytes }),
    authenticate(options),
    admit(options),
    execute(options),
  ];
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    const { exchange, traceContext } = observe(options, req, res);
    void context
      .with(traceContext, async () => {
        for (const step of steps) if (await step(exchange)) return;
      })
      .catch((error: unknown) => {
        if (error instanceof BodyTooLarge) return sendError(res, 413, ErrorCode.BAD_REQUEST, error.message);
        options.log.error({ err: error, requestId: exchange.requestId }, 'request failed');
        if (!res.headersSent) sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
        else res.end();
      });
  });
  return Object.assign(server, { inFlight: () => inFlight });
}

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

/**
 * Stops accepting, lets in-flight requests finish, and after `deadlineMs`
 * cuts whatever is still open, so a stuck client cannot hold shutdown.
 */
export function close(server: Server, deadlineMs = 10_000): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    deadline.unref();
    server.close((error) => {
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
