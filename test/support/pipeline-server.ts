import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { createGraphQLHttpServer, type GraphQLHttpServer, listen } from '../../platform/http/server';
import { createLogger } from '../../platform/logger';
import { Metrics } from '../../platform/metrics';
import { verifierFor } from '../../platform/tokens';

export interface PipelineServer {
  server: GraphQLHttpServer;
  url: string;
  /** Every line logged at `level` or above, parsed. */
  lines: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * The HTTP pipeline the gateway and the subgraphs stand on, over a small
 * schema of the test's own, on a real port 0, with tokens checked by a
 * development issuer of its own: for tests of the pipeline itself.
 */
export async function startPipelineServer(
  schema: Pick<ApolloServerOptions<BaseContext>, 'typeDefs' | 'resolvers'> & {
    formatError?: (log: ReturnType<typeof createLogger>) => ApolloServerOptions<BaseContext>['formatError'];
  },
  level = 'info',
): Promise<PipelineServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpg-pipeline-'));
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level, name: 'pipeline-test', destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  const apollo = new ApolloServer({ typeDefs: schema.typeDefs!, resolvers: schema.resolvers, formatError: schema.formatError?.(log) });
  await apollo.start();
  const server = createGraphQLHttpServer({
    apollo,
    log,
    bodyLimitBytes: 10_000,
    verifier: await verifierFor({ issuer: 'urn:test', audience: 'test', algorithms: ['ES256'], jwksUrl: null, jwksFile: null, local: true }, dataDir),
    metrics: new Metrics('pipeline-test'),
    component: 'pipeline-test',
    context: async () => ({}),
    ready: async () => true,
  });
  const url = await listen(server, 0, '127.0.0.1');
  return {
    server,
    url,
    lines,
    async stop() {
      server.closeAllConnections();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
