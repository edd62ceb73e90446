import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { CachePolicy } from './cache-policy';
import type { SubgraphAnswer, SubgraphCall } from './subgraph-fetch';

/** A cached entity: its JSON as the subgraph sent it, so every reader parses its own copy and none can change another's. */
interface Entry {
  json: string;
  entity: string;
}

export interface EntityCacheOptions {
  /** Largest memory the in-process tier may hold, in bytes (counted as UTF-16 text); 0 switches the cache off. */
  maxBytes: number;
  /** The shared tier; null = memory only. */
  redis: Redis | null;
  /** Prefix of the shared tier's keys, so several graphs can share one Redis. */
  keyPrefix?: string;
  log: Logger;
  /** Told of each representation looked up: found in memory, in Redis, or fetched. */
  onLookup?: (result: 'hit' | 'miss') => void;
}

/** `{__typename, id}` and nothing else: the representations of the public entities, all keyed by `id`. */
function identityOf(representation: unknown): string | null {
  if (!representation || typeof representation !== 'object') return null;
  const { __typename, id, ...rest } = representation as Record<string, unknown>;
  if (typeof __typename !== 'string' || typeof id !== 'string' || Object.keys(rest).length > 0) return null;
  return `${__typename}:${id}`;
}

/**
 * Public entity data, per representation, in memory (an LRU bounded in
 * bytes, each entry living its fields' least maxAge) with an optional shared
 * Redis tier behind it. Entries are named by subgraph, entity and the
 * selection asked of it (the fetch's text and its other variables): two
 * plans asking different fields of one Organisation keep two entries, and a
 * change to that Organisation drops both.
 *
 * A fetch in flight while its entity changes must not store what it read
 * before the change: each subgraph has an epoch, moved on by every change,
 * and a result is stored only if the epoch has not moved since its fetch
 * began.
 */
export class EntityCache {
  private readonly memory: LRUCache<string, Entry>;
  /** Entity (`subgraph entity`) → its entries' keys, so a change drops them all. */
  private readonly keysOfEntity = new Map<string, Set<string>>();
  private readonly epochs = new Map<string, number>();
  /** Each subgraph's generation in Redis: moved on after a gap in its changes, so what was stored before is never read again. */
  private readonly generations = new Map<string, string>();
  private readonly prefix: string;

  constructor(private readonly options: EntityCacheOptions) {
    this.prefix = `${options.keyPrefix ?? 'scotland-graph:'}entity:`;
    this.memory = new LRUCache<string, Entry>({
      maxSize: Math.max(1, options.maxBytes),
      sizeCalculation: (entry, key) => 2 * (entry.json.length + key.length) + 64,
      ttlAutopurge: false,
      dispose: (entry, key) => {
        const keys = this.keysOfEntity.get(entry.entity);
        keys?.delete(key);
        if (keys?.size === 0) this.keysOfEntity.delete(entry.entity);
      },
    });
  }

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  /** Where a subgraph's changes stand now; hand it back to `store`. */
  epoch(subgraph: string): number {
    return this.epochs.get(subgraph) ?? 0;
  }

  /** The entities' JSON where known, in order; undefined where not. */
  async lookup(subgraph: string, selection: string, identities: readonly (string | null)[]): Promise<(string | undefined)[]> {
    const found = identities.map((identity) => (identity === null ? undefined : this.memory.get(`${subgraph} ${identity} ${selection}`)?.json));
    const redis = this.options.redis;
    const missing = found.flatMap((json, i) => (json === undefined && identities[i] !== null ? [i] : []));
    if (redis && missing.length > 0 && redis.status === 'ready') {
      const generation = this.generations.get(subgraph) ?? '0';
      const pipeline = redis.pipeline();
      for (const i of missing) pipeline.hget(`${this.prefix}${subgraph}:${generation}:${identities[i]}`, selection);
      const answers = await pipeline.exec().catch(() => null);
      const now = Date.now();
      answers?.forEach(([error, value], n) => {
        if (error || typeof value !== 'string') return;
        const bar = value.indexOf('|');
        const expiresAt = Number(value.slice(0, bar));
        if (!(expiresAt > now)) return;
        const i = missing[n];
        found[i] = value.slice(bar + 1);
        this.remember(subgraph, identities[i]!, selection, found[i]!, expiresAt - now);
      });
    }
    for (const json of found) this.options.onLookup?.(json === undefined ? 'miss' : 'hit');
    return found;
  }

  /** Keeps what a fetch begun at `epoch` returned, unless its subgraph changed something since. */
  async store(subgraph: string, selection: string, epoch: number, entries: readonly [identity: string, json: string][], ttlMs: number): Promise<void> {
    if (entries.length === 0 || this.epoch(subgraph) !== epoch) return;
    for (const [identity, json] of entries) this.remember(subgraph, identity, selection, json, ttlMs);
    const redis = this.options.redis;
    if (!redis || redis.status !== 'ready') return;
    const generation = this.generations.get(subgraph) ?? '0';
    const expiresAt = Date.now() + ttlMs;
    const pipeline = redis.pipeline();
    for (const [identity, json] of entries) {
      const key = `${this.prefix}${subgraph}:${generation}:${identity}`;
      pipeline.hset(key, selection, `${expiresAt}|${json}`);
      pipeline.pexpire(key, ttlMs);
    }
    await pipeline.exec().catch((error: unknown) => this.options.log.debug({ err: error }, 'entity cache: not stored in redis'));
  }

