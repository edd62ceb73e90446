import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type OperationDefinitionNode, parse } from 'graphql';
import Redis from 'ioredis';
import type { PersistedQueryManifest } from '../gateway/persisted-queries';
import { estimateCost } from '../gateway/protection';
import { rateLimitSubject } from '../gateway/rate-limit';
import { createGateway, type RunningGateway } from '../gateway/server';
import { apiSchemaOf, readSupergraph } from '../gateway/supergraph';
import { createLogger } from '../platform/logger';
import { ANONYMOUS } from '../platform/tokens';
import { gatewayOptionsOf, loadConfig } from '../runtime/config';
import { seedId } from '../seed/ids';
import { freePort } from './support/free-port';
import { type TestGraph, startTestGraph } from './support/graph';

const DISCLOSURE = seedId('organisation', 'disclosure-scotland');

let graph: TestGraph;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  graph = await startTestGraph('none');
}, 60_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await graph?.stop();
});

/** A gateway of its own over the test graph's subgraphs, configured from `env` as the process would be, its log lines in `lines`. */
async function gatewayWith(env: Record<string, string>, lines: any[] = []): Promise<RunningGateway> {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const log = createLogger({ level: 'info', name: 'rate-limits-test', destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  const gateway = await createGateway(
    gatewayOptionsOf(config, {
      supergraphSdl: readSupergraph(config.projectRoot),
      subgraphUrls: Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
      log,
      verifier: graph.verifier,
    }),
  );
  const running = await gateway.listen(0);
  gateways.push(running);
  return running;
}

async function ask(url: string, headers: Record<string, string> = {}, body: unknown = { query: '{ __typename }' }) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as any;
  return {
    status: response.status,
    code: json.errors?.[0]?.extensions?.code as string | undefined,
    message: json.errors?.[0]?.message as string | undefined,
    requestId: response.headers.get('x-request-id'),
    limit: response.headers.get('ratelimit-limit'),
    remaining: response.headers.get('ratelimit-remaining'),
    retryAfter: response.headers.get('retry-after'),
  };
}

describe('the client address behind proxies (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For and Forwarded from an address it does not trust: forged headers buy no new budget', async () => {
    const lines: any[] = [];
    // Only 10.0.0.0/8 is trusted; the test's requests come from 127.0.0.1.
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '10.0.0.0/8' }, lines);
    const answers = [];
    for (let i = 1; i <= 5; i++) {
      answers.push(await ask(gateway.url, { 'x-forwarded-for': `203.0.113.${i}`, forwarded: `for=198.51.100.${i}` }));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    const logged = lines.filter((line) => line.msg === 'request').map((line) => line.clientAddress);
    expect(logged).toEqual(Array(5).fill('127.0.0.1'));
  });

  it('takes the address a trusted proxy forwarded, and only that: what the client wrote before it is ignored', async () => {
    const lines: any[] = [];
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1/32' }, lines);
    // The proxy (127.0.0.1 here) appends the address it saw; the client forged the entries before it.
    const viaProxy = (client: string, forged: string) => ask(gateway.url, { 'x-forwarded-for': `${forged}, ${client}` });
    const one = [await viaProxy('203.0.113.7', '1.1.1.1'), await viaProxy('203.0.113.7', '2.2.2.2'), await viaProxy('203.0.113.7', '3.3.3.3')];
    expect(one.map((answer) => answer.status)).toEqual([200, 200, 429]);
    // Another client behind the same proxy has a budget of its own.
    expect((await viaProxy('203.0.113.8', '1.1.1.1')).status).toBe(200);
    const logged = lines.filter((line) => line.msg === 'request').map((line) => line.clientAddress);
    expect(logged).toEqual(['203.0.113.7', '203.0.113.7', '203.0.113.7', '203.0.113.8']);
  });

  it('counts trusted hops when given a number, and reads Forwarded when told to', async () => {
    const lines: any[] = [];
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '0', TRUST_PROXY: '2', TRUST_PROXY_HEADER: 'forwarded' }, lines);
    // Two proxies of ours: the nearest (the socket's peer) and the one before it, which saw the client.
    await ask(gateway.url, { forwarded: 'for=192.0.2.1, for="[2001:db8::17]:4711";proto=https, for=10.1.2.3', 'x-forwarded-for': '6.6.6.6' });
    // Fewer hops than trusted: the farthest one named.
    await ask(gateway.url, { forwarded: 'for=198.51.100.4' });
    // Something that is not an address stops the walk at the last proxy.
    await ask(gateway.url, { forwarded: 'for=unknown' });
    const logged = lines.filter((line) => line.msg === 'request').map((line) => line.clientAddress);
    expect(logged).toEqual(['2001:db8::17', '198.51.100.4', '127.0.0.1']);
  });
});

