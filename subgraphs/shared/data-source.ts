import 'reflect-metadata';
import type { Logger } from 'pino';
import { DataSource, type Logger as TypeOrmLogger, type MixedList } from 'typeorm';

/** Counts the SQL statements a subgraph sends, for N+1 checks and metrics. */
export class StatementCounter {
  count = 0;
  reset(): number {
    const seen = this.count;
    this.count = 0;
    return seen;
  }
}

class CountingLogger implements TypeOrmLogger {
  constructor(
    private readonly counter: StatementCounter,
    private readonly logger: Logger | undefined,
    private readonly slowMs: number,
  ) {}
  logQuery(): void {
    this.counter.count += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger?.warn({ err: error instanceof Error ? error.message : error, query }, 'SQL statement failed');
  }
  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowMs) this.logger?.warn({ durationMs: time, query }, 'slow SQL statement');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger?.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger?.warn({ message }, 'typeorm');
  }
}

export interface SubgraphDataSourceOptions {
  /** The subgraph's name; also its Postgres schema. */
  schema: string;
  /** A URL that logs in as the subgraph's own role. */
  url: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  poolSize?: number;
  log?: Logger;
  counter?: StatementCounter;
}

/**
 * The DataSource of one subgraph. The role behind `url` owns its schema and
 * has no rights on any other, so a stray cross-schema query fails in Postgres
 * itself. Schema changes come only from migrations: `synchronize` stays off.
 */
export function createSubgraphDataSource(options: SubgraphDataSourceOptions): DataSource {
  const counter = options.counter ?? new StatementCounter();
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    applicationName: `cpg-${options.schema}`,
    maxQueryExecutionTime: 500,
    logger: new CountingLogger(counter, options.log, 500),
    extra: {
      max: options.poolSize ?? 10,
      // Fail a request quickly rather than queue it forever when the pool is exhausted or Postgres is away.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    },
  });
}
