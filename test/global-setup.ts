import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmbeddedPostgresHandle, provisionRoles, startEmbeddedPostgres } from '../runtime/database';
import { createLogger } from '../runtime/logger';
import { freePort } from './support/free-port';

declare global {
  var __EMBEDDED_POSTGRES__: EmbeddedPostgresHandle | undefined;
}

/**
 * One Postgres for the whole run and one set of login roles with a prefix of
 * this run's own, so runs never meet. Each test file then makes its own
 * database (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
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
}
