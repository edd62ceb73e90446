import type { DataSource } from 'typeorm';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { withClient } from '../runtime/database';
import { migrateDownAll, migrateUp, openDataSource } from '../runtime/migrations';
import { SUBGRAPHS } from '../subgraphs';
import { createTestDatabase, type TestDatabase } from './support/database';

let database: TestDatabase;
const open: DataSource[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(open.map((ds) => ds.destroy()));
  await database?.stop();
});

async function tablesIn(schema: string): Promise<string[]> {
  const { rows } = await withClient(database.adminUrl, (client) =>
    client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations' ORDER BY 1`,
      [schema],
    ),
  );
  return rows.map((row) => row.name);
}

describe.each(SUBGRAPH_NAMES)('migrations of %s', (name) => {
  it('go up, all the way down, and up again on a real Postgres', async () => {
    const ds = await openDataSource(SUBGRAPHS[name], database.urls[name]);
    open.push(ds);
    const applied = await migrateUp(ds);
    expect(applied.length).toBe((SUBGRAPHS[name].migrations as unknown[]).length);
    const tables = await tablesIn(name);
    // Every entity the subgraph maps has its table.
    expect(tables).toEqual(expect.arrayContaining(ds.entityMetadatas.map((meta) => meta.tableName)));

    expect(await migrateDownAll(ds)).toBe(applied.length);
    expect(await tablesIn(name)).toEqual([]);

    expect(await migrateUp(ds)).toEqual(applied);
    expect(await tablesIn(name)).toEqual(tables);
    // Nothing left to apply.
    expect(await migrateUp(ds)).toEqual([]);
  });
});
