import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';

/**
 * GraphQL over server-sent events, as the `graphql-sse` protocol's
 * "distinct connections" mode has it: the client asks with
 * `accept: text/event-stream` and the usual GraphQL body; the answer is a
 * stream of `event: next` with one execution result each, ended by
 * `event: complete`. The gateway speaks it to clients and to the subgraphs
 * that own subscription fields, so one writer and one reader serve both.
 */
export const EVENT_STREAM = 'text/event-stream';

/** True when the request asks for an event stream (graphql-sse's distinct connections mode). */
export function wantsEventStream(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  return typeof accept === 'string' && accept.includes(EVENT_STREAM);
}

/** One server-sent event: its name and its data (the lines joined). */
export interface StreamEvent {
  event: string;
  data: string;
}

/** Splits a server-sent event stream into events; comments (heartbeats) are skipped. */
export async function* eventsOf(body: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<StreamEvent> {
  let buffered = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    buffered += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      let named = false;
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          event = line.slice(6).trim();
          named = true;
        } else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0 || named) yield { event, data: data.join('\n') };
    }
  }
}

export interface StreamResultsOptions {
  /** A comment line this often, so proxies and load balancers keep a quiet stream open. @default 12,000 ms */
  heartbeatMs?: number;
  /** Extra response headers (a request id). */
  headers?: Record<string, string>;
}

/** Opens the event stream on `res`: status, headers, flushed at once so the client knows it is subscribed. */
export function openEventStream(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': `${EVENT_STREAM}; charset=utf-8`,
    'cache-control': 'no-store',
    // Tells nginx-like proxies not to buffer the stream.
    'x-accel-buffering': 'no',
    ...headers,
  });
  res.flushHeaders();
}

/** Writes one result as a `next` event. */
export function writeNext(res: ServerResponse, result: ExecutionResult): void {
  res.write(`event: next\ndata: ${JSON.stringify(result)}\n\n`);
}

/** Writes `complete` and ends the response. */
export function writeComplete(res: ServerResponse): void {
  if (res.writableEnded) return;
  res.end('event: complete\ndata:\n\n');
}

/**
 * Streams `results` as `next` events, then `complete`. When the client goes
 * away first, the iterator is told to return, so whatever feeds it (a
 * database listener, an upstream stream) is released at once.
 */
export async function streamResults(res: ServerResponse, results: AsyncIterable<ExecutionResult>, options: StreamResultsOptions = {}): Promise<void> {
  if (!res.headersSent) openEventStream(res, options.headers);
  const iterator = results[Symbol.asyncIterator]();
  const heartbeat = setInterval(() => res.write(':\n\n'), options.heartbeatMs ?? 12_000);
  heartbeat.unref();
  const gone = () => void iterator.return?.();
  res.once('close', gone);
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done || res.destroyed) break;
      writeNext(res, next.value);
    }
  } finally {
    clearInterval(heartbeat);
    res.off('close', gone);
    writeComplete(res);
  }
}
