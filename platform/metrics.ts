import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ErrorCode } from './errors';

let processRegistry: Registry | null = null;

/**
 * Node's own metrics (CPU, memory, event-loop lag, GC), collected once per
 * process however many servers it runs (`npm start` runs six). Unprefixed,
 * as prom-client names them (`process_cpu_seconds_total`,
 * `nodejs_eventloop_lag_seconds`, …), so stock Node.js dashboards and alerts
 * find them.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The label an operation is counted under. Operation names come from the
 * document, never its text; but any client may invent names, and each name
 * is a time series in every histogram bucket, so only the first `limit`
 * distinct names a server sees get their own label, then `other`. Names
 * reserved up front (the partners' persisted operations) always do.
 */
export class OperationNames {
  private readonly seen = new Set<string>();
  private readonly reserved = new Set<string>();

  constructor(private readonly limit: number) {}

  reserve(names: Iterable<string>): void {
    for (const name of names) this.reserved.add(name);
  }

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.reserved.has(name) || this.seen.has(name)) return name;
    if (this.seen.size >= this.limit) return 'other';
    this.seen.add(name);
    return name;
  }
}

export interface MetricsOptions {
  /** Distinct operation names counted under their own label before the rest count as `other`. @default 100 */
  maxOperationNames?: number;
}

/**
 * Prometheus metrics of one server (gateway or subgraph), served at
 * /metrics. A registry per server, not prom-client's global one, so several
 * servers in one process (the tests, `npm start`) keep their own counts.
 * Every series carries `component` (gateway or the subgraph's name). The
 * README's "Metrics" table lists them all.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly operations: OperationNames;
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly duration: Histogram<'operation'>;
  readonly errors: Counter<'code'>;
  readonly subgraphFetches: Counter<'subgraph' | 'outcome'>;
  readonly subgraphDuration: Histogram<'subgraph'>;

  constructor(component: string, options: MetricsOptions = {}) {
    this.registry.setDefaultLabels({ component });
    this.operations = new OperationNames(options.maxOperationNames ?? 100);
    processMetrics();
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'graph_requests_total',
      help: 'GraphQL requests by operation name (a bounded set of names, then "other"; "anonymous" without one) and outcome (success, partial, error).',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'graph_request_duration_seconds',
      help: 'Time to answer a GraphQL request, by operation name as in graph_requests_total.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'graph_errors_total',
      help: 'Errors answered to clients by extensions.code: those in GraphQL responses, and refusals before GraphQL runs (401, 413, 429, …).',
      labelNames: ['code'],
      registers,
    });
    // Every code from zero, so a rate over it exists, and an alert counts the first one.
    for (const code of Object.values(ErrorCode)) this.errors.inc({ code }, 0);
    this.subgraphFetches = new Counter({
      name: 'graph_subgraph_fetches_total',
      help: 'Gateway fetches to subgraphs by subgraph and outcome (ok, error, open: refused by the open breaker, shared: answered by an identical fetch already in flight).',
      labelNames: ['subgraph', 'outcome'],
      registers,
    });
    this.subgraphDuration = new Histogram({
      name: 'graph_subgraph_fetch_duration_seconds',
      help: 'Time a subgraph took to answer the gateway, retries included.',
      labelNames: ['subgraph'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
  }

  /** The text /metrics serves: this server's metrics, then the process's. */
  async exposition(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processMetrics().metrics()}`;
  }

  /** Connection pool gauges of a subgraph's DataSource, read when scraped. */
  watchPool(dataSource: DataSource): void {
    type PgPool = { totalCount: number; idleCount: number; waitingCount: number; options: { max: number } };
    const pool = () => (dataSource.driver as unknown as { master?: PgPool }).master;
    const gauge = (name: string, help: string, read: (p: PgPool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          if (p) this.set(read(p));
        },
      });
    gauge('graph_db_pool_connections', 'Open database connections.', (p) => p.totalCount);
    gauge('graph_db_pool_idle', 'Idle database connections.', (p) => p.idleCount);
    gauge('graph_db_pool_waiting', 'Requests waiting for a database connection.', (p) => p.waitingCount);
    gauge('graph_db_pool_max', 'Most connections the pool may open (DATABASE_POOL_SIZE).', (p) => p.options.max);
  }

  /** An Apollo plugin that counts each operation, its outcome and its error codes. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => {
        const stop = this.duration.startTimer();
        return {
          willSendResponse: async ({ response, operationName }) => {
            const operation = this.operations.label(operationName);
            const result = response.body.kind === 'single' ? response.body.singleResult : null;
            const errors = result?.errors ?? [];
            for (const error of errors) this.errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
            const outcome = errors.length === 0 ? 'success' : result?.data ? 'partial' : 'error';
            this.requests.inc({ operation, outcome });
            stop({ operation });
          },
        };
      },
    };
  }
}
