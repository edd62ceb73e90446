import { ErrorCode } from '../errors';
import { TokenError, type TokenVerifier } from '../tokens';
import type { Step } from './exchange';
import { sendError } from './respond';

export interface AuthenticateOptions {
  /** Verifies the bearer token; every process checks it itself, trusting no upstream. */
  verifier: TokenVerifier;
}

/** Who is asking, verified before any GraphQL runs: no token is anonymous, a bad one is 401 UNAUTHENTICATED. */
export function authenticate(options: AuthenticateOptions): Step {
  return async (exchange) => {
    const { req, res, log } = exchange;
    try {
      exchange.viewer = await options.verifier.verify(req.headers.authorization);
      return false;
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      log.warn({ reason: error.message }, 'token refused');
      exchange.refused = ErrorCode.UNAUTHENTICATED;
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      sendError(res, 401, ErrorCode.UNAUTHENTICATED, `Not signed in: ${error.message}.`);
      return true;
    }
  };
}
