import { createLogger } from '../platform/logger';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { withClient } from '../runtime/database';
import { openAndMigrate } from '../runtime/graph';
import { createTestDatabase, type TestDatabase } from './support/database';

let database: TestDatabase;

/** One table of each subgraph's schema. */
const TABLE_OF = {
  organisations: 'organisations.organisation',
  identity: 'identity.account',
  payments: 'payments.payment',
  learning: 'learning.statement',
  datasets: 'datasets.dataset',
} as const;

beforeAll(async () => {
  database = await createTestDatabase();
  const dataSources = await openAndMigrate(database.urls, createLogger({ level: 'silent' }));
  await Promise.all(Object.values(dataSources).map((ds) => ds.destroy()));
});

afterAll(async () => {
  await database?.stop();
});

describe.each(SUBGRAPH_NAMES)('the %s role', (name) => {
  it('reads its own schema', async () => {
    const rows = await withClient(database.urls[name], (client) => client.query(`SELECT count(*) FROM ${TABLE_OF[name]}`));
    expect(rows.rowCount).toBe(1);
  });

  it.each(SUBGRAPH_NAMES.filter((other) => other !== name))('is refused by Postgres on the %s schema', async (other) => {
    await expect(withClient(database.urls[name], (client) => client.query(`SELECT * FROM ${TABLE_OF[other]} LIMIT 1`))).rejects.toMatchObject({
      code: '42501',
      message: `permission denied for schema ${other}`,
    });
  });

  it('cannot create objects outside its schema', async () => {
    await expect(withClient(database.urls[name], (client) => client.query('CREATE TABLE public.stray (id int)'))).rejects.toMatchObject({ code: '42501' });
  });
});
