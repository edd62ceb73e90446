import type { ApolloServerPlugin } from '@apollo/server';
import type { CachePolicy } from './cache-policy';
import type { GatewayContext } from './context';

/**
 * The `cache-control` of every answer: `public, max-age=<n>` for a query
 * made only of public fields (every one marked `@cacheControl(scope:
 * PUBLIC)`, n the least maxAge among them) that answered without errors,
 * whoever asked, since such an answer is the same for everyone; `no-store`
 * for everything else. The HTTP layer adds a strong ETag to a public answer
 * and answers a matching `If-None-Match` with 304 (platform/http/conditional.ts).
 * It replaces Apollo's own cache-control plugin, which the gateway cannot
 * feed: subgraphs send no hints.
 */
export function publicAnswersPlugin(policy: () => CachePolicy): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, operationName }) {
          const body = response.body;
          const clean = body.kind === 'single' && !body.singleResult.errors?.length && body.singleResult.data != null;
          const answer = clean && document ? policy().answer(document, operationName) : null;
          response.http.headers.set('cache-control', answer ? `public, max-age=${answer.maxAgeSeconds}` : 'no-store');
        },
      };
    },
  };
}