describe('budgets that fit real clients', () => {
  const analyst = async (sub = `analyst-${randomUUID()}`) => ({ authorization: `Bearer ${await graph.token({ role: 'analyst', sub })}` });

  it("spends an operation's estimated cost, one unit per 100 objects, so an analyst's large query counts for more than a small one", async () => {
    const costly = { query: '{ organisations(first: 100) { nodes { services { name } } } }' };
    const schema = apiSchemaOf(readSupergraph(process.cwd()));
    const document = parse(costly.query);
    const units = Math.ceil(estimateCost(schema, document, document.definitions[0] as OperationDefinitionNode, {}, 1_000) / 100);
    expect(units).toBeGreaterThan(1);
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: String(units + 2), RATE_LIMIT_UNIT_COST: '100' });
    const headers = await analyst();
    const answers = [
      await ask(gateway.url, headers),
      await ask(gateway.url, headers, costly),
      await ask(gateway.url, headers, costly),
      await ask(gateway.url, headers),
    ];
    // One unit, then `units`, then one at the door and too few left for the rest: refused before it runs, then at the door.
    expect(answers.map((answer) => [answer.status, answer.code ?? null, answer.remaining])).toEqual([
      [200, null, String(units + 1)],
      [200, null, '1'],
      [429, 'RATE_LIMITED', '0'],
      [429, 'RATE_LIMITED', '0'],
    ]);
    expect(answers[2]).toMatchObject({ limit: String(units + 2), retryAfter: expect.stringMatching(/^\d+$/) });
    expect(answers[2].message).toContain(`costs ${units} units`);
    // With RATE_LIMIT_UNIT_COST=0 the same query is one request like any other.
    const flat = await gatewayWith({ RATE_LIMIT_PER_MINUTE: String(units + 2), RATE_LIMIT_UNIT_COST: '0' });
    expect((await ask(flat.url, headers, costly)).remaining).toBe(String(units + 1));
  });

  it("gives partners and named clients budgets of their own, from RATE_LIMIT_CLIENTS or the partner's manifest", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cpg-budgets-'));
    const manifest = JSON.parse(readFileSync('persisted-queries/disclosure-scotland.json', 'utf8')) as PersistedQueryManifest;
    writeFileSync(path.join(dir, 'disclosure-scotland.json'), JSON.stringify({ ...manifest, rateLimitPerMinute: 5 }));
    try {
      const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '2', RATE_LIMIT_CLIENTS: 'analyst:special-analyst=4', PERSISTED_QUERIES_DIR: dir });
      const partner = { authorization: `Bearer ${await graph.token({ role: 'partner', sub: 'disclosure-scotland', org: DISCLOSURE })}` };
      const byId = {
        variables: { gssCode: 'S12000036' },
        extensions: { persistedQuery: { version: 1, sha256Hash: manifest.operations.find((op) => op.name === 'CouncilByGssCode')!.id } },
      };
      const burst = async (headers: Record<string, string>, count: number, body?: unknown) => {
        const answers = [];
        for (let i = 0; i < count; i++) answers.push(await ask(gateway.url, headers, body));
        return answers;
      };
      const partnerAnswers = await burst(partner, 6, byId);
      expect(partnerAnswers.map((answer) => [answer.status, answer.limit])).toEqual([...Array(5).fill([200, '5']), [429, '5']]);
      expect((await burst(await analyst('special-analyst'), 5)).map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429]);
      expect((await burst(await analyst(), 3)).map((answer) => [answer.status, answer.limit])).toEqual([
        [200, '2'],
        [200, '2'],
        [429, '2'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets configuration override a manifest, and 0 mean no limit for that client', () => {
    const partner = { role: 'partner', subject: 'disclosure-scotland', organisationId: DISCLOSURE } as const;
    const fromManifest = () => 5;
    expect(rateLimitSubject({ perMinute: 600, clients: {} }, partner, '10.0.0.1', fromManifest)).toEqual({ client: 'partner:disclosure-scotland', budget: 5 });
    expect(rateLimitSubject({ perMinute: 600, clients: { 'disclosure-scotland': 7 } }, partner, '10.0.0.1', fromManifest)?.budget).toBe(7);
    expect(rateLimitSubject({ perMinute: 600, clients: { 'partner:disclosure-scotland': 0 } }, partner, '10.0.0.1', fromManifest)).toBeNull();
    expect(rateLimitSubject({ perMinute: 600, clients: {} }, ANONYMOUS, '10.0.0.1', fromManifest)).toEqual({ client: 'address:10.0.0.1', budget: 600 });
  });
});

