import type { DataSource } from 'typeorm';
import { createLogger } from '../platform/logger';
import type { SubgraphName } from '../platform/subgraph-names';
import { openAndMigrate } from '../runtime/graph';
import { seedGraph } from '../seed';
import { createTestDatabase, type TestDatabase } from './support/database';

let database: TestDatabase;
let dataSources: Record<SubgraphName, DataSource>;
const log = createLogger({ level: 'silent' });

beforeAll(async () => {
  database = await createTestDatabase();
  dataSources = await openAndMigrate(database.urls, log);
});
afterAll(async () => {
  await Promise.all(Object.values(dataSources ?? {}).map((ds) => ds.destroy()));
  await database?.stop();
});

const count = async (db: DataSource, table: string) => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0].n;

describe('seeding', () => {
  it('replaces a seeded graph, rows that refer to the seeded ones included, and leaves the tables analysed', async () => {
    await seedGraph(dataSources, 'default', log);
    const [dataset] = (await dataSources.datasets.query('SELECT id, publisher_id FROM datasets.dataset LIMIT 1')) as { id: string; publisher_id: string }[];
    await dataSources.datasets.query(`INSERT INTO datasets.feedback (dataset_id, publisher_id, message) VALUES ($1, $2, 'The 2019 figures are missing.')`, [
      dataset.id,
      dataset.publisher_id,
    ]);
    const accounts = await count(dataSources.identity, 'identity.account');

    await seedGraph(dataSources, 'default', log, { replace: true });
    expect(await count(dataSources.identity, 'identity.account')).toBe(accounts);
    expect(await count(dataSources.datasets, 'datasets.feedback')).toBe(0);
    const [{ analysed }] = await dataSources.payments.query(
      `SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE relid = 'payments.payment'::regclass`,
    );
    expect(analysed).toBe(true);
  });
});
