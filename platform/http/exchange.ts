import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Viewer } from '../tokens';

/** A GraphQL request as received over HTTP, before Apollo parses it. */
export interface GraphQLHttpRequest {
  method: string;
  search: string;
  body: unknown;
}

/**
 * One request on its way through the pipeline's steps. Each step reads what
 * the steps before it found out and adds its own; `observe` logs what it ends with.
 */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  requestId: string;
  log: Logger;
  /** The parsed body (JSON) or its text (anything else); set by `body`. */
  body?: unknown;
  /** The body as received, for checks over its exact bytes (the gateway's signature); set by `body`. */
  rawBody?: string;
  /** The client's address, through trusted proxies only; set by `identifyClient`. */
  clientAddress?: string;
  /** Who is asking; set by `authenticate`. */
  viewer?: Viewer;
  /** What GraphQL will run; set by `admit`, which may rewrite it. */
  request?: GraphQLHttpRequest;
  /** For the request log line and the span. */
  operationName?: string;
  /** The code a refusal before GraphQL answered with, for the request log line and the error count. */
  refused?: string;
}

/** One stage of the pipeline: true when it has answered the request, so the rest are skipped. */
export type Step = (exchange: Exchange) => Promise<boolean> | boolean;
