import type { Metrics } from '../metrics';
import type { Step } from './exchange';
import { sendJson } from './respond';

export interface ProbeOptions {
  /** Served at /metrics for Prometheus. */
  metrics: Metrics;
  /** Answers /readyz: whether this process can serve (database, upstreams). */
  ready: () => Promise<boolean>;
}

/** Paths that are not GraphQL traffic: the request log leaves them out. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/** Liveness (/healthz), readiness (/readyz) and metrics (/metrics), answered before anything else. */
export function probes(options: ProbeOptions): Step {
  return async ({ res, url }) => {
    switch (url.pathname) {
      case '/healthz':
        sendJson(res, 200, { status: 'ok' });
        return true;
      case '/metrics':
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        res.end(await options.metrics.exposition());
        return true;
      case '/readyz': {
        const ready = await options.ready().catch(() => false);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
        return true;
      }
      default:
        return false;
    }
  };
}
