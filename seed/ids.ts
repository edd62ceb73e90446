import { createHash } from 'node:crypto';

/**
 * Seed ids are derived, not random, so that each subgraph's seed computes the
 * ids of the others' entities by the same rule without reading their tables.
 *
 * `seedId` is for catalogue entries (organisations, courses, datasets):
 * `md5('<kind>:<key>')` read as a UUID.
 */
export function seedId(kind: string, key: string): string {
  return asUuid(createHash('md5').update(`${kind}:${key}`).digest('hex'));
}

/**
 * `seedSerialId` is for the n-th generated row of a bulk kind (accounts,
 * payments, statements): shaped like a UUIDv7, whose leading 48 bits grow
 * with n, so millions of rows append to their B-tree indexes in order instead
 * of splitting pages at random (a full-scale seed is several times faster).
 * The rest is md5('<kind>:<n>'), so kinds never collide.
 */
export function seedSerialId(kind: string, n: number): string {
  const hash = createHash('md5').update(`${kind}:${n}`).digest('hex');
  return asUuid(`${n.toString(16).padStart(12, '0')}7${hash.slice(0, 3)}8${hash.slice(3, 18)}`);
}

/** The SQL twin of seedSerialId, for a bigint expression n. */
export function seedSerialIdSql(kind: string, n: string): string {
  const hash = `md5('${kind}:' || (${n})::text)`;
  return `(lpad(to_hex((${n})::bigint), 12, '0') || '7' || substr(${hash}, 1, 3) || '8' || substr(${hash}, 4, 15))::uuid`;
}

function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
