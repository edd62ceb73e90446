import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';

let processRegistry: Registry | null = null;

/**
 * Node's own metrics (CPU, memory, event-loop lag, GC), collected once per
 * process however many servers it runs (`npm start` runs six).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'graph_process_' });
  }
  return processRegistry;
}

/**
 * Prometheus metrics of one server (gateway or subgraph), served at
 * /metrics. A registry per server, not prom-client's global one, so several
 * servers in one process (the tests, `npm start`) keep their own counts.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly duration: Histogram<'operation'>;
  readonly errors: Counter<'code'>;
  readonly subgraphFetches: Counter<'service' | 'outcome'>;
  readonly subgraphDuration: Histogram<'service'>;

  constructor(component: string) {
    this.registry.setDefaultLabels({ component });
    processMetrics();
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'graph_requests_total',
      help: 'GraphQL requests by operation name and outcome (success, partial, error).',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'graph_request_duration_seconds',
      help: 'Time to answer a GraphQL request.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({ name: 'graph_errors_total', help: 'Errors returned to clients, by extensions.code.', labelNames: ['code'], registers });
    this.subgraphFetches = new Counter({
      name: 'graph_subgraph_fetches_total',
      help: 'Gateway fetches to subgraphs by service and outcome (ok, error, open, or shared: answered by an identical fetch already in flight).',
      labelNames: ['service', 'outcome'],
      registers,
    });
    this.subgraphDuration = new Histogram({
      name: 'graph_subgraph_fetch_duration_seconds',
      help: 'Time a subgraph took to answer the gateway.',
      labelNames: ['service'],
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
    const pool = () => (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    const gauge = (name: string, help: string, read: (p: NonNullable<ReturnType<typeof pool>>) => number) =>
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
  }

  /** An Apollo plugin that counts each operation, its outcome and its error codes. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => {
        const stop = this.duration.startTimer();
        return {
          willSendResponse: async ({ response, operationName }) => {
            const operation = operationName ?? 'anonymous';
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
