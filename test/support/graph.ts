import { GraphQLClient } from 'graphql-request';
import { loadConfig, type SeedScale } from '../../runtime/config';
import { withClient } from '../../runtime/database';
import { type RunningGraph, startGraph } from '../../runtime/graph';
import { createLogger } from '../../runtime/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/shared/subgraph';
import { createTestDatabase } from './database';

export interface TestGraph extends RunningGraph {
  client: GraphQLClient;
  /** Runs SQL as the database owner: for arranging faults and checking rows behind the API. */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** Posts raw JSON to the gateway and returns status and body, for checks on error shapes. */
  post(body: unknown): Promise<{ status: number; body: any }>;
  /** SQL statements each subgraph sent while `work` ran. */
  countStatements(work: () => Promise<unknown>): Promise<Record<SubgraphName, number>>;
}

/** The whole graph on port 0 over its own fresh database, seeded at the given scale. */
export async function startTestGraph(seed: SeedScale = 'default'): Promise<TestGraph> {
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0']));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', SEED: seed, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...ports });
  const database = await createTestDatabase();
  const graph = await startGraph(config, createLogger({ level: config.logLevel, name: 'test' }), database).catch(async (error) => {
    await database.stop();
    throw error;
  });
  return {
    ...graph,
    client: new GraphQLClient(graph.gateway.url),
    async sql(query, params = []) {
      return (await withClient(database.adminUrl, (client) => client.query(query, params))).rows;
    },
    async post(body) {
      const response = await fetch(graph.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    },
    async countStatements(work) {
      for (const counter of Object.values(graph.counters)) counter.reset();
      await work();
      return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, graph.counters[name].reset()])) as Record<SubgraphName, number>;
    },
    async stop() {
      await graph.stop();
      await database.stop();
    },
  };
}
