import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a subgraph knows a call comes from the graph's gateway: the gateway
 * signs each call's body with a secret both share (HMAC-SHA256 over the time
 * and the body), and the subgraph checks the signature before anything else
 * runs. The secret itself never travels, a signature fits one body only, and
 * a captured one replays for at most `SIGNATURE_TOLERANCE_MS`.
 */
export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';

/** How far a signature's time may be from the subgraph's clock, either way: pods' clocks drift a little. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

function digest(secret: string, seconds: number, body: string): Buffer {
  return createHmac('sha256', secret).update(`${seconds}.`).update(body).digest();
}

/** The header value the gateway sends with `body`: `t=<unix seconds>,v1=<hex HMAC>`. */
export function signGatewayCall(secret: string, body: string, now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  return `t=${seconds},v1=${digest(secret, seconds, body).toString('hex')}`;
}

/**
 * Why a call's signature is not accepted, or null when it is: made with one
 * of `secrets` (the current one, and the previous one during a rotation)
 * over this body, within the tolerance. Compared in constant time.
 */
export function gatewaySignatureProblem(secrets: readonly string[], header: string | undefined, body: string, now = Date.now()): string | null {
  if (!header) return 'no gateway signature';
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return 'a malformed gateway signature';
  const seconds = Number(match[1]);
  if (Math.abs(now - seconds * 1000) > SIGNATURE_TOLERANCE_MS) return 'a gateway signature outside the time tolerance';
  const given = Buffer.from(match[2], 'hex');
  // Every secret is tried, so the time taken does not say which one matched.
  let valid = false;
  for (const secret of secrets) valid = timingSafeEqual(given, digest(secret, seconds, body)) || valid;
  return valid ? null : 'a gateway signature that does not match';
}
