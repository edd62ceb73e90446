/**
 * The one file that knows @apollo/gateway's data-source internals: it extends
 * RemoteGraphQLDataSource only through its named hooks (`willSendRequest`,
 * `didEncounterError`, an injected fetcher), so a gateway-js upgrade is
 * checked here and nowhere else.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import type { GatewayContext } from './context';
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

/** The fetch RemoteGraphQLDataSource expects, made from a subgraph call; mutations are told apart here, where the body is. */
export function fetcherOf(call: SubgraphCall): Fetcher {
  return (async (_url: string, init: FetcherRequestInit = {}) => {
    const body = typeof init.body === 'string' ? init.body : '';
    const headers = { ...(init.headers as Record<string, string>) };
    return responseOf(await call(headers, body, MUTATION.test(body)));
  }) as unknown as Fetcher;
}

/** Passes the request id on, so one id follows a request through every subgraph's logs, and the caller's token, which each subgraph verifies again. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    call: SubgraphCall,
  ) {
    super({ url, fetcher: fetcherOf(call) });
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
