import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../platform/metrics';
import { ROLES, type Role } from '../platform/tokens';
import type { CircuitBreaker } from './subgraph-fetch';

type BreakerState = CircuitBreaker['state'];
const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open'];

/** The caches the gateway counts lookups of: automatically persisted queries, query plans, and public entities (one lookup per representation). */
export type CacheName = 'apq' | 'query_plan' | 'entity';

/**
 * The gateway's own metrics, beside the ones every server has
 * (platform/metrics.ts), on the same registry and so at the same /metrics.
 * Each labelled series starts at zero, so a dashboard or an alert sees the
 * series before the first event, and `increase()` counts that first one.
 */
export class GatewayMetrics {
  /** Requests refused with RATE_LIMITED (429), by the caller's role ("anonymous" without a token). */
  readonly rateLimitRefusals: Counter<'role'>;
  /** Lookups in the gateway's caches by cache and result (hit, miss). */
  readonly cacheLookups: Counter<'cache' | 'result'>;

  constructor(private readonly metrics: Metrics) {
    const registers = [metrics.registry];
    this.rateLimitRefusals = new Counter({
      name: 'graph_rate_limit_refusals_total',
      help: 'Requests refused by the per-client rate limit (RATE_LIMITED, 429), by the role of the caller.',
      labelNames: ['role'],
      registers,
    });
    for (const role of ['anonymous', ...ROLES]) this.rateLimitRefusals.inc({ role }, 0);
    this.cacheLookups = new Counter({
      name: 'graph_cache_lookups_total',
      help: 'Lookups in the gateway caches (apq: automatically persisted queries; query_plan: query plans; entity: public entities, one per representation) by result, hit or miss.',
      labelNames: ['cache', 'result'],
      registers,
    });
    for (const cache of ['apq', 'query_plan', 'entity']) for (const result of ['hit', 'miss']) this.cacheLookups.inc({ cache, result }, 0);
  }

  rateLimited(role: Role | null): void {
    this.rateLimitRefusals.inc({ role: role ?? 'anonymous' });
  }

  /**
   * The state of each subgraph's circuit breaker, read when scraped, as a
   * Prometheus state set: one series per state, 1 for the current one. A
   * breaker turns half-open with the passing of time alone, so it is read,
   * not pushed.
   */
  watchBreakers(states: () => Iterable<[subgraph: string, state: BreakerState]>): void {
    new Gauge({
      name: 'graph_subgraph_breaker_state',
      help: 'Circuit breaker of each subgraph: 1 for its current state (closed, half-open, open), 0 for the others.',
      labelNames: ['subgraph', 'state'],
      registers: [this.metrics.registry],
      collect() {
        for (const [subgraph, current] of states()) for (const state of BREAKER_STATES) this.set({ subgraph, state }, state === current ? 1 : 0);
      },
    });
  }

  /**
   * Whether the gateway follows each subgraph's entity changes (1) or not (0),
   * read when scraped: while 0 its public entities are not cached, so a 0 that
   * lasts is a subgraph whose change stream cannot be opened.
   */
  watchEntityChanges(following: () => Iterable<[subgraph: string, following: boolean]>): void {
    new Gauge({
      name: 'graph_entity_changes_followed',
      help: "Whether the gateway follows the subgraph's entity changes (1), so its public entities are cached, or not (0).",
      labelNames: ['subgraph'],
      registers: [this.metrics.registry],
      collect() {
        for (const [subgraph, on] of following()) this.set({ subgraph }, on ? 1 : 0);
      },
    });
  }

  /** Open subscriptions by transport (read when scraped), and events delivered to subscribers. */
  watchSubscriptions(open: () => Iterable<[transport: 'sse' | 'websocket' | 'all', count: number]>): Counter {
    new Gauge({
      name: 'graph_subscriptions_open',
      help: 'Subscriptions open now (all), and WebSocket connections open (websocket).',
      labelNames: ['transport'],
      registers: [this.metrics.registry],
      collect() {
        for (const [transport, count] of open()) this.set({ transport }, count);
      },
    });
    return new Counter({
      name: 'graph_subscription_events_total',
      help: 'Events delivered to subscribers, each resolved across the graph with the subscriber token.',
      registers: [this.metrics.registry],
    });
  }

  /** `cache`, with every lookup counted as a hit or a miss under `name`. */
  counted<V>(name: CacheName, cache: KeyValueCache<V> & { clear?(): void }): KeyValueCache<V> & { clear(): void } {
    const lookups = this.cacheLookups;
    return {
      async get(key: string) {
        const value = await cache.get(key);
        lookups.inc({ cache: name, result: value === undefined ? 'miss' : 'hit' });
        return value;
      },
      set: (key: string, value: V, options?: KeyValueCacheSetOptions) => cache.set(key, value, options),
      delete: (key: string) => cache.delete(key),
      clear: () => cache.clear?.(),
    };
  }
}
