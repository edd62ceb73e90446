import type { Logger } from 'pino';
import { request } from 'undici';
import { signGatewayCall } from '../platform/gateway-signature';
import { eventsOf } from '../platform/http/event-stream';
import type { EntityCache } from './entity-cache';

/** What a gateway signs to open a subgraph's change stream; the subgraph checks the same text (subgraphs/shared/entity-changes.ts). */
const SIGNED = 'GET /changes';

export interface EntityChangeFollowerOptions {
  subgraph: string;
  /** The subgraph's GraphQL URL; its change stream is `/changes` beside it. */
  url: string;
  secret: string | null;
  cache: EntityCache;
  log: Logger;
  /** First wait before opening a broken stream again; doubled up to 10 s while it keeps failing. @default 500 ms */
  retryMs?: number;
}

/**
 * Follows one subgraph's change stream for the entity cache: the cache
 * serves that subgraph's entities only while the stream is open and has
 * said `ready`, drops each changed entity as its change arrives, and drops
 * everything of the subgraph when the stream breaks or reports a gap, so a
 * change missed while it was away is never served. The stream is opened
 * again with a growing pause while it keeps failing.
 */
export class EntityChangeFollower {
  private live = false;
  private stopped = false;
  private abort = new AbortController();
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private readonly streamUrl: string;

  constructor(private readonly options: EntityChangeFollowerOptions) {
    this.streamUrl = new URL('/changes', options.url).toString();
  }

  /** True while changes are arriving: the cache may serve this subgraph's entities. */
  get following(): boolean {
    return this.live;
  }

  start(): void {
    void this.follow();
  }

  stop(): void {
    this.stopped = true;
    this.live = false;
    if (this.retry) clearTimeout(this.retry);
    this.abort.abort();
  }

  private async follow(): Promise<void> {
    const { subgraph, cache, log } = this.options;
    this.abort = new AbortController();
    let reason = 'the stream ended';
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (this.options.secret) headers['x-gateway-signature'] = signGatewayCall(this.options.secret, SIGNED);
      // A quiet stream still carries a heartbeat every 15 s: a minute of nothing is a dead connection.
      const response = await request(this.streamUrl, { method: 'GET', headers, signal: this.abort.signal, headersTimeout: 10_000, bodyTimeout: 60_000 });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new Error(`it answered HTTP ${response.statusCode}`);
      }
      for await (const { event, data } of eventsOf(response.body)) {
        if (event === 'ready') {
          await cache.join(subgraph);
          this.live = true;
          this.failures = 0;
          log.info({ subgraph }, 'following entity changes: public entities of the subgraph are cached');
        } else if (event === 'change') {
          const change = JSON.parse(data) as { typename?: unknown; id?: unknown };
          if (typeof change.typename === 'string' && typeof change.id === 'string') await cache.changed(subgraph, `${change.typename}:${change.id}`);
        } else if (event === 'gap') {
          await cache.forget(subgraph, 'the subgraph may have missed changes');
        }
      }
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    const wasLive = this.live;
    this.live = false;
    if (this.stopped) return;
    if (wasLive) await cache.forget(subgraph, `its change stream broke: ${reason}`);
    this.failures += 1;
    const pause = Math.min(10_000, (this.options.retryMs ?? 500) * 2 ** Math.min(this.failures - 1, 5));
    if (this.failures === 1 || this.failures % 20 === 0)
      log.warn({ subgraph, reason, retryInMs: pause }, 'entity change stream unavailable: its entities are not cached until it is back');
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.follow();
    }, pause);
    this.retry.unref();
  }
}
