import type Redis from 'ioredis';
import type { Logger } from 'pino';

/** What one request's count says: whether it may go on, and the headers that tell the client its budget. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window starts again. */
  resetSeconds: number;
}

export interface RateLimiter {
  /** Counts one request against `client`'s budget for the current window. */
  take(client: string): Promise<RateDecision>;
  close(): void;
}

function decision(limit: number, count: number, resetMs: number): RateDecision {
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)) };
}

/**
 * A fixed window per client: simple to reason about and to explain in a 429
 * ("N requests a minute"). Windows start at a client's first request, not on
 * the clock, so clients do not all reset together.
 */
export function memoryRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  // Drops finished windows so one-off clients do not grow the map forever.
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [client, window] of windows) if (window.resetAt <= now) windows.delete(client);
  }, windowMs);
  sweep.unref();
  return {
    async take(client) {
      const now = Date.now();
      let window = windows.get(client);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs };
        windows.set(client, window);
      }
      window.count += 1;
      return decision(limit, window.count, window.resetAt - now);
    },
    close: () => clearInterval(sweep),
  };
}

// INCR and the window's expiry in one step, so a crash between them cannot leave a counter that never resets.
const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }
`;

/**
 * The same fixed window in Redis, so every gateway replica spends one budget
 * per client. If Redis cannot answer, the request is let through and the
 * outage logged: a rate limiter must not turn a cache outage into a graph
 * outage.
 */
export function redisRateLimiter(redis: Redis, limit: number, windowMs: number, log: Logger): RateLimiter {
  return {
    async take(client) {
      try {
        const [count, ttl] = (await redis.eval(TAKE, 1, `ratelimit:${client}`, windowMs)) as [number, number];
        return decision(limit, count, ttl > 0 ? ttl : windowMs);
      } catch (err) {
        log.warn({ err }, 'rate limit not checked: redis unavailable');
        return { allowed: true, limit, remaining: limit, resetSeconds: Math.ceil(windowMs / 1000) };
      }
    },
    close: () => undefined,
  };
}
