import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, provisionSchemas, type RoleSet } from '../../runtime/database';
import type { GraphDatabase } from '../../runtime/graph';

export function testRoles(): RoleSet & { adminUrl: string } {
  const adminUrl = process.env.CPG_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('CPG_TEST_ADMIN_URL is not set: run the tests with jest, whose global setup provides the database.');
  return { adminUrl, prefix: process.env.CPG_TEST_ROLE_PREFIX!, secret: process.env.CPG_TEST_ROLE_SECRET! };
}

export interface TestDatabase extends GraphDatabase {
  /** Admin URL of this database (for checks the subgraph roles may not make). */
  adminUrl: string;
}

/** A fresh database for one test file: the five schemas, each owned by its subgraph's role. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const roles = testRoles();
  const name = `${roles.prefix}${randomBytes(4).toString('hex')}`;
  const adminUrl = await ensureDatabase(roles.adminUrl, name);
  const urls = await provisionSchemas(adminUrl, roles);
  return { urls, adminUrl, embedded: false, stop: () => dropDatabase(roles.adminUrl, name) };
}