  /** A subgraph says an entity changed: every entry of it goes, here and in Redis. */
  async changed(subgraph: string, identity: string): Promise<void> {
    this.epochs.set(subgraph, this.epoch(subgraph) + 1);
    const entity = `${subgraph} ${identity}`;
    for (const key of [...(this.keysOfEntity.get(entity) ?? [])]) this.memory.delete(key);
    const redis = this.options.redis;
    if (redis && redis.status === 'ready') {
      await redis.del(`${this.prefix}${subgraph}:${this.generations.get(subgraph) ?? '0'}:${identity}`).catch(() => undefined);
    }
  }

  /**
   * Changes from a subgraph may have been missed (its stream was down):
   * everything of it goes from memory, and the shared tier moves to a new
   * generation, so no replica reads what was stored before.
   */
  async forget(subgraph: string, reason: string): Promise<void> {
    this.epochs.set(subgraph, this.epoch(subgraph) + 1);
    for (const [entity, keys] of [...this.keysOfEntity]) {
      if (entity.startsWith(`${subgraph} `)) for (const key of [...keys]) this.memory.delete(key);
    }
    const redis = this.options.redis;
    if (redis && redis.status === 'ready') {
      const generation = await redis.incr(`${this.prefix}${subgraph}:generation`).catch(() => null);
      if (generation !== null) this.generations.set(subgraph, String(generation));
    }
    this.options.log.info({ subgraph, reason }, 'entity cache of the subgraph dropped');
  }

  /** The shared tier's current generation of a subgraph, read when its changes start to be followed. */
  async join(subgraph: string): Promise<void> {
    const redis = this.options.redis;
    if (!redis || redis.status !== 'ready') return;
    const generation = await redis.get(`${this.prefix}${subgraph}:generation`).catch(() => null);
    if (generation) this.generations.set(subgraph, generation);
  }

  private remember(subgraph: string, identity: string, selection: string, json: string, ttlMs: number): void {
    const entity = `${subgraph} ${identity}`;
    const key = `${entity} ${selection}`;
    this.memory.set(key, { json, entity }, { ttl: ttlMs });
    if (!this.memory.has(key)) return;
    let keys = this.keysOfEntity.get(entity);
    if (!keys) this.keysOfEntity.set(entity, (keys = new Set()));
    keys.add(key);
  }
}

interface EntitiesRequest {
  query: string;
  variables: { representations: unknown[] } & Record<string, unknown>;
}

const ENTITIES = '"query":"query';
const answerOf = (body: string): SubgraphAnswer => ({ status: 200, headers: { 'content-type': 'application/json' }, body });

/**
 * The subgraph call with public entities answered from the cache: an
 * `_entities` query whose every selected field is public (CachePolicy) looks
 * each representation up, sends only the misses on, and merges the answers
 * back in order. Anything else (mutations, root fields, a selection with one
 * field that is the viewer's own, a fetch while the subgraph's changes are
 * not being followed) goes on untouched. An answer with errors is not
 * merged: the whole fetch is sent again, uncached, so errors keep their
 * paths.
 */
export function cachedEntityCalls(subgraph: string, call: SubgraphCall, cache: EntityCache, policy: () => CachePolicy, following: () => boolean): SubgraphCall {
  return async (headers, body, mutation) => {
    if (mutation || !body.includes(ENTITIES) || !body.includes('_entities') || !following()) return call(headers, body, mutation);
    const request = JSON.parse(body) as EntitiesRequest;
    const fetchPolicy = policy().entityFetch(request.query);
    const representations = request.variables?.representations;
    if (!fetchPolicy || !Array.isArray(representations)) return call(headers, body, mutation);
    const { representations: _, ...otherVariables } = request.variables;
    const selection = createHash('sha1').update(request.query).update(JSON.stringify(otherVariables)).digest('base64url');
    const identities = representations.map((representation) => {
      const identity = identityOf(representation);
      return identity && fetchPolicy.typenames.has(identity.slice(0, identity.indexOf(':'))) ? identity : null;
    });
    const epoch = cache.epoch(subgraph);
    const known = await cache.lookup(subgraph, selection, identities);
    const missing = representations.flatMap((_representation, i) => (identities[i] === null || known[i] === undefined ? [i] : []));
    if (missing.length === 0) return answerOf(`{"data":{"_entities":[${known.join(',')}]}}`);
    const partial =
      missing.length === representations.length
        ? body
        : JSON.stringify({ ...request, variables: { ...request.variables, representations: missing.map((i) => representations[i]) } });
    const answer = await call(headers, partial, false);
    if (answer.status !== 200) return partial === body ? answer : call(headers, body, false);
    const parsed = JSON.parse(answer.body) as { data?: { _entities?: unknown[] } | null; errors?: unknown[] };
    const fetched = parsed.data?._entities;
    if (parsed.errors?.length || !Array.isArray(fetched) || fetched.length !== missing.length) return partial === body ? answer : call(headers, body, false);
    const texts = fetched.map((entity) => JSON.stringify(entity));
    const fresh: [string, string][] = [];
    missing.forEach((i, n) => {
      known[i] = texts[n];
      if (identities[i] !== null && fetched[n] !== null) fresh.push([identities[i]!, texts[n]]);
    });
    // Not waited for: the shared tier's write is no part of this answer.
    void cache.store(subgraph, selection, epoch, fresh, fetchPolicy.maxAgeSeconds * 1000);
    return answerOf(`{"data":{"_entities":[${known.join(',')}]}}`);
  };
}
