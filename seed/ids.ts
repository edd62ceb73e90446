import { createHash } from 'node:crypto';

/**
 * Seed ids are derived, not random: `md5('<kind>:<key>')` read as a UUID.
 * Each subgraph's seed computes the ids of the others' entities by the same
 * rule (in SQL: `md5('account:' || n)::uuid`), so references line up across
 * schemas without any subgraph reading another's tables.
 */
export function seedId(kind: string, key: string | number): string {
  const hex = createHash('md5').update(`${kind}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The SQL twin of seedId for a numeric key expression. */
export function seedIdSql(kind: string, keyExpression: string): string {
  return `md5('${kind}:' || (${keyExpression})::text)::uuid`;
}
