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

export interface MigrationStatus {
  /** Applied, oldest first, as recorded in the schema's migrations table. */
  applied: string[];
  /** Known to the code and not applied yet, in the order they will run. */
  pending: string[];
}

/** What has run on this subgraph's schema and what would run next; changes nothing. */
export async function migrationStatus(dataSource: DataSource): Promise<MigrationStatus> {
  const applied = await appliedMigrations(dataSource);
  const known = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  return { applied, pending: known.filter((name) => !applied.includes(name)) };
}

/** Reverts the subgraph's last `count` applied migrations, newest first, each in its own transaction; returns their names. */
export async function migrateDown(dataSource: DataSource, count: number): Promise<string[]> {
  const reverted: string[] = [];
  for (let applied = await appliedMigrations(dataSource); reverted.length < count && applied.length > 0; applied = await appliedMigrations(dataSource)) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    reverted.push(applied[applied.length - 1]);
  }
  return reverted;
}

/** Reverts every applied migration of the subgraph, newest first; returns how many. */
export async function migrateDownAll(dataSource: DataSource): Promise<number> {
  return (await migrateDown(dataSource, Number.POSITIVE_INFINITY)).length;
}

/**
 * Waits until every migration this code knows is applied to its schema, so a
 * process of a new release never serves on an old schema: its readiness stays
 * down until the release's migrate job has run. Logs once while it waits.
 */
export async function waitForMigrations(dataSource: DataSource, log: Logger, intervalMs = 2_000): Promise<void> {
  let logged = false;
  for (;;) {
    const { pending } = await migrationStatus(dataSource);
    if (pending.length === 0) return;
    if (!logged)
      log.warn({ schema: dataSource.driver.schema, pending }, "waiting for migrations to be applied (npm run migrate, or the release's migrate job)");
    logged = true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const table = `"${dataSource.driver.schema}"."migrations"`;
  const [{ exists }] = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table]);
  if (!exists) return [];
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM ${table} ORDER BY timestamp, id`);
  return rows.map((row) => row.name);
}
