import { ErrorCode } from '../errors';
import { GATEWAY_SIGNATURE_HEADER, gatewaySignatureProblem } from '../gateway-signature';
import type { Step } from './exchange';
import { sendError } from './respond';

export interface GatewayOnlyOptions {
  /**
   * Secrets a caller's gateway signature may be made with: the current one,
   * then the previous one while a rotation is under way. Empty: every caller
   * is answered, as in development with no setup. @default []
   */
  gatewaySecrets?: readonly string[];
}

/**
 * A subgraph's door: GraphQL (`_service` and `_entities` included) only from
 * the gateway, checked on the raw body before the token is read or anything
 * runs. Anyone else, and any GET (the gateway only POSTs), is answered 403
 * FORBIDDEN. The probes and /metrics stay open: they come before this step.
 */
export function gatewayOnly(options: GatewayOnlyOptions): Step {
  const secrets = options.gatewaySecrets ?? [];
  return (exchange) => {
    if (secrets.length === 0) return false;
    const header = exchange.req.headers[GATEWAY_SIGNATURE_HEADER];
    const problem =
      exchange.req.method === 'POST'
        ? gatewaySignatureProblem(secrets, typeof header === 'string' ? header : undefined, exchange.rawBody ?? '')
        : `a ${exchange.req.method} request`;
    if (!problem) return false;
    exchange.refused = ErrorCode.FORBIDDEN;
    exchange.log.warn({ reason: problem }, 'caller refused: not the gateway');
    sendError(exchange.res, 403, ErrorCode.FORBIDDEN, "This service answers the graph's gateway only: send GraphQL to the gateway.");
    return true;
  };
}
