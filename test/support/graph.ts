import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraphQLClient } from 'graphql-request';
import type { Logger } from 'pino';
import { createLogger } from '../../platform/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/subgraph-names';
import { type GraphClaims, localIssuer } from '../../platform/tokens';
import { loadConfig, type SeedScale } from '../../runtime/config';
import { withClient } from '../../runtime/database';
import { type RunningGraph, startGraph } from '../../runtime/graph';
import { createTestDatabase } from './database';

export interface TestGraph extends RunningGraph {
  client: GraphQLClient;
  /** A token from the graph's own issuer, e.g. `{ role: 'staff', sub: 'x', org }`. */
  token(claims: GraphClaims, options?: { expiresIn?: string | number }): Promise<string>;
  /** Where the graph keeps its development signing key. */
  dataDir: string;
  /** A client that sends this token. */
  as(token: string): GraphQLClient;
  /** Runs SQL as the database owner: for arranging faults and checking rows behind the API. */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** Posts raw JSON to the gateway and returns status and body, for checks on error shapes. */
  post(body: unknown, token?: string): Promise<{ status: number; body: any }>;
  /** SQL statements each subgraph sent while `work` ran. */
  countStatements(work: () => Promise<unknown>): Promise<Record<SubgraphName, number>>;
}

/** The whole graph on port 0 over its own fresh database, seeded at the given scale. */
export async function startTestGraph(seed: SeedScale = 'default', env: Record<string, string> = {}, log?: Logger): Promise<TestGraph> {
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0']));
  // Its own data folder: the graph makes its development signing key there.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpg-test-graph-'));
  // No rate limit unless a test asks for one: suites send thousands of requests as one client.
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SEED: seed,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    ...ports,
    ...env,
  });
  const database = await createTestDatabase();
  const graph = await startGraph(config, log ?? createLogger({ level: config.logLevel, name: 'test' }), database).catch(async (error) => {
    await database.stop();
    throw error;
  });
  const issuer = await localIssuer(dataDir, config.auth.issuer, config.auth.audience);
  return {
    ...graph,
    client: new GraphQLClient(graph.gateway.url),
    token: (claims, options) => issuer.sign(claims, options),
    dataDir,
    as: (token) => new GraphQLClient(graph.gateway.url, { headers: { authorization: `Bearer ${token}` } }),
    async sql(query, params = []) {
      return (await withClient(database.adminUrl, (client) => client.query(query, params))).rows;
    },
    async post(body, token) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(graph.gateway.url, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    },
    async countStatements(work) {
      for (const counter of Object.values(graph.counters)) counter.reset();
      await work();
      return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, graph.counters[name].reset()])) as Record<SubgraphName, number>;
    },
    async stop() {
      const drained = await graph.stop();
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
      return drained;
    },
  };
}
