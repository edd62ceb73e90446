import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { traceQueries } from '../platform/tracing';
import { type StatementCounter, createSubgraphDataSource } from '../subgraphs/shared/data-source';
import type { SubgraphDefinition } from '../subgraphs/shared/subgraph';

export async function openDataSource(
  definition: SubgraphDefinition,
  url: string,
  options: { log?: Logger; poolSize?: number; counter?: StatementCounter } = {},
): Promise<DataSource> {
  const dataSource = createSubgraphDataSource({
    schema: definition.name,
    url,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: options.poolSize,
    log: options.log,
    counter: options.counter,
  });
  await dataSource.initialize();
  traceQueries(dataSource, definition.name);
  return dataSource;
}

/** Applies the subgraph's pending migrations, each in its own transaction; returns their names. */
export async function migrateUp(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Reverts every applied migration of the subgraph, newest first. */
export async function migrateDownAll(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  while (await hasAppliedMigrations(dataSource)) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    reverted += 1;
  }
  return reverted;
}

async function hasAppliedMigrations(dataSource: DataSource): Promise<boolean> {
  const table = `"${dataSource.driver.schema}"."migrations"`;
  const [{ exists }] = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table]);
  if (!exists) return false;
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
  return count > 0;
}
