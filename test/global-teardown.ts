import { dropDatabase, dropRoles, withClient } from '../runtime/database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.CPG_TEST_ADMIN_URL!;
  const prefix = process.env.CPG_TEST_ROLE_PREFIX!;
  // Databases a crashed test file left behind; then the roles can go.
  const { rows } = await withClient(adminUrl, (client) =>
    client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]),
  );
  for (const { datname } of rows) await dropDatabase(adminUrl, datname);
  await dropRoles(adminUrl, prefix);
  await globalThis.__EMBEDDED_POSTGRES__?.stop();
}
