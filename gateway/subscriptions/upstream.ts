import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import { request } from 'undici';
import { ErrorCode } from '../../platform/errors';
import { GATEWAY_SIGNATURE_HEADER, signGatewayCall } from '../../platform/gateway-signature';
import { EVENT_STREAM, eventsOf } from '../../platform/http/event-stream';

export interface UpstreamRequest {
  /** The owning subgraph's GraphQL URL. */
  url: string;
  serviceName: string;
  query: string;
  variables: Record<string, unknown>;
  operationName: string | undefined;
  /** The subscriber's own token: the subgraph verifies it and authorises the subscription itself. */
  authorization: string | undefined;
  requestId: string;
  secret: string | null;
  signal: AbortSignal;
  /** Called once the subgraph's stream is open: it listens for changes from then on. */
  onOpen?(): void;
}

/** The owning subgraph could not be reached or broke the stream: the subscriber is told to subscribe again. */
export class UpstreamLost extends Error {
  override name = 'UpstreamLost';
}

/**
 * The subscription sent on to the subgraph that owns its field, over the same
 * GraphQL-over-SSE protocol clients use, signed like every other call: each
 * `next` event is yielded as it arrives, and the generator ends at
 * `complete`. A refusal before the stream (the subgraph's 4xx with
 * `{errors}`) is yielded as one result. Aborting `signal` closes the stream,
 * which ends the subgraph's subscription and its database listener.
 */
export async function* subscribeUpstream(upstream: UpstreamRequest): AsyncGenerator<ExecutionResult> {
  const body = JSON.stringify({ query: upstream.query, variables: upstream.variables, operationName: upstream.operationName });
  const headers: Record<string, string> = { accept: EVENT_STREAM, 'content-type': 'application/json', 'x-request-id': upstream.requestId };
  if (upstream.authorization) headers.authorization = upstream.authorization;
  if (upstream.secret) headers[GATEWAY_SIGNATURE_HEADER] = signGatewayCall(upstream.secret, body);
  let response: Awaited<ReturnType<typeof request>>;
  try {
    // No body timeout: a stream may be quiet for long; heartbeats come every 12 s, and a dead connection ends in a reset.
    response = await request(upstream.url, { method: 'POST', headers, body, signal: upstream.signal, headersTimeout: 10_000, bodyTimeout: 0 });
  } catch (error) {
    if (upstream.signal.aborted) return;
    throw new UpstreamLost(`the ${upstream.serviceName} subgraph could not be reached: ${(error as Error).message}`);
  }
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith(EVENT_STREAM)) {
    const text = await response.body.text().catch(() => '');
    let refusal: ExecutionResult | null = null;
    try {
      const parsed = JSON.parse(text) as ExecutionResult;
      if (Array.isArray(parsed.errors) && parsed.errors.length > 0) refusal = parsed;
    } catch {
      // Not JSON: not an answer of ours.
    }
    if (refusal && response.statusCode < 500) {
      yield refusal;
      return;
    }
    throw new UpstreamLost(`the ${upstream.serviceName} subgraph answered HTTP ${response.statusCode}`);
  }
  upstream.onOpen?.();
  try {
    for await (const { event, data } of eventsOf(response.body)) {
      if (event === 'complete') return;
      if (event === 'next') yield JSON.parse(data) as ExecutionResult;
    }
  } catch (error) {
    if (upstream.signal.aborted) return;
    throw new UpstreamLost(`the ${upstream.serviceName} subgraph's stream broke: ${(error as Error).message}`);
  } finally {
    if (!response.body.destroyed) response.body.destroy();
  }
  if (!upstream.signal.aborted) throw new UpstreamLost(`the ${upstream.serviceName} subgraph ended the stream without completing it`);
}

/** The error a subscriber gets when the graph ends a subscription; `reconnect` says whether subscribing again is the fix. */
export function subscriptionClosed(message: string, reconnect: boolean, code: ErrorCode = ErrorCode.SUBSCRIPTION_CLOSED): GraphQLError {
  return new GraphQLError(message, { extensions: { code, reconnect } });
}
