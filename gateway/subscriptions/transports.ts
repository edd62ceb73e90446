import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { type ExecutionArgs, type ExecutionResult, GraphQLError, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { ErrorCode } from '../../platform/errors';
import { streamResults, wantsEventStream } from '../../platform/http/event-stream';
import type { Step } from '../../platform/http/exchange';
import { sendJson } from '../../platform/http/respond';
import type { Admission } from '../../platform/http/server';
import { TokenError, type TokenVerifier, type Viewer } from '../../platform/tokens';
import type { Subscriptions } from './subscriptions';

/** Whose count a subscription is held against: the signed-in viewer, else the caller's address. */
const clientOf = (viewer: Viewer, address: string) => (viewer.subject ? `${viewer.role}:${viewer.subject}` : `address:${address}`);

/** GraphQL params of a request, from its JSON body or (GET, as EventSource sends) its query string. */
function paramsOf(method: string, search: string, body: unknown): { query?: unknown; variables?: unknown; operationName?: unknown } {
  if (method !== 'GET') return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const params = new URLSearchParams(search);
  let variables: unknown;
  try {
    variables = params.has('variables') ? JSON.parse(params.get('variables')!) : undefined;
  } catch {
    variables = 'not JSON';
  }
  return { query: params.get('query') ?? undefined, variables, operationName: params.get('operationName') ?? undefined };
}

/**
 * GraphQL over SSE (the `graphql-sse` protocol, distinct connections mode)
 * on the GraphQL endpoint itself: a subscription asked for with
 * `accept: text/event-stream` is answered as a stream of events. It runs
 * after authentication and admission, so a partner's subscription is one of
 * its safelisted operations, like its queries. Queries and mutations go on
 * to Apollo Server as usual.
 */
export function eventStreamSubscriptions(subscriptions: Subscriptions, heartbeatMs: number): Step {
  return async (exchange) => {
    const { req, res, request, viewer, log, requestId } = exchange;
    if (!wantsEventStream(req) || !request || !viewer) return false;
    const params = paramsOf(request.method, request.search, request.body);
    const subscribed = await subscriptions.subscribe({
      ...params,
      viewer,
      authorization: req.headers.authorization,
      requestId,
      log,
      client: clientOf(viewer, exchange.clientAddress ?? req.socket.remoteAddress ?? 'unknown'),
    });
    if ('notSubscription' in subscribed) return false;
    if ('refusal' in subscribed) {
      exchange.refused = String(subscribed.refusal.errors[0]?.extensions?.code ?? ErrorCode.BAD_REQUEST);
      sendJson(res, subscribed.refusal.status, { errors: subscribed.refusal.errors });
      return true;
    }
    await streamResults(res, subscribed.stream, { heartbeatMs, headers: { 'x-request-id': requestId } });
    return true;
  };
}

export interface WebSocketOptions {
  subscriptions: Subscriptions;
  verifier: TokenVerifier;
  /** The gateway's front door (rate limit, partner safelists), as for HTTP requests. */
  admission: Admission;
  log: Logger;
  heartbeatMs: number;
  /** The GraphQL path the WebSocket is served on. @default /graphql */
  path?: string;
}

/** What a socket learns when it connects, kept for its subscriptions. */
type SocketExtra = { viewer?: Viewer; authorization?: string };

/** What a subscription's execution args carry from `onSubscribe` to `subscribe`: the stream already started. */
interface Started {
  stream: AsyncIterableIterator<ExecutionResult>;
}

/**
 * GraphQL over WebSocket (the `graphql-ws` protocol) on the same endpoint:
 * the token comes in `connection_init`'s payload as `authorization`
 * (browsers cannot set headers on a WebSocket) or the upgrade request's
 * header; a bad one closes the socket with 4403. Subscriptions only: queries
 * and mutations are answered over HTTP. Returns what closes every socket on
 * shutdown, after the subscriptions have been ended with their reason.
 */
export function webSocketSubscriptions(server: Server, options: WebSocketOptions): { close(): Promise<void>; clients(): number } {
  const path = options.path ?? '/graphql';
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname !== path && url.pathname !== '/') {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);
  useServer<Record<string, unknown>, SocketExtra>(
    {
      onConnect: async (ctx) => {
        const given = ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
        const authorization = typeof given === 'string' && given !== '' ? given : undefined;
        try {
          ctx.extra.viewer = await options.verifier.verify(authorization);
          ctx.extra.authorization = authorization;
          return true;
        } catch (error) {
          if (!(error instanceof TokenError)) throw error;
          options.log.warn({ reason: error.message }, 'WebSocket refused: bad token');
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const { request, viewer, authorization } = ctx.extra;
        const address = request.socket.remoteAddress ?? 'unknown';
        const requestId = randomUUID();
        const log = options.log.child({ requestId, transport: 'websocket' });
        const admitted = await options.admission({ request: { method: 'POST', search: '', body: payload }, viewer: viewer!, clientAddress: address });
        if (admitted.refusal) return [new GraphQLError(admitted.refusal.message, { extensions: { code: admitted.refusal.code } })];
        const params = admitted.request.body as typeof payload;
        const subscribed = await options.subscriptions.subscribe({
          ...params,
          viewer: viewer!,
          authorization,
          requestId,
          log,
          client: clientOf(viewer!, address),
        });
        if ('notSubscription' in subscribed) {
          return [
            new GraphQLError('Only subscriptions are served over the WebSocket: send queries and mutations as HTTP POSTs.', {
              extensions: { code: ErrorCode.BAD_REQUEST },
            }),
          ];
        }
        if ('refusal' in subscribed) return subscribed.refusal.errors.map((error) => new GraphQLError(error.message, { extensions: error.extensions }));
        const started: Started = { stream: subscribed.stream };
        return {
          schema: undefined as never,
          document: parse(String(params.query)),
          operationName: params.operationName ?? undefined,
          contextValue: started,
        } satisfies ExecutionArgs;
      },
      subscribe: (args) => (args.contextValue as Started).stream,
      execute: () => ({ errors: [new GraphQLError('Only subscriptions are served over the WebSocket.', { extensions: { code: ErrorCode.BAD_REQUEST } })] }),
    },
    wss,
    options.heartbeatMs,
  );
  return {
    clients: () => wss.clients.size,
    async close() {
      server.off('upgrade', onUpgrade);
      // 1012 (service restart): clients reconnect, to another replica behind the load balancer.
      for (const socket of wss.clients) socket.close(1012, 'The gateway is restarting: connect again.');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
