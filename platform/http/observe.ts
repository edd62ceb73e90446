import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { type Context, SpanKind, context, propagation, trace, tracer } from '../tracing';
import type { Exchange } from './exchange';
import { PROBE_PATHS } from './probes';

export interface ObserveOptions {
  log: Logger;
  /** Names this process in its trace spans: "gateway" or the subgraph's name. */
  component: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Opens a request: its id (the caller's `x-request-id` when well formed, so one
 * id follows a request through every process), a server span continuing the
 * caller's W3C trace context, and a logger carrying both. When the response
 * closes, answered or abandoned, it ends the span and writes the one request
 * log line: what and how it went, never the variables or the token.
 */
export function observe(options: ObserveOptions, req: IncomingMessage, res: ServerResponse): { exchange: Exchange; traceContext: Context } {
  const header = req.headers['x-request-id'];
  const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  res.setHeader('x-request-id', requestId);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const started = process.hrtime.bigint();
  // A no-op when tracing is off.
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer().startSpan(
    `${req.method} ${url.pathname}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': url.pathname, 'graph.component': options.component } },
    parent,
  );
  const traceId = span.isRecording() ? span.spanContext().traceId : undefined;
  const log = options.log.child(traceId ? { requestId, traceId } : { requestId });
  const exchange: Exchange = { req, res, url, requestId, log };
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (exchange.operationName) span.setAttribute('graphql.operation.name', exchange.operationName);
    span.end();
    if (PROBE_PATHS.has(url.pathname)) return;
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    log.info(
      {
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        durationMs,
        operationName: exchange.operationName,
        role: exchange.viewer?.role ?? null,
        clientAddress: exchange.clientAddress,
        refused: exchange.refused,
        completed: res.writableFinished,
      },
      'request',
    );
  });
  return { exchange, traceContext: trace.setSpan(parent, span) };
}
