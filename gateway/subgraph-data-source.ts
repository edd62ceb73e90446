import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import type { GatewayContext } from './server';
import { type SubgraphAnswer, type SubgraphCall, unavailableError } from './subgraph-fetch';

// The gateway writes each subgraph operation as `{"query":"mutation …`; inside variables a quote is escaped, so this cannot match there.
const MUTATION = /"query":"\s*mutation\b/;

/** Enough of a fetch Response for RemoteGraphQLDataSource, which reads ok, status, a header or two and the JSON body. */
function responseOf(answer: SubgraphAnswer) {
  return {
    ok: answer.status >= 200 && answer.status < 300,
    status: answer.status,
    statusText: '',
    url: '',
    headers: {
      get: (name: string) => {
        const value = answer.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : (value ?? null);
      },
    },
    text: async () => answer.body,
    json: async () => JSON.parse(answer.body) as unknown,
  };
}

/**
 * The fetch a SubgraphDataSource uses: the resilient keep-alive call, with
 * identical in-flight calls shared. A query fetch with the same body and the
 * same Authorization as one already on its way waits for that one's answer
 * instead of asking again: same token, same caller, so one user's data never
 * reaches another. Mutations are never shared. Each caller parses the shared
 * text itself, because the gateway merges results into the objects it gets.
 */
export function sharingFetcher(call: SubgraphCall, onShared: () => void = () => undefined): Fetcher {
  const inFlight = new Map<string, Promise<SubgraphAnswer>>();
  return (async (_url: string, init: FetcherRequestInit = {}) => {
    const body = typeof init.body === 'string' ? init.body : '';
    const headers = { ...(init.headers as Record<string, string>) };
    const mutation = MUTATION.test(body);
    if (mutation) return responseOf(await call(headers, body, true));
    const key = `${headers.authorization ?? ''}\n${body}`;
    let pending = inFlight.get(key);
    if (pending) onShared();
    else {
      pending = call(headers, body, false).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return responseOf(await pending);
  }) as unknown as Fetcher;
}

/** Passes the request id on, so one id follows a request through every subgraph's logs, and the caller's token, which each subgraph verifies again. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly serviceName: string, url: string, fetcher: Fetcher) {
    super({ url, fetcher });
  }

  /** A subgraph that cannot answer becomes one clear error naming it; the other subgraphs' data still comes back. */
  override didEncounterError(error: Error): void {
    throw unavailableError(this.serviceName, error);
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
    if (context?.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}
