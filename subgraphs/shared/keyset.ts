/**
 * Keyset ("seek") paging: each page continues strictly after the last
 * (sortKey, id) seen, so pages stay stable while rows are added and deep pages
 * cost the same as the first. Timestamps used as sort keys are declared
 * `timestamptz(3)` so that a JavaScript Date holds them exactly.
 */
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { type BidirectionalPageArgs, type Cursor, type Page, type PageArgs, pageWindow, reversedPage, toPage } from './pagination';
import { groupByParent, selectColumns } from './rows';

/** How a keyset-paged list is sorted. */
export interface KeysetOrder<E> {
  /** Entity property to sort on; ties are broken by `id`. */
  by: keyof E & string;
  direction: 'ASC' | 'DESC';
}

export interface KeysetPageQuery<E> {
  order: KeysetOrder<E>;
  /** Rows to fetch: the page size plus one, to tell if more follow. */
  limit: number;
  after: Cursor | null;
  /**
   * Paging backwards: `order` is the list's order reversed and `after` the
   * `before` cursor, so the same SQL reads the items before it, nearest
   * first; `pageOf` turns them back into list order.
   */
  backward?: boolean;
  /** Equality filters on entity properties; null and undefined values are ignored. Plain data, so a query can key a DataLoader. */
  equals?: Partial<Record<keyof E & string, unknown>>;
}

function column(meta: EntityMetadata, property: string): string {
  const col = meta.findColumnWithPropertyPath(property);
  if (!col) throw new Error(`${meta.name} has no column for property ${property}`);
  return `"${col.databaseName}"`;
}

/** The cursor of a row under an ordering. */
export function cursorOf<E extends { id: string }>(order: KeysetOrder<E>): (row: E) => Cursor {
  return (row) => {
    const key = row[order.by] as unknown;
    return { key: key instanceof Date ? key.toISOString() : String(key), id: row.id };
  };
}

/**
 * The rows of one keyset page (the page size plus one, when more follow), and
 * whether the list holds anything at or before the `after` cursor: the
 * truthful `hasPreviousPage`, which the rows after the cursor cannot tell
 * (for a backward query, `hasNextPage`: anything at or after `before`).
 */
export interface KeysetRows<E> {
  rows: E[];
  precededByCursor: boolean;
}

/** `after`: the rows strictly after the cursor; `upTo`: the rows at or before it (what a previous page would hold). */
function seekCondition<E>(meta: EntityMetadata, q: KeysetPageQuery<E>, firstParam: number, side: 'after' | 'upTo' = 'after') {
  if (!q.after) return { sql: '', params: [] as unknown[] };
  const descending = q.order.direction === 'DESC';
  const op = side === 'after' ? (descending ? '<' : '>') : descending ? '>=' : '<=';
  return {
    sql: ` AND (t.${column(meta, q.order.by)}, t."id") ${op} ($${firstParam}, $${firstParam + 1})`,
    params: [q.after.key, q.after.id],
  };
}

function filterCondition<E>(meta: EntityMetadata, q: KeysetPageQuery<E>, firstParam: number) {
  const entries = Object.entries(q.equals ?? {}).filter(([, value]) => value !== null && value !== undefined);
  return {
    sql: entries.map(([property], i) => ` AND t.${column(meta, property)} = $${firstParam + i}`).join(''),
    params: entries.map(([, value]) => value),
  };
}

function orderBy<E>(meta: EntityMetadata, q: KeysetPageQuery<E>): string {
  return `t.${column(meta, q.order.by)} ${q.order.direction}, t."id" ${q.order.direction}`;
}

/**
 * One page of a whole table (or a filtered part of it), in one statement; a
 * second, an index probe, only when a cursor is given, to tell whether anything precedes it.
 */
export async function loadPage<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>, q: KeysetPageQuery<E>): Promise<KeysetRows<E>> {
  const meta = ds.getMetadata(entity);
  const params: unknown[] = [q.limit];
  const seek = seekCondition(meta, q, params.length + 1);
  params.push(...seek.params);
  const filter = filterCondition(meta, q, params.length + 1);
  params.push(...filter.params);
  const sql = `SELECT ${selectColumns(meta, 't')} FROM ${meta.tablePath} t WHERE true${seek.sql}${filter.sql}` + ` ORDER BY ${orderBy(meta, q)} LIMIT $1`;
  const [rows, precededByCursor] = await Promise.all([ds.query(sql, params) as Promise<ObjectLiteral[]>, anyUpToCursor(ds, meta, q)]);
  return { rows: rows.map((row) => ds.manager.create(entity, row as never)), precededByCursor };
}

async function anyUpToCursor<E>(ds: DataSource, meta: EntityMetadata, q: KeysetPageQuery<E>): Promise<boolean> {
  if (!q.after) return false;
  const upTo = seekCondition(meta, q, 1, 'upTo');
  const filter = filterCondition(meta, q, upTo.params.length + 1);
  const [row] = await ds.query(`SELECT EXISTS (SELECT 1 FROM ${meta.tablePath} t WHERE true${upTo.sql}${filter.sql}) AS "any"`, [
    ...upTo.params,
    ...filter.params,
  ]);
  return row.any === true;
}

