import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createGateway, type RunningGateway } from '../gateway/server';
import type { DrainReport } from '../platform/http/server';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph-names';
import { type TokenVerifier, verifierFor } from '../platform/tokens';
import { startTracing } from '../platform/tracing';
import { seedGraph, seededAccounts } from '../seed';
import { SUBGRAPHS } from '../subgraphs';
import { StatementCounter } from '../subgraphs/shared/data-source';
import { createSubgraph, type RunningSubgraph } from '../subgraphs/shared/subgraph';
import { gatewayOptionsOf, gatewaySecretsOf, readConfiguredSupergraph } from './config';
import type { GraphConfig } from './config';
import { ensureDatabase, localSecret, provisionRoles, provisionSchemas, startEmbeddedPostgres, subgraphDatabaseUrls } from './database';
import { migrateUp, openDataSource } from './migrations';

export interface GraphDatabase {
  /** Each subgraph's login URL (its own role). */
  urls: Record<SubgraphName, string>;
  /** Set when the embedded Postgres was started here. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Finds or makes the database: the server in DATABASE_URL, or an embedded one
 * under the data folder. Provisions one role and one schema per subgraph
 * unless every subgraph was given its own URL.
 */
export async function prepareDatabase(config: GraphConfig, log: Logger): Promise<GraphDatabase> {
  const explicit = SUBGRAPH_NAMES.every((name) => config.subgraphs[name].databaseUrl);
  let adminUrl = config.database.adminUrl;
  let stop = async () => {};
  let embedded = false;
  if (!adminUrl && !explicit) {
    const server = await startEmbeddedPostgres({
      dataDir: config.embeddedPostgres.dataDir,
      port: config.embeddedPostgres.port,
      password: localSecret(config.embeddedPostgres.dataDir, 'postgres-password'),
      log,
    });
    adminUrl = await ensureDatabase(server.adminUrl, 'scotland_graph');
    stop = server.stop;
    embedded = true;
    log.info({ port: config.embeddedPostgres.port, dataDir: config.embeddedPostgres.dataDir }, 'embedded PostgreSQL started');
  }
  const derived: Partial<Record<SubgraphName, string>> = {};
  if (adminUrl) {
    const roles = { prefix: config.database.rolePrefix, secret: config.database.roleSecret ?? localSecret(config.embeddedPostgres.dataDir, 'role-secret') };
    if (!explicit) {
      await provisionRoles(adminUrl, roles);
      await provisionSchemas(adminUrl, roles);
    }
    Object.assign(derived, subgraphDatabaseUrls(adminUrl, roles));
  }
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, config.subgraphs[name].databaseUrl ?? derived[name]!])) as Record<SubgraphName, string>;
  return { urls, embedded, stop };
}

/** Opens every subgraph's DataSource and applies its pending migrations. */
export async function openAndMigrate(
  urls: Record<SubgraphName, string>,
  log: Logger,
  options: { poolSize?: number; counters?: Record<SubgraphName, StatementCounter> } = {},
): Promise<Record<SubgraphName, DataSource>> {
  const dataSources = {} as Record<SubgraphName, DataSource>;
  for (const name of SUBGRAPH_NAMES) {
    dataSources[name] = await openDataSource(SUBGRAPHS[name], urls[name], {
      log: log.child({ subgraph: name }),
      poolSize: options.poolSize,
      counter: options.counters?.[name],
    });
    const applied = await migrateUp(dataSources[name]);
    if (applied.length) log.info({ subgraph: name, applied }, 'migrations applied');
  }
  return dataSources;
}

export interface RunningGraph {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  dataSources: Record<SubgraphName, DataSource>;
  /** SQL statements each subgraph has sent, for N+1 checks. */
  counters: Record<SubgraphName, StatementCounter>;
  verifier: TokenVerifier;
  /** Drains the gateway, then the subgraphs, then closes the pools and the embedded Postgres; reports the drains together. */
  stop(): Promise<DrainReport>;
}

/** A statement counter per subgraph, to hand to openAndMigrate. */
export function statementCounters(): Record<SubgraphName, StatementCounter> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, new StatementCounter()])) as Record<SubgraphName, StatementCounter>;
}

/**
 * Starts the five subgraphs over their open DataSources, each on its
 * configured port, filling `into` as they come up so a caller can stop the
 * ones that started if a later one fails.
 */
export async function listenSubgraphs(
  config: GraphConfig,
  dataSources: Record<SubgraphName, DataSource>,
  verifier: TokenVerifier,
  log: Logger,
  into: Partial<Record<SubgraphName, RunningSubgraph>> = {},
): Promise<Record<SubgraphName, RunningSubgraph>> {
  for (const name of SUBGRAPH_NAMES) {
    const subgraph = await createSubgraph(SUBGRAPHS[name], {
      dataSource: dataSources[name],
      log,
      verifier,
      gatewaySecrets: gatewaySecretsOf(config),
      shutdownTimeoutMs: config.shutdownTimeoutMs,
    });
    into[name] = await subgraph.listen(config.subgraphs[name].port, config.host);
  }
  return into as Record<SubgraphName, RunningSubgraph>;
}

/**
 * The whole graph in one process: database ready and seeded, five subgraphs
 * and the gateway listening. What `npm start` runs, and what the whole-stack
 * tests start on port 0.
 */
export async function startGraph(config: GraphConfig, log: Logger, database?: GraphDatabase): Promise<RunningGraph> {
  const tracing = startTracing(config.otlpEndpoint, 'scotland-graph');
  const db = database ?? (await prepareDatabase(config, log));
  const counters = statementCounters();
  const dataSources = await openAndMigrate(db.urls, log, { poolSize: config.database.poolSize, counters });
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  try {
    if (config.seed !== 'none' && (await seededAccounts(dataSources.identity)) === 0) {
      log.info({ scale: config.seed }, 'the database is empty: seeding');
      const report = await seedGraph(dataSources, config.seed, log);
      log.info({ seconds: report.totalSeconds }, 'seed loaded');
    }
    const verifier = await verifierFor(config.auth, config.embeddedPostgres.dataDir);
    await listenSubgraphs(config, dataSources, verifier, log, subgraphs);
    const gatewayServer = await createGateway(
      gatewayOptionsOf(config, {
        supergraphSdl: readConfiguredSupergraph(config),
        subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])),
        log,
        verifier,
      }),
    );
    const gateway = await gatewayServer.listen(config.gateway.port, config.host);
    return {
      gateway,
      subgraphs,
      dataSources,
      counters,
      verifier,
      async stop() {
        const drains = [await gateway.stop()];
        log.debug('gateway stopped');
        // The subgraphs running now (a supervisor or a test may have restarted one).
        drains.push(...(await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.stop()))));
        log.debug('subgraphs stopped');
        await Promise.all(Object.values(dataSources).map((ds) => ds.destroy()));
        log.debug('database pools closed');
        if (!database) await db.stop();
        await tracing.shutdown();
        return drains.reduce((sum, drain) => ({ finished: sum.finished + drain.finished, cut: sum.cut + drain.cut, ms: Math.max(sum.ms, drain.ms) }));
      },
    };
  } catch (error) {
    await Promise.allSettled(Object.values(subgraphs).map((subgraph) => subgraph.stop()));
    await Promise.allSettled(Object.values(dataSources).map((ds) => ds.destroy()));
    if (!database) await db.stop();
    throw error;
  }
}
