/**
 * Keyset ("seek") paging: each page continues strictly after the last
 * (sortKey, id) seen, so pages stay stable while rows are added and deep pages
 * cost the same as the first. Timestamps used as sort keys are declared
 * `timestamptz(3)` so that a JavaScript Date holds them exactly.
 */
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { type Cursor, type Page, type PageArgs, pageWindow, toPage } from './pagination';
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

function seekCondition<E>(meta: EntityMetadata, q: KeysetPageQuery<E>, firstParam: number) {
  if (!q.after) return { sql: '', params: [] as unknown[] };
  const op = q.order.direction === 'DESC' ? '<' : '>';
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

/** One page of a whole table (or a filtered part of it), in one statement. */
export async function loadPage<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>, q: KeysetPageQuery<E>): Promise<E[]> {
  const meta = ds.getMetadata(entity);
  const params: unknown[] = [q.limit];
  const seek = seekCondition(meta, q, params.length + 1);
  params.push(...seek.params);
  const filter = filterCondition(meta, q, params.length + 1);
  params.push(...filter.params);
  const sql = `SELECT ${selectColumns(meta, 't')} FROM ${meta.tablePath} t WHERE true${seek.sql}${filter.sql}` + ` ORDER BY ${orderBy(meta, q)} LIMIT $1`;
  const rows: ObjectLiteral[] = await ds.query(sql, params);
  return rows.map((row) => ds.manager.create(entity, row as never));
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
): Promise<Map<string, E[]>> {
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
  const rows: (ObjectLiteral & { __parent: string })[] = await ds.query(sql, params);
  return groupByParent(
    parentIds,
    rows,
    (row) => row.__parent,
    ({ __parent: _parent, ...row }) => ds.manager.create(entity, row as never),
  );
}

/** Validates page arguments into a keyset query that fetches one row more than the page, to tell if more follow. */
export function keysetQuery<E>(args: PageArgs, order: KeysetOrder<E>, equals?: KeysetPageQuery<E>['equals']): KeysetPageQuery<E> {
  const { limit, after } = pageWindow(args);
  return { order, limit: limit + 1, after, ...(equals ? { equals } : {}) };
}

/** The page a keyset query's rows make. */
export function pageOf<E extends { id: string }>(rows: E[], q: KeysetPageQuery<E>): Page<E> {
  return toPage(rows, q.limit - 1, cursorOf(q.order));
}
