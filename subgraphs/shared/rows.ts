import type { EntityMetadata } from 'typeorm';

/** `t."organisation_id" AS "organisationId", ...` for every column of an entity. */
export function selectColumns(meta: EntityMetadata, alias: string): string {
  return meta.columns
    .filter((c) => c.isSelect)
    .map((c) => `${alias}."${c.databaseName}" AS "${c.propertyName}"`)
    .join(', ');
}

/**
 * Groups the rows of one batched statement by parent: every parent gets a
 * list, empty when the statement found nothing for it.
 */
export function groupByParent<R, V>(parentIds: readonly string[], rows: R[], parentOf: (row: R) => string, valueOf: (row: R) => V): Map<string, V[]> {
  const byParent = new Map<string, V[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) byParent.get(parentOf(row))?.push(valueOf(row));
  return byParent;
}
