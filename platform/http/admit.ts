import type { ErrorCode } from '../errors';
import type { Viewer } from '../tokens';
import type { GraphQLHttpRequest, Step } from './exchange';
import { sendError } from './respond';

/** A request turned away before GraphQL runs, with a stable code. */
export interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
  headers?: Record<string, string>;
}

export type AdmissionResult =
  { request: GraphQLHttpRequest; headers?: Record<string, string>; operationName?: string; refusal?: undefined } | { refusal: Refusal };

/** Decides on a verified request before GraphQL runs, and may rewrite it (the gateway's rate limit and safelists). */
export type Admission = (input: { request: GraphQLHttpRequest; viewer: Viewer; clientAddress: string }) => Promise<AdmissionResult>;

export interface AdmitOptions {
  /** None: every verified request goes on as it came. */
  admission?: Admission;
}

/** Hands the verified request to the admission, which may refuse it (answered here with its code) or rewrite it. */
export function admit(options: AdmitOptions): Step {
  return async (exchange) => {
    const { req, res, url } = exchange;
    const request: GraphQLHttpRequest = { method: req.method ?? 'GET', search: url.search, body: exchange.body };
    exchange.request = request;
    if (!options.admission) return false;
    const admitted = await options.admission({
      request,
      viewer: exchange.viewer!,
      clientAddress: exchange.clientAddress ?? req.socket.remoteAddress ?? 'unknown',
    });
    for (const [name, value] of Object.entries((admitted.refusal ? admitted.refusal.headers : admitted.headers) ?? {})) res.setHeader(name, value);
    if (admitted.refusal) {
      exchange.refused = admitted.refusal.code;
      sendError(res, admitted.refusal.status, admitted.refusal.code, admitted.refusal.message);
      return true;
    }
    exchange.request = admitted.request;
    if (admitted.operationName) exchange.operationName = admitted.operationName;
    return false;
  };
}
