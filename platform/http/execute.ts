import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { answerConditionally } from './conditional';
import type { Exchange, Step } from './exchange';

/** What a process tells Apollo about one request, to build its GraphQL context from. */
export interface RequestInfo {
  requestId: string;
  headers: Exchange['req']['headers'];
  log: Exchange['log'];
  /** Who is asking: verified before any GraphQL runs. */
  viewer: NonNullable<Exchange['viewer']>;
  /** The client's address, through trusted proxies only. */
  clientAddress: string;
}

export interface ExecuteOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (request: RequestInfo) => Promise<TContext>;
}

/** Runs the admitted request through Apollo Server and writes its answer, streamed when Apollo streams. */
export function execute<TContext extends BaseContext>(options: ExecuteOptions<TContext>): Step {
  return async ({ req, res, requestId, log, viewer, request, clientAddress }) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { ...request!, headers },
      context: () =>
        options.context({ requestId, headers: req.headers, log, viewer: viewer!, clientAddress: clientAddress ?? req.socket.remoteAddress ?? 'unknown' }),
    });
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      if (res.statusCode === 200 && answerConditionally(req, res, result.body.string)) return true;
      res.end(result.body.string);
      return true;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
    return true;
  };
}
