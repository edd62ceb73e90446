import { createHash } from 'node:crypto';
import type { ExtraRoutes } from '../platform/http/server';

/**
 * `GET /schema.graphql`: the API schema with its descriptions, for client
 * code generators and front-end developers. Served whatever the introspection
 * setting: introspection is off in production to keep operations from
 * exploring the graph at run time, not to hide a schema that is published in
 * the repository anyway. An ETag lets a generator's repeated fetch cost a 304.
 */
export function schemaRoute(apiSdl: string): ExtraRoutes {
  const body = Buffer.from(apiSdl, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  return (req, res, url) => {
    if (url.pathname !== '/schema.graphql' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const headers = { etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': body.byteLength });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
