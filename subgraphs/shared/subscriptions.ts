import type { ServerResponse } from 'node:http';
import {
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  GraphQLError,
  createSourceEventStream,
  execute,
  getOperationAST,
  parse,
  validate,
} from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../../platform/errors';
import { openEventStream, streamResults, wantsEventStream, writeComplete, writeNext } from '../../platform/http/event-stream';
import type { Exchange, Step } from '../../platform/http/exchange';
import { sendJson } from '../../platform/http/respond';
import type { Viewer } from '../../platform/tokens';

/** What a subscription's context is built from: the same for every event, while the loaders in it are new each time. */
export interface SubscriberInfo {
  requestId: string;
  log: Logger;
  viewer: Viewer;
}

export interface SubscriptionStreamsOptions {
  schema: GraphQLSchema;
  /** A fresh context (and so fresh DataLoaders) for subscribing and for each event: an event never reads an earlier one's cache. */
  context(subscriber: SubscriberInfo): unknown;
  /** The subgraph's error masking, as for queries. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  log: Logger;
  /** A comment line this often keeps a quiet stream open through proxies. @default 12,000 ms */
  heartbeatMs?: number;
}

export interface SubscriptionStreams {
  /** The pipeline step: answers an event-stream request for a subscription, leaves anything else to Apollo. */
  step: Step;
  /** Ends every stream with SUBSCRIPTION_CLOSED (reconnect: true) and refuses new ones; resolves once each has closed. */
  close(): Promise<void>;
}

interface Body {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/**
 * A subgraph's subscriptions, over the GraphQL-over-SSE protocol the gateway
 * forwards them with (graphql-sse, distinct connections). Apollo Server runs
 * queries and mutations only, so subscriptions are executed here with
 * graphql-js: `createSourceEventStream` once (the field's `subscribe`
 * authorises the viewer and starts listening), then `execute` per event
 * with a new context, so each event is read fresh and authorised again. An
 * event the viewer may no longer see (FORBIDDEN for the root field) is sent
 * as that error and ends the stream.
 */
export function subscriptionStreams(options: SubscriptionStreamsOptions): SubscriptionStreams {
  const open = new Map<ServerResponse, () => void>();
  let closing = false;

  const format = (error: unknown): GraphQLFormattedError =>
    options.formatError(error instanceof GraphQLError ? error.toJSON() : { message: String((error as Error)?.message ?? error) }, error);
  const formatted = (result: ExecutionResult): ExecutionResult =>
    result.errors ? ({ ...result, errors: result.errors.map(format) } as unknown as ExecutionResult) : result;
  const refuse = (res: ServerResponse, status: number, errors: GraphQLFormattedError[]) => {
    sendJson(res, status, { errors });
    return true;
  };

  const step: Step = async (exchange: Exchange) => {
    const { req, res, requestId, log } = exchange;
    if (!wantsEventStream(req) || req.method !== 'POST') return false;
    const body = exchange.request?.body as Body | undefined;
    if (!body || typeof body !== 'object' || typeof body.query !== 'string') return false;
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return refuse(res, 400, [{ message: (error as Error).message, extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } }]);
    }
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    if (getOperationAST(document, operationName)?.operation !== 'subscription') return false;
    const invalid = validate(options.schema, document);
    if (invalid.length > 0) {
      return refuse(
        res,
        400,
        invalid.map((error) => ({ message: error.message, locations: error.locations, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } })),
      );
    }
    if (closing) return refuse(res, 503, [{ message: 'This service is shutting down.', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }]);
    const subscriber: SubscriberInfo = { requestId, log, viewer: exchange.viewer! };
    const variableValues = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : undefined;
    const run = { schema: options.schema, document, variableValues, operationName };
    const source = await createSourceEventStream({ ...run, contextValue: options.context(subscriber) });
    if (!(Symbol.asyncIterator in source)) {
      // Variables that do not fit are the request's fault (400, coded before masking, which would take an uncoded error for ours);
      // a refusal by the field itself is an answer, streamed.
      const raw = source.errors ?? [];
      if (raw.every((error) => !error.path)) {
        return refuse(
          res,
          400,
          raw.map((error) =>
            format(
              error.extensions?.code
                ? error
                : new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT } }),
            ),
          ),
        );
      }
      const errors = raw.map(format);
      openEventStream(res, { 'x-request-id': requestId });
      writeNext(res, { errors } as unknown as ExecutionResult);
      writeComplete(res);
      return true;
    }
    const events = source as AsyncIterableIterator<unknown>;
    let shuttingDown = false;
    // Each event executed with a new context; the stream ends after an event the viewer may no longer see, and says why
    // when this process shuts down.
    async function* results(): AsyncGenerator<ExecutionResult> {
      try {
        for (;;) {
          const next = await events.next();
          if (next.done) break;
          const result = formatted(await execute({ ...run, rootValue: next.value, contextValue: options.context(subscriber) }));
          yield result;
          // The root field failed for this viewer now (a payment moved out of sight, say): nothing more is theirs to see.
          if (result.data === null || result.data === undefined) return;
        }
        if (shuttingDown) {
          yield {
            errors: [{ message: 'This service is shutting down: subscribe again.', extensions: { code: ErrorCode.SUBSCRIPTION_CLOSED, reconnect: true } }],
          } as unknown as ExecutionResult;
        }
      } catch (error) {
        yield { errors: [format(error)] } as unknown as ExecutionResult;
      } finally {
        void events.return?.();
      }
    }
    const mapped = results();
    const stream: AsyncIterableIterator<ExecutionResult> = {
      next: () => mapped.next(),
      // The client went: the events end at once, which lets the generator finish (its own `return` would wait for the pending event).
      return: () => {
        void events.return?.();
        return mapped.return(undefined);
      },
      [Symbol.asyncIterator]: () => stream,
    };
    open.set(res, () => {
      shuttingDown = true;
      void events.return?.();
    });
    log.info({ subscriptions: open.size }, 'subscription opened');
    try {
      // `connection: close`: a process that is shutting down ends its streams, and the gateway subscribes again elsewhere.
      await streamResults(res, stream, { heartbeatMs: options.heartbeatMs, headers: { 'x-request-id': requestId, connection: 'close' } });
    } finally {
      open.delete(res);
    }
    return true;
  };

  return {
    step,
    async close() {
      closing = true;
      await Promise.all(
        [...open].map(
          ([res, end]) =>
            new Promise<void>((resolve) => {
              if (res.writableFinished || res.destroyed) return resolve();
              res.once('close', () => resolve());
              end();
            }),
        ),
      );
    },
  };
}
