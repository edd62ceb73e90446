import { createHash } from 'node:crypto';
import { badUserInput } from '../shared/errors';
import { requireUuid } from '../shared/validation';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{1,255}$/;
export const MAX_PAYMENT_PENCE = 10_000_000_000n;

export function requireIdempotencyKey(key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw badUserInput('`idempotencyKey` must be 1 to 255 characters of A-Z, a-z, 0-9 and "-".', 'idempotencyKey');
  }
  return key;
}

export function requirePence(value: string, argument: string, min: bigint, max: bigint): bigint {
  const pence = BigInt(value);
  if (pence < min || pence > max) throw badUserInput(`\`${argument}\` must be from ${min} to ${max} pence.`, argument);
  return pence;
}

export function optionalUuid(value: string | null | undefined, argument: string): string | null {
  return value === null || value === undefined ? null : requireUuid(value, argument);
}

/** A digest of what was asked, to tell a retry (same request) from a reuse of the key (different request). */
export function requestHash(request: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(request)
      .sort()
      .map((key) => [key, request[key] ?? null]),
  );
  return createHash('sha256').update(canonical).digest('hex');
}
