/**
 * (d) Hive Gateway with Hive Router's query planner and executor (Rust, via
 * @graphql-hive/router-runtime: what `hive-gateway --hive-router-runtime`
 * loads) on node:http, otherwise as (c): defaults, the caller's token passed on.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { announce, benchInputs } from './common';

async function main(): Promise<void> {
  const { supergraphSdl } = benchInputs();
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: 'error',
    unifiedGraphHandler,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
}

void main();
