import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import { type PersistedQueryManifest, sha256 } from '../../gateway/persisted-queries';

/** What the client put on the wire, request by request: the real protocol, observed, not replaced. */
export interface Sent {
  hash: string | undefined;
  withQuery: boolean;
  status: number;
  codes: string[];
}

function recordingFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const request = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    const body = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { errors?: { extensions?: { code?: string } }[] };
    sent.push({
      hash: request.extensions?.persistedQuery?.sha256Hash,
      withQuery: typeof request.query === 'string',
      status: response.status,
      codes: (body.errors ?? []).map((error) => error.extensions?.code ?? ''),
    });
    return response;
  };
}

/**
 * An @apollo/client over HTTP with Apollo's persisted-query link: hashes as
 * automatic persisted queries do, or, given a manifest, the manifest's ids
 * (as a partner's build would, with @apollo/persisted-query-lists).
 */
export function persistedQueryClient(url: string, options: { token?: string; manifest?: PersistedQueryManifest } = {}) {
  const sent: Sent[] = [];
  const hashing = options.manifest ? generatePersistedQueryIdsFromManifest({ loadManifest: async () => options.manifest! }) : { sha256 };
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([
      new PersistedQueryLink(hashing),
      new HttpLink({ uri: url, fetch: recordingFetch(sent), headers: options.token ? { authorization: `Bearer ${options.token}` } : {} }),
    ]),
    defaultOptions: { query: { fetchPolicy: 'no-cache' } },
  });
  return { client, sent };
}
