import DataLoader from 'dataloader';
import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { groupByParent, selectColumns } from './rows';

/**
 * Loads entities by primary key in one statement per tick, answering null for
 * ids that do not exist (an entity reference to a deleted row, say).
 */
export function loaderById<E extends ObjectLiteral & { id: string }>(db: DataSource, entity: EntityTarget<E>): DataLoader<string, E | null> {
  const meta = db.getMetadata(entity);
  return new DataLoader(async (ids) => {
    const rows: ObjectLiteral[] = await db.query(`SELECT ${selectColumns(meta, 't')} FROM ${meta.tablePath} t WHERE t.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((row) => [row.id as string, db.manager.create(entity, row as never)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * Loads every child of many parents in one statement (for short lists such as
 * an organisation's services); long lists use keyset pages instead.
 */
export function loaderOfChildren<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  parentProperty: keyof E & string,
  orderSql: string,
): DataLoader<string, E[]> {
  const meta = db.getMetadata(entity);
  const parentColumn = meta.findColumnWithPropertyPath(parentProperty)!.databaseName;
  return new DataLoader(async (parentIds) => {
    const rows: ObjectLiteral[] = await db.query(
      `SELECT ${selectColumns(meta, 't')} FROM ${meta.tablePath} t WHERE t."${parentColumn}" = ANY($1::uuid[]) ORDER BY ${orderSql}`,
      [parentIds],
    );
    const byParent = groupByParent(
      parentIds,
      rows,
      (row) => row[parentProperty] as string,
      (row) => db.manager.create(entity, row as never),
    );
    return parentIds.map((id) => byParent.get(id)!);
  });
}

/**
 * A loader over a batched read that answers by parent id, as the subgraphs'
 * concept modules do (e.g. `progressOf`, `paymentTotals`).
 */
export function loaderByParent<V>(batch: (parentIds: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V> {
  return new DataLoader(async (ids) => {
    const found = await batch(ids);
    return ids.map((id) => found.get(id) as V);
  });
}

/**
 * A loader per parent when the field's arguments vary by field
 * selection: one DataLoader per distinct argument set, each batching parents.
 */
export function loaderPerArgs<A, V>(batch: (args: A, parentIds: readonly string[]) => Promise<Map<string, V>>) {
  const loaders = new Map<string, DataLoader<string, V>>();
  return {
    load(args: A, parentId: string): Promise<V> {
      const key = JSON.stringify(args);
      let loader = loaders.get(key);
      if (!loader) {
        loader = loaderByParent((ids) => batch(args, ids));
        loaders.set(key, loader);
      }
      return loader.load(parentId);
    },
  };
}
