/**
 * docker-compose.yml, run as written on a machine without a Docker engine:
 * each service's declared command with its declared environment, as a process
 * here. What a container network would change is mapped, and only that:
 * service hostnames become 127.0.0.1, each service port a free port of this
 * machine (the same mapping in every variable), the `keys` volume a temporary
 * folder, and the images' Postgres and Redis the test's own.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { createTestDatabase, type TestDatabase, testRoles } from './support/database';
import { freePort } from './support/free-port';

const root = path.join(__dirname, '..');
// Compose files use YAML merge keys (`<<: *anchor`), which YAML 1.2 parsers apply only when asked.
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const REPLACED = ['postgres', 'redis'];

interface Service {
  command: string[];
  environment: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

interface Started {
  name: string;
  child: ChildProcess;
  lines: () => Record<string, unknown>[];
  exited: Promise<number | null>;
}

let database: TestDatabase;
let dataDir: string;
const ports = new Map<string, string>();
const started: Started[] = [];

/** A declared variable as it reads on this machine. */
function mapped(name: string, value: string): string {
  let result = String(value);
  for (const [from, to] of ports) result = result.replace(new RegExp(`:${from}\\b`, 'g'), `:${to}`);
  if (name === 'DATABASE_URL') return database.adminUrl;
  if (name === 'DATABASE_ROLE_PREFIX') return testRoles().prefix;
  if (name === 'DATABASE_ROLE_SECRET') return testRoles().secret;
  if (name === 'REDIS_URL') return process.env.CPG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (/_PORT$|^PORT$/.test(name)) return ports.get(result) ?? result;
  return result.replace(new RegExp(`//(${Object.keys(compose.services).join('|')}):`, 'g'), '//127.0.0.1:');
}

function environmentOf(service: Service): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir };
  for (const [name, value] of Object.entries(service.environment ?? {})) env[name] = mapped(name, value);
  return env;
}

function start(name: string): Started {
  const service: Service = compose.services[name];
  const [program, ...args] = service.command;
  const child = spawn(program, args, { cwd: root, env: environmentOf(service), stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => (buffered += chunk));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const entry = {
    name,
    child,
    exited,
    lines: () =>
      buffered
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
  started.push(entry);
  return entry;
}

/** Runs the service's own health check, as Docker would, until it passes. */
async function healthy(name: string, timeoutMs = 90_000): Promise<void> {
  const service: Service = compose.services[name];
  const [kind, program, ...args] = service.healthcheck!.test;
  expect(kind).toBe('CMD');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      execFileSync(program, args, { env: environmentOf(service), stdio: 'ignore', timeout: 5_000 });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} never became healthy`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpg-compose-'));
  for (const port of ['4000', '4001', '4002', '4003', '4004', '4005']) ports.set(port, String(await freePort()));
});

afterAll(async () => {
  for (const { child } of started) if (child.exitCode === null) child.kill('SIGKILL');
  await database?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('docker compose up, as processes on this machine', () => {
  it('migrates, starts every subgraph and the gateway healthy, answers through all five with a token from the stack, and stops cleanly', async () => {
    const order = ['migrate', ...SUBGRAPH_NAMES, 'gateway'];
    expect(
      Object.keys(compose.services)
        .filter((name) => !REPLACED.includes(name))
        .sort(),
    ).toEqual([...order].sort());

    const migrate = start('migrate');
    expect(await migrate.exited).toBe(0);
    for (const name of SUBGRAPH_NAMES) expect(compose.services[name].depends_on.migrate.condition).toBe('service_completed_successfully');

    for (const name of SUBGRAPH_NAMES) start(name);
    for (const name of SUBGRAPH_NAMES) await healthy(name);
    start('gateway');
    await healthy('gateway');

    // What the compose file's header tells a user to run for a token, inside the gateway's container.
    const gateway: Service = compose.services.gateway;
    const header = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
    const tokenCommand = /docker compose exec gateway (node \S+) (.+)$/m.exec(header)!;
    const [program, script] = tokenCommand[1].split(' ');
    const token = execFileSync(program, [script, ...tokenCommand[2].split(' ')], { cwd: root, env: environmentOf(gateway), encoding: 'utf8' }).trim();

    const response = await fetch(`http://127.0.0.1:${ports.get('4000')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `{ organisationByGssCode(gssCode: "S12000036") {
          name
          payments(first: 1) { nodes { amount account { assuranceLevel learningRecords(first: 1) { nodes { verb } } } } }
        }
        searchDatasets(query: "health", first: 1) { nodes { title publisher { name } } } }`,
      }),
    });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    const council = body.data.organisationByGssCode;
    expect(council.name).toBe('City of Edinburgh');
    expect(council.payments.nodes).toHaveLength(1);
    expect(council.payments.nodes[0].account.assuranceLevel).toEqual(expect.any(String));
    expect(council.payments.nodes[0].account.learningRecords.nodes).toBeDefined();
    expect(body.data.searchDatasets.nodes).toHaveLength(1);
    expect(body.data.searchDatasets.nodes[0].publisher.name).toEqual(expect.any(String));

    // The playground is on for this local stack.
    const page = await fetch(`http://127.0.0.1:${ports.get('4000')}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);

    // docker compose down: SIGTERM to each service's process, which drains and says so.
    const services = started.filter((entry) => entry.name !== 'migrate');
    for (const { child } of services) child.kill('SIGTERM');
    for (const service of services) {
      expect({ name: service.name, code: await service.exited }).toEqual({ name: service.name, code: 0 });
      expect({ name: service.name, last: service.lines().at(-1)?.msg }).toEqual({ name: service.name, last: 'stopped' });
    }
  });
});
