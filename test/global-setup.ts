import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { createLogger } from '../platform/logger';
import { type EmbeddedPostgresHandle, provisionRoles, startEmbeddedPostgres } from '../runtime/database';
import { freePort } from './support/free-port';

/** Whether a Redis answers at `url` within a second. */
async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

declare global {
  var __EMBEDDED_POSTGRES__: EmbeddedPostgresHandle | undefined;
}

/**
 * One Postgres for the whole run and one set of login roles with a prefix of
 * this run's own, so runs never meet. Each test file then makes its own
 * database (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  // The processes the deployment tests start run compiled JavaScript, as in production (`npm run build`; incremental).
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
  let adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpg-test-pg-'));
    const handle = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      password: randomBytes(16).toString('hex'),
      log: createLogger({ level: 'warn', name: 'test-postgres' }),
    });
    globalThis.__EMBEDDED_POSTGRES__ = handle;
    adminUrl = handle.adminUrl;
  }
  const prefix = `cpgt_${randomBytes(3).toString('hex')}_`;
  const secret = randomBytes(24).toString('hex');
  await provisionRoles(adminUrl, { prefix, secret });
  process.env.CPG_TEST_ADMIN_URL = adminUrl;
  process.env.CPG_TEST_ROLE_PREFIX = prefix;
  process.env.CPG_TEST_ROLE_SECRET = secret;
  // The Redis-backed tests (shared APQ store and rate limits) need a real Redis: TEST_REDIS_URL / REDIS_URL, or the local one.
  const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await redisAnswers(redisUrl)) process.env.CPG_TEST_REDIS_URL = redisUrl;
  else console.warn(`\nNo Redis at ${redisUrl}: the tests of the Redis-backed APQ store and rate limits are skipped. Set TEST_REDIS_URL to run them.`);
}
