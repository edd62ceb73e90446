/** Every line a request causes carries its id, the masked internal error's too: real server on port 0, real logger. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { maskErrors } from '../platform/errors';
import { createGraphQLHttpServer, type GraphQLHttpServer, listen } from '../platform/http/server';
import { createLogger } from '../platform/logger';
import { Metrics } from '../platform/metrics';
import { verifierFor } from '../platform/tokens';

let dataDir: string;
let server: GraphQLHttpServer;
let apollo: ApolloServer;
let url: string;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpg-request-log-'));
  const log = createLogger({ level: 'info', name: 'request-log-test', destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  apollo = new ApolloServer({
    typeDefs: 'type Query { broken: Int }',
    resolvers: {
      Query: {
        broken: () => {
          throw new Error('relation "payments.secret_table" does not exist');
        },
      },
    },
    formatError: maskErrors(log),
  });
  await apollo.start();
  server = createGraphQLHttpServer({
    apollo,
    log,
    bodyLimitBytes: 10_000,
    verifier: await verifierFor({ issuer: 'urn:test', audience: 'test', algorithms: ['ES256'], jwksUrl: null, jwksFile: null, local: true }, dataDir),
    metrics: new Metrics('request-log-test'),
    component: 'request-log-test',
    context: async () => ({}),
    ready: async () => true,
  });
  url = await listen(server, 0, '127.0.0.1');
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await apollo.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the request log', () => {
  it("logs a masked internal error under the request's id, and tells the client nothing of it", async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'probe-internal-1' },
      body: JSON.stringify({ query: '{ broken }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toContain('secret_table');
    const masked = lines.find((line) => line.msg === 'internal error masked');
    expect(masked).toMatchObject({ requestId: 'probe-internal-1', level: 50 });
    expect(JSON.stringify(masked)).toContain('secret_table');
  });
});
