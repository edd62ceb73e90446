import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * The one Apollo Client of the page. Lists page with the graph's Relay-style
 * connections: `relayStylePagination` merges each page fetched with
 * `fetchMore({ variables: { after: endCursor } })` into one list per set of
 * filters (its key arguments). Every operation uses errorPolicy "all": the
 * graph answers with whatever it could, plus errors for the parts it could
 * not (SERVICE_UNAVAILABLE, FORBIDDEN), and the page shows both.
 */
export function createClient(graphUrl: string, token: () => string | null): ApolloClient {
  const authorization = new SetContextLink((previous) => {
    const current = token();
    return current ? { headers: { ...previous.headers, authorization: `Bearer ${current}` } } : {};
  });
  return new ApolloClient({
    link: authorization.concat(new HttpLink({ uri: graphUrl })),
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
