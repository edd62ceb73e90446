/**
 * (c) Hive Gateway (@graphql-hive/gateway's runtime) on node:http, with
 * defaults; like (b), it passes the caller's token on.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { announce, benchInputs } from './common';

async function main(): Promise<void> {
  const { supergraphSdl } = benchInputs();
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: 'error',
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
}

void main();
