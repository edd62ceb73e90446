import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';
import { SpanKind, context, propagation, trace, tracer } from './tracing';
import { type TokenVerifier, TokenError, type Viewer } from './tokens';

export interface RequestInfo {
  requestId: string;
  headers: IncomingMessage['headers'];
  log: Logger;
  /** Who is asking: verified before any GraphQL runs. */
  viewer: Viewer;
}

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (request: RequestInfo) => Promise<TContext>;
  log: Logger;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Answers /readyz: whether this process can serve (database, upstreams). */
  ready: () => Promise<boolean>;
  /** Verifies the bearer token; every process checks it itself, trusting no upstream. */
  verifier: TokenVerifier;
  /** Served at /metrics for Prometheus. */
  metrics: Metrics;
  /** Names this process in its trace spans: "gateway" or the subgraph's name. */
  component: string;
  /** Browser origins allowed to call (CORS); empty = same-origin only. */
  corsOrigins?: readonly string[];
  admission?: Admission;
  extraRoutes?: ExtraRoutes;
}

/** A GraphQL request as received over HTTP, before Apollo parses it. */
export interface GraphQLHttpRequest {
  method: string;
  search: string;
  body: unknown;
}

/** A request turned away before GraphQL runs, with a stable code. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export type AdmissionResult =
  | { request: GraphQLHttpRequest; headers?: Record<string, string>; operationName?: string; refusal?: undefined }
  | { refusal: Refusal };

/** Decides on a verified request before GraphQL runs, and may rewrite it (the gateway's rate limit and safelists). */
export type Admission = (input: { request: GraphQLHttpRequest; viewer: Viewer; clientAddress: string }) => Promise<AdmissionResult>;

/** Answers a request that is not GraphQL (the playground's page and files); true when it did. */
export type ExtraRoutes = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

const CORS_ALLOW_HEADERS = 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, traceparent, tracestate';

/**
 * CORS for an allow-list of origins: an allowed origin gets its own name back
 * (never `*`); any other gets no CORS headers, so its browser blocks the
 * response. Tokens travel in the Authorization header, never in cookies, so
 * credentials are not allowed.
 */
function applyCors(req: IncomingMessage, res: ServerResponse, origins: ReadonlySet<string>): 'preflight-answered' | 'continue' {
  const origin = req.headers.origin;
  const allowed = typeof origin === 'string' && origins.has(origin);
  if (origins.size > 0) res.setHeader('vary', 'origin');
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'x-request-id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after');
  }
  if (req.method !== 'OPTIONS') return 'continue';
  if (allowed) {
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-max-age': '600',
    });
    res.end();
  } else {
    sendJson(res, 403, { errors: [{ message: 'This origin may not call the graph from a browser.', extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' } }] });
  }
  return 'preflight-answered';
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function requestError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}

export interface GraphQLHttpServer extends Server {
  /** Requests received and not yet answered: what a graceful shutdown waits for. */
  inFlight(): number;
}

/**
 * A small node:http integration for Apollo Server, shared by the gateway and
 * the subgraphs, so that the body limit, request ids and the health endpoints
 * are ours to set (the standalone server fixes its body limit at 50 MB).
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): GraphQLHttpServer {
  const { apollo, log } = options;
  const corsOrigins = new Set(options.corsOrigins ?? []);
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const started = process.hrtime.bigint();
    // W3C trace context from the caller (the gateway, or a client that traces); a no-op when tracing is off.
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(`${req.method} ${url.pathname}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': url.pathname, 'graph.component': options.component } }, parent);
    const traceId = span.isRecording() ? span.spanContext().traceId : undefined;
    const reqLog = log.child(traceId ? { requestId, traceId } : { requestId });
    let operationName: string | undefined;
    let role: string | null = null;
    let refused: string | undefined;
    // One line per request (answered or abandoned): what and how it went, never the variables or the token.
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (operationName) span.setAttribute('graphql.operation.name', operationName);
      span.end();
      if (url.pathname === '/healthz' || url.pathname === '/readyz' || url.pathname === '/metrics') return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      reqLog.info({ method: req.method, path: url.pathname, status: res.statusCode, durationMs, operationName, role, refused, completed: res.writableFinished }, 'request');
    });
    void context.with(trace.setSpan(parent, span), async () => {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        return res.end(await options.metrics.exposition());
      }
      if (url.pathname === '/readyz') {
        const ready = await options.ready().catch(() => false);
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
      }
      if (applyCors(req, res, corsOrigins) === 'preflight-answered') return;
      if (options.extraRoutes?.(req, res, url)) return;
      if (url.pathname !== '/graphql' && url.pathname !== '/') return requestError(res, 404, 'Not found: send GraphQL requests to /graphql.');

      let body: unknown;
      if (req.method === 'POST') {
        const text = await readBody(req, options.bodyLimitBytes);
        const type = req.headers['content-type'] ?? '';
        if (type.includes('json')) {
          try {
            body = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            return requestError(res, 400, 'The request body is not valid JSON.');
          }
          const name = (body as { operationName?: unknown } | undefined)?.operationName;
          if (typeof name === 'string') operationName = name.slice(0, 100);
        } else {
          body = text;
        }
      }
      let viewer: Viewer;
      try {
        viewer = await options.verifier.verify(req.headers.authorization);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        reqLog.warn({ reason: error.message }, 'token refused');
        res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
        return sendJson(res, 401, { errors: [{ message: `Not signed in: ${error.message}.`, extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      role = viewer.role;
      let request: GraphQLHttpRequest = { method: req.method ?? 'GET', search: url.search, body };
      if (options.admission) {
        const admitted = await options.admission({ request, viewer, clientAddress: req.socket.remoteAddress ?? 'unknown' });
        for (const [name, value] of Object.entries((admitted.refusal ? admitted.refusal.headers : admitted.headers) ?? {})) res.setHeader(name, value);
        if (admitted.refusal) {
          refused = admitted.refusal.code;
          return sendJson(res, admitted.refusal.status, { errors: [{ message: admitted.refusal.message, extensions: { code: admitted.refusal.code } }] });
        }
        request = admitted.request;
        if (admitted.operationName) operationName = admitted.operationName;
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { ...request, headers },
        context: () => options.context({ requestId, headers: req.headers, log: reqLog, viewer }),
      });
      for (const [name, value] of result.headers) res.setHeader(name, value);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
        return;
      }
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        requestError(res, 413, `The request body is larger than ${options.bodyLimitBytes} bytes.`);
        return;
      }
      log.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
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