/** The parents (of those given) with at least one row at or before the cursor, in one statement of index probes. */
async function parentsWithRowsUpToCursor<E>(
  ds: DataSource,
  meta: EntityMetadata,
  parentProperty: string,
  parentIds: readonly string[],
  q: KeysetPageQuery<E>,
): Promise<Set<string>> {
  if (!q.after) return new Set();
  const params: unknown[] = [parentIds];
  const upTo = seekCondition(meta, q, params.length + 1, 'upTo');
  params.push(...upTo.params);
  const filter = filterCondition(meta, q, params.length + 1);
  params.push(...filter.params);
  const rows: { id: string }[] = await ds.query(
    `SELECT parent.id::text AS id FROM unnest($1::uuid[]) AS parent(id)
      WHERE EXISTS (SELECT 1 FROM ${meta.tablePath} t WHERE t.${column(meta, parentProperty)} = parent.id${upTo.sql}${filter.sql})`,
    params,
  );
  return new Set(rows.map((row) => row.id));
}

/** How many rows each parent has under the query's filters (cursor and limit aside), in one statement: `totalCount`. */
export async function countByParent<E extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<E>,
  parentProperty: keyof E & string,
  parentIds: readonly string[],
  equals: KeysetPageQuery<E>['equals'],
): Promise<Map<string, number>> {
  const meta = ds.getMetadata(entity);
  const params: unknown[] = [parentIds];
  const filter = filterCondition(meta, { equals } as KeysetPageQuery<E>, params.length + 1);
  params.push(...filter.params);
  const parent = column(meta, parentProperty);
  const rows: { parent: string; count: number }[] = await ds.query(
    `SELECT t.${parent}::text AS parent, count(*)::int AS count FROM ${meta.tablePath} t WHERE t.${parent} = ANY($1::uuid[])${filter.sql} GROUP BY t.${parent}`,
    params,
  );
  const counts = new Map(parentIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.parent, row.count);
  return counts;
}

/** How many rows a whole table (or a filtered part of it) holds: `totalCount` of a small top-level list. */
export async function countRows<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>, equals: KeysetPageQuery<E>['equals']): Promise<number> {
  const meta = ds.getMetadata(entity);
  const filter = filterCondition(meta, { equals } as KeysetPageQuery<E>, 1);
  const [row] = await ds.query(`SELECT count(*)::int AS count FROM ${meta.tablePath} t WHERE true${filter.sql}`, filter.params);
  return row.count;
}

/**
 * One page per parent for many parents in ONE statement: a LATERAL join runs
 * the seek query once per parent id on the (parent, sortKey, id) index, so the
 * cost grows with the rows returned, not with the size of the table, and the
 * statement count is one whatever the number of parents.
 */
export async function loadPagesByParent<E extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<E>,
  parentProperty: keyof E & string,
  parentIds: readonly string[],
  q: KeysetPageQuery<E>,
): Promise<Map<string, KeysetRows<E>>> {
  const meta = ds.getMetadata(entity);
  const params: unknown[] = [parentIds, q.limit];
  const seek = seekCondition(meta, q, params.length + 1);
  params.push(...seek.params);
  const filter = filterCondition(meta, q, params.length + 1);
  params.push(...filter.params);
  const sql =
    `SELECT parent.id::text AS "__parent", ${selectColumns(meta, 'page')} ` +
    `FROM unnest($1::uuid[]) AS parent(id) CROSS JOIN LATERAL (` +
    `SELECT t.* FROM ${meta.tablePath} t WHERE t.${column(meta, parentProperty)} = parent.id${seek.sql}${filter.sql}` +
    ` ORDER BY ${orderBy(meta, q)} LIMIT $2) page`;
  const [rows, preceded] = await Promise.all([
    ds.query(sql, params) as Promise<(ObjectLiteral & { __parent: string })[]>,
    parentsWithRowsUpToCursor(ds, meta, parentProperty, parentIds, q),
  ]);
  const byParent = groupByParent(
    parentIds,
    rows,
    (row) => row.__parent,
    ({ __parent: _parent, ...row }) => ds.manager.create(entity, row as never),
  );
  return new Map([...byParent].map(([id, parentRows]) => [id, { rows: parentRows, precededByCursor: preceded.has(id) }]));
}

/** Validates page arguments into a keyset query that fetches one row more than the page, to tell if more follow. */
export function keysetQuery<E>(args: PageArgs | BidirectionalPageArgs, order: KeysetOrder<E>, equals?: KeysetPageQuery<E>['equals']): KeysetPageQuery<E> {
  const { limit, after, backward, before } = pageWindow(args);
  const filters = equals ? { equals } : {};
  if (!backward) return { order, limit: limit + 1, after, ...filters };
  // Backwards is forwards over the reversed order, starting at `before`.
  return { order: { by: order.by, direction: order.direction === 'DESC' ? 'ASC' : 'DESC' }, limit: limit + 1, after: before, backward: true, ...filters };
}

/** The page a keyset query's rows make, in list order whichever way it was read. */
export function pageOf<E extends { id: string }>(result: KeysetRows<E>, q: KeysetPageQuery<E>): Page<E> {
  const page = toPage(result.rows, q.limit - 1, cursorOf(q.order), result.precededByCursor);
  return q.backward ? reversedPage(page) : page;
}
