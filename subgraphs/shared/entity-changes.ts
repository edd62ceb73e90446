import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { ErrorCode } from '../../platform/errors';
import { GATEWAY_SIGNATURE_HEADER, gatewaySignatureProblem } from '../../platform/gateway-signature';
import { sendError } from '../../platform/http/respond';
import type { SubgraphName } from '../../platform/subgraph-names';
import { type ChangeFeed, notify } from './notifications';

/** The path a subgraph streams its public entities' changes on, to the gateways that cache them. */
export const ENTITY_CHANGES_PATH = '/changes';

/** What a gateway signs to open the stream: a GET has no body, so the method and path stand in for it. */
export const ENTITY_CHANGES_SIGNED = `GET ${ENTITY_CHANGES_PATH}`;

/** One change to a public entity: the gateways drop what they cached of it. */
export interface EntityChange {
  typename: string;
  id: string;
}

const channelOf = (subgraph: SubgraphName) => `${subgraph}_entity_changes`;

/**
 * Tells every gateway that a public entity (one with `@cacheControl(scope:
 * PUBLIC)` fields) changed. Called inside the write's transaction: sent on
 * commit, never for a rolled-back write.
 */
export function announceEntityChange(tx: EntityManager, subgraph: SubgraphName, change: EntityChange): Promise<void> {
  return notify(tx, channelOf(subgraph), change);
}

export interface EntityChangeStreams {
  /** Answers `GET /changes` (true) or leaves the request to the next route (false). */
  route(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Streams open now. */
  open(): number;
  /** Ends every stream and resolves once each has closed (before the server drains, which would otherwise wait for them). */
  close(): Promise<void>;
}

/**
 * `GET /changes`: this subgraph's entity changes as server-sent events, one
 * `data:` line of JSON per change, for the gateways only (signed like a
 * GraphQL call, over `GET /changes`). A stream opens with a `ready` event
 * once the database is being listened to; a gateway caches nothing of this
 * subgraph before it, nor after the stream breaks, until the next `ready`.
 * A `gap` event says changes may have been missed (the listening connection
 * was lost and made again): the gateway drops all it holds of this subgraph.
 */
export function entityChangeStreams(options: {
  subgraph: SubgraphName;
  feed: () => ChangeFeed;
  gatewaySecrets: readonly string[];
  log: Logger;
  heartbeatMs?: number;
}): EntityChangeStreams {
  const streams = new Set<ServerResponse>();
  let closing = false;
  return {
    route(req, res, url) {
      if (url.pathname !== ENTITY_CHANGES_PATH) return false;
      if (req.method !== 'GET') {
        sendError(res, 405, ErrorCode.BAD_REQUEST, 'Use GET.');
        return true;
      }
      if (options.gatewaySecrets.length > 0) {
        const header = req.headers[GATEWAY_SIGNATURE_HEADER];
        const problem = gatewaySignatureProblem(options.gatewaySecrets, typeof header === 'string' ? header : undefined, ENTITY_CHANGES_SIGNED);
        if (problem) {
          options.log.warn({ reason: problem }, 'change stream refused: not the gateway');
          sendError(res, 403, ErrorCode.FORBIDDEN, "This service answers the graph's gateway only.");
          return true;
        }
      }
      if (closing) {
        sendError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, 'This service is shutting down.');
        return true;
      }
      const feed = options.feed();
      // `connection: close`: a stream's socket is never reused, so once it ends a gateway reconnects on a new
      // connection, which a process that is shutting down no longer accepts.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'close' });
      res.flushHeaders();
      streams.add(res);
      const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const off = feed.on(channelOf(options.subgraph), (change) => send('change', change));
      const offGap = feed.onGap(() => send('gap', {}));
      // Comments keep proxies and load balancers from closing a quiet stream.
      const heartbeat = setInterval(() => res.write(': \n\n'), options.heartbeatMs ?? 15_000);
      heartbeat.unref();
      res.once('close', () => {
        streams.delete(res);
        off();
        offGap();
        clearInterval(heartbeat);
      });
      feed.ready().then(
        () => send('ready', {}),
        (error: unknown) => {
          options.log.warn({ err: error }, 'change stream ended: the database cannot be listened to');
          res.end();
        },
      );
      options.log.info({ streams: streams.size }, 'change stream opened');
      return true;
    },
    open: () => streams.size,
    async close() {
      closing = true;
      await Promise.all(
        [...streams].map(
          (res) =>
            new Promise<void>((resolve) => {
              res.once('close', () => resolve());
              res.end();
            }),
        ),
      );
    },
  };
}
