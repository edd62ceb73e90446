import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Conditional requests for answers a process marked `cache-control: public`:
 * a strong ETag from the body's bytes, and 304 with no body when the client's
 * `If-None-Match` already names it. True when it answered 304. Private and
 * uncacheable answers, and POSTs, get no ETag: a validator on them would only let a
 * shared cache hold what it must not.
 */
export function answerConditionally(req: IncomingMessage, res: ServerResponse, body: string): boolean {
  const cacheControl = res.getHeader('cache-control');
  // Only a GET's answer is kept by browsers and proxies, and revalidated with If-None-Match.
  if (req.method !== 'GET') return false;
  if (typeof cacheControl !== 'string' || !cacheControl.startsWith('public')) return false;
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  res.setHeader('etag', etag);
  const wanted = req.headers['if-none-match'];
  if (!wanted || !(wanted === '*' || wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))) return false;
  res.statusCode = 304;
  res.removeHeader('content-type');
  res.removeHeader('content-length');
  res.end();
  return true;
}
