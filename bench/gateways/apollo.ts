/**
 * (b) A plain @apollo/gateway in @apollo/server's standalone server, with
 * defaults; the one addition is passing the caller's token on, without which
 * the subgraphs would refuse most of the benchmark's queries.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { announce, benchInputs } from './common';

interface Context {
  authorization?: string;
}

async function main(): Promise<void> {
  const { supergraphSdl, subgraphUrls } = benchInputs();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<Context>({
        url: subgraphUrls[name],
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const server = new ApolloServer<Context>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  announce(url);
}

void main();
