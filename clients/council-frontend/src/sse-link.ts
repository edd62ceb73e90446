import { ApolloLink } from '@apollo/client';
import { print } from '@apollo/client/utilities';
import { type Client, createClient } from 'graphql-sse';
import { Observable } from 'rxjs';

/**
 * Subscriptions over GraphQL over SSE (the `graphql-sse` protocol, distinct
 * connections mode): each subscription is an ordinary POST to the GraphQL
 * endpoint with `accept: text/event-stream`, answered as a stream of events.
 *
 * Why SSE rather than a WebSocket: it is plain HTTPS, so it passes council
 * proxies and gateways that refuse or cut the WebSocket upgrade; it carries
 * the token in the Authorization header like every query (a WebSocket cannot
 * set headers); and CORS treats it like any other POST. Apollo Client has no
 * SSE link of its own, hence this small one.
 */

declare module '@apollo/client' {
  interface DefaultContext {
    /**
     * Called each time a subscription's stream opens (the gateway answers 200
     * once the owning subgraph listens, so every change committed from then on
     * arrives). `reopened` is true when graphql-sse opened it again after the
     * connection broke: changes may have been missed, so read the list again.
     */
    onStreamOpen?: (reopened: boolean) => void;
  }
}

export class SseLink extends ApolloLink {
  private readonly client: Client;

  constructor(url: string, token: () => string | null) {
    super();
    this.client = createClient({
      url,
      singleConnection: false,
      // Asked for each subscription (and each reopening), so it is always the current token.
      headers: (): Record<string, string> => {
        const current = token();
        return current ? { authorization: `Bearer ${current}` } : {};
      },
      // A stream cut by the network (a proxy's idle timeout, a laptop waking) is opened again, with backoff.
      retryAttempts: 3,
      fetchFn: refusalsAsEvents,
    });
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    const { onStreamOpen } = operation.getContext();
    return new Observable((observer) =>
      this.client.subscribe<Record<string, unknown>>(
        { query: print(operation.query), variables: operation.variables, operationName: operation.operationName, extensions: operation.extensions },
        {
          next: (result) => observer.next(result as ApolloLink.Result),
          complete: () => observer.complete(),
          error: (error) => observer.error(error instanceof Error ? error : new Error(String(error))),
        },
        { connected: (reopened) => onStreamOpen?.(reopened) },
      ),
    );
  }
}

/**
 * The gateway refuses a subscription it will not run (a validation error,
 * FORBIDDEN at the door, TOO_MANY_SUBSCRIPTIONS) with an HTTP 4xx and GraphQL
 * errors. graphql-sse would take that for a broken connection and try again;
 * instead it becomes one event carrying those errors, so the page shows their
 * `extensions.code` like any other answer and nothing is retried that would
 * only be refused again.
 */
async function refusalsAsEvents(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.ok || response.status >= 500 || !response.headers.get('content-type')?.includes('json')) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { errors?: unknown } | null;
  if (!Array.isArray(body?.errors)) return response;
  const events = `event: next\ndata: ${JSON.stringify({ errors: body.errors })}\n\nevent: complete\ndata:\n\n`;
  return new Response(events, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}