describe('rate limits while Redis is away', () => {
  const outageLines = (lines: any[]) => lines.filter((line) => line.msg?.startsWith('redis unreachable: rate limits are enforced by each gateway process'));

  it('are enforced by each process at its share of the budget when nothing answers at REDIS_URL, logged once per interval', async () => {
    const lines: any[] = [];
    const gateway = await gatewayWith(
      { RATE_LIMIT_PER_MINUTE: '10', RATE_LIMIT_FALLBACK_PERCENT: '50', REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
      lines,
    );
    const headers = { authorization: `Bearer ${await graph.token({ role: 'analyst', sub: `analyst-${randomUUID()}` })}` };
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await ask(gateway.url, headers));
    expect(answers.map((answer) => answer.status)).toEqual([...Array(5).fill(200), ...Array(15).fill(429)]);
    expect(answers[0]).toMatchObject({ limit: '5', remaining: '4' });
    // Anonymous callers too, each address its own share.
    const anonymous = [];
    for (let i = 0; i < 7; i++) anonymous.push((await ask(gateway.url)).status);
    expect(anonymous).toEqual([...Array(5).fill(200), 429, 429]);
    // 27 requests counted locally, one line about it (the interval is a minute).
    expect(outageLines(lines)).toHaveLength(1);
    expect(outageLines(lines)[0]).toMatchObject({ level: 40, fallbackPercent: 50 });
    console.info(
      `Redis unreachable: ${answers.filter((a) => a.status === 200).length} of 20 requests let through for a budget of 10 at 50 %, ${outageLines(lines).length} outage line`,
    );
  });

  it('fall back to each process when a real Redis stops, and are shared again when it is back', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    try {
      const lines: any[] = [];
      const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_FALLBACK_PERCENT: '50', REDIS_URL: `redis://127.0.0.1:${port}` }, lines);
      const headers = { authorization: `Bearer ${await graph.token({ role: 'analyst', sub: `analyst-${randomUUID()}` })}` };
      const shared = [await ask(gateway.url, headers), await ask(gateway.url, headers)];
      expect(shared.map((answer) => [answer.status, answer.limit, answer.remaining])).toEqual([
        [200, '6', '5'],
        [200, '6', '4'],
      ]);
      await redis.stop();
      const during = [];
      for (let i = 0; i < 10; i++) during.push(await ask(gateway.url, headers));
      // This process's share, 3 of 6, counted afresh: the shared count is out of reach.
      expect(during.map((answer) => [answer.status, answer.limit])).toEqual([...Array(3).fill([200, '3']), ...Array(7).fill([429, '3'])]);
      expect(outageLines(lines)).toHaveLength(1);
      const back = await startRedis(port);
      redis.stop = back.stop;
      // Shared again as soon as the gateway has reconnected: a fresh Redis, so a fresh count, at the whole budget.
      let first: Awaited<ReturnType<typeof ask>> | null = null;
      await waitFor(async () => (first = await ask(gateway.url, headers)).limit === '6', 15_000);
      const redisLines = lines.filter((line) => /redis/i.test(line.msg)).map((line) => line.msg);
      expect({ first, redisLines }).toMatchObject({
        first: { status: 200, limit: '6', remaining: '5' },
        redisLines: expect.arrayContaining(['redis available again']),
      });
      expect(outageLines(lines)).toHaveLength(1);
    } finally {
      await redis.stop();
    }
  });
});

/** A Redis of the test's own on `port`, which it can stop: a real outage, not a mock. */
async function startRedis(port: number): Promise<{ stop(): Promise<void> }> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  const up = await waitFor(async () => {
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    }
  }, 10_000);
  probe.disconnect();
  if (!up) throw new Error(`redis-server did not start on port ${port}`);
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitFor(probe: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
