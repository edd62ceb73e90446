import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import Redis from 'ioredis';
import type { Logger } from 'pino';

/**
 * One Redis connection for the gateway's shared state (APQ store, rate-limit
 * counters). Commands fail fast rather than queue while Redis is away, so a
 * Redis outage slows no request: callers decide what a failure means.
 */
export async function connectRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    lazyConnect: true,
  });
  let down = false;
  redis.on('error', (err) => {
    if (!down) log.warn({ err }, 'redis unavailable');
    down = true;
  });
  // A lost connection: ioredis retries it (and says so) unless it was closed on purpose. The first retry can succeed
  // before any 'error', so the outage is noted here too, or a short one would end with no line saying it is over.
  redis.on('reconnecting', () => {
    if (!down) log.warn('redis connection lost: reconnecting');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('redis available again');
    down = false;
  });
  // Connected before the first request, so that request is counted; a Redis that is down does not stop the start.
  await redis
    .connect()
    .catch((err: unknown) =>
      log.warn({ err }, 'redis unavailable at start: rate limits are enforced per process and APQ misses until it is back; reconnecting'),
    );
  return redis;
}

/**
 * Apollo's KeyValueCache over Redis, for automatic persisted queries: every
 * gateway replica sees a query registered through any of them. A Redis
 * failure reads as a miss (the client re-sends the query text).
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.redis.get(this.prefix + key).catch(() => null);
    return value ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    await (ttl ? this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.round(ttl))) : this.redis.set(this.prefix + key, value)).catch(
      () => undefined,
    );
  }

  async delete(key: string): Promise<boolean | void> {
    await this.redis.del(this.prefix + key).catch(() => undefined);
  }
}
