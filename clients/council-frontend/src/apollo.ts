import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { SseLink } from './sse-link';

/**
 * The one Apollo Client of the page. Lists page with the graph's Relay-style
 * connections: `relayStylePagination` merges each page fetched with
 * `fetchMore({ variables: { after: endCursor } })` into one list per set of
 * filters (its key arguments). Every operation uses errorPolicy "all": the
 * graph answers with whatever it could, plus errors for the parts it could
 * not (SERVICE_UNAVAILABLE, FORBIDDEN), and the page shows both.
 *
 * Subscriptions take their own link to the same endpoint, over SSE
 * (sse-link.ts); queries and mutations stay plain HTTP POSTs. A subscription's
 * results are written to the same normalized cache, so a Payment or Consent
 * that changes is shown changed wherever a list holds it.
 */
export function createClient(graphUrl: string, token: () => string | null): ApolloClient {
  const authorization = new SetContextLink((previous) => {
    const current = token();
    return current ? { headers: { ...previous.headers, authorization: `Bearer ${current}` } } : {};
  });
  return new ApolloClient({
    link: ApolloLink.split(
      ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
      new SseLink(graphUrl, token),
      authorization.concat(new HttpLink({ uri: graphUrl })),
    ),
    cache: new InMemoryCache({
      typePolicies: {
        Account: { fields: { payments: relayStylePagination(['status', 'direction']) } },
        Organisation: { fields: { payments: relayStylePagination(['status', 'direction']), learners: relayStylePagination() } },
      },
    }),
    defaultOptions: {
      watchQuery: { errorPolicy: 'all' },
      query: { errorPolicy: 'all' },
      mutate: { errorPolicy: 'all' },
    },
  });
}

// Tells Apollo Client's types that every operation here uses errorPolicy "all", so results type `data` as possibly partial.
// Apollo Client declares these as namespaces, so augmenting them takes namespaces too.
/* eslint-disable @typescript-eslint/no-namespace */
declare module '@apollo/client' {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
      interface Mutate {
        errorPolicy: 'all';
      }
    }
  }
}
/* eslint-enable @typescript-eslint/no-namespace */
