import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../errors';
import type { Step } from './exchange';
import { sendError } from './respond';

export interface BodyOptions {
  /** Largest request body accepted, in bytes; a larger one is answered 413. */
  limitBytes: number;
}

/** Thrown while reading a body over the limit; the pipeline answers it with 413. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(`The request body is larger than ${limit} bytes.`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Reads a POST body within the limit; JSON is parsed (a broken one is BAD_REQUEST), anything else is kept as text for Apollo to refuse. */
export function body(options: BodyOptions): Step {
  return async (exchange) => {
    const { req, res } = exchange;
    if (req.method !== 'POST') return false;
    const text = await readBody(req, options.limitBytes);
    exchange.rawBody = text;
    if (!(req.headers['content-type'] ?? '').includes('json')) {
      exchange.body = text;
      return false;
    }
    try {
      exchange.body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      exchange.refused = ErrorCode.BAD_REQUEST;
      sendError(res, 400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
      return true;
    }
    const name = (exchange.body as { operationName?: unknown } | undefined)?.operationName;
    if (typeof name === 'string') exchange.operationName = name.slice(0, 100);
    return false;
  };
}
