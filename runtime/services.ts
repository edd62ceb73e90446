import type { Logger } from 'pino';
import { createGateway } from '../gateway/server';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph-names';
import { verifierFor } from '../platform/tokens';
import { startTracing } from '../platform/tracing';
import { SUBGRAPHS } from '../subgraphs';
import { createSubgraph } from '../subgraphs/shared/subgraph';
import { onShutdown } from './cli';
import { composedUrl } from './composition';
import { gatewayOptionsOf, gatewaySecretsOf, ConfigError, readConfiguredSupergraph } from './config';
import { type GraphConfig } from './config';
import { subgraphDatabaseUrls } from './database';
import { openDataSource, waitForMigrations } from './migrations';

/**
 * One subgraph as its own process (a container in docker-compose or
 * Kubernetes). Migrations are not run here but by `npm run migrate`, once per
 * deployment, so replicas never race each other.
 */
export async function serveSubgraph(name: SubgraphName, config: GraphConfig, log: Logger): Promise<void> {
  const gatewaySecrets = gatewaySecretsOf(config);
  const tracing = startTracing(config.otlpEndpoint, name);
  const own = config.subgraphs[name].databaseUrl;
  let url = own;
  if (!url && config.database.adminUrl && config.database.roleSecret) {
    url = subgraphDatabaseUrls(config.database.adminUrl, { prefix: config.database.rolePrefix, secret: config.database.roleSecret })[name];
  }
  if (!url) throw new ConfigError(`Set ${name.toUpperCase()}_DATABASE_URL, or DATABASE_URL with DATABASE_ROLE_SECRET.`);
  const dataSource = await openDataSource(SUBGRAPHS[name], url, { log: log.child({ subgraph: name }), poolSize: config.database.poolSize });
  const verifier = await verifierFor(config.auth, config.embeddedPostgres.dataDir);
  await waitForMigrations(dataSource, log);
  const subgraph = await createSubgraph(SUBGRAPHS[name], {
    dataSource,
    log,
    verifier,
    gatewaySecrets,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  });
  const running = await subgraph.listen(config.subgraphs[name].port, config.host);
  onShutdown(log, async () => {
    const drained = await running.stop();
    await dataSource.destroy();
    await tracing.shutdown();
    return drained;
  });
}

/** The gateway as its own process, reaching the subgraphs at <NAME>_URL (default: their docker-compose names). */
export async function serveGateway(config: GraphConfig, log: Logger): Promise<void> {
  const tracing = startTracing(config.otlpEndpoint, 'gateway');
  const gateway = await createGateway(
    gatewayOptionsOf(config, {
      supergraphSdl: readConfiguredSupergraph(config),
      subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, config.subgraphs[name].url ?? composedUrl(name)])),
      log,
      verifier: await verifierFor(config.auth, config.embeddedPostgres.dataDir),
    }),
  );
  const running = await gateway.listen(config.gateway.port, config.host);
  onShutdown(log, async () => {
    const drained = await running.stop();
    await tracing.shutdown();
    return drained;
  });
}
