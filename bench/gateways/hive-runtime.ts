/**
 * Hive Gateway's runtime on node:http, as (c) and (d) both run it: defaults,
 * the caller's token passed on; (d) adds Hive Router's unified graph handler.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GatewayConfigSupergraph, createGatewayRuntime } from '@graphql-hive/gateway';
import { announce, benchInputs } from './common';

export async function serveHiveGateway(extra: Partial<GatewayConfigSupergraph> = {}): Promise<void> {
  const { supergraphSdl } = benchInputs();
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: 'error',
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
    ...extra,
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
}
