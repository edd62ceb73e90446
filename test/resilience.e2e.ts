import { type Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GATEWAY_DEFAULTS } from '../gateway/options';
import { createGateway, type RunningGateway } from '../gateway/server';
import { readSupergraph } from '../gateway/supergraph';
import { createLogger } from '../platform/logger';
import { type SubgraphName } from '../platform/subgraph-names';
import { gatewayOptionsOf, loadConfig } from '../runtime/config';
import { withClient } from '../runtime/database';
import { seedId } from '../seed/ids';
import { SUBGRAPHS } from '../subgraphs';
import { createSubgraph } from '../subgraphs/shared/subgraph';
import { testRoles } from './support/database';
import { type TestGraph, startTestGraph } from './support/graph';

const EDINBURGH = seedId('organisation', 'S12000036');
// Short pauses so the test is quick; a timeout long enough for a loaded machine.
const RESILIENCE = { timeoutMs: 5_000, retries: 1, breakerFailures: 3, breakerOpenMs: 300, breakerTrials: 1 };
const HANG_TIMEOUT_MS = 300;
let graph: TestGraph;
let staff: string;
const log = createLogger({ level: 'silent' });
const servers: Server[] = [];
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  graph = await startTestGraph('default', {
    SUBGRAPH_TIMEOUT_MS: String(RESILIENCE.timeoutMs),
    SUBGRAPH_RETRIES: String(RESILIENCE.retries),
    BREAKER_FAILURES: String(RESILIENCE.breakerFailures),
    BREAKER_OPEN_MS: String(RESILIENCE.breakerOpenMs),
    BREAKER_TRIALS: String(RESILIENCE.breakerTrials),
  });
  staff = await graph.token({ role: 'staff', sub: 'edinburgh-officer', org: EDINBURGH });
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await graph?.stop();
});

const DASHBOARD = { query: `{ organisation(id: "${EDINBURGH}") { name payments(first: 1) { nodes { id } } learners(first: 1) { nodes { statements } } } }` };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const readyz = async (url: string) => (await fetch(url.replace(/\/graphql$/, '/readyz'))).status;

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** A gateway of its own over the test graph's subgraphs, with some of them replaced. */
async function gatewayWith(replacements: Partial<Record<SubgraphName, string>>, resilience = RESILIENCE): Promise<string> {
  return (await runGatewayWith(replacements, resilience)).url;
}

async function runGatewayWith(replacements: Partial<Record<SubgraphName, string>>, resilience = RESILIENCE): Promise<RunningGateway> {
  const urls = Object.fromEntries(Object.entries(graph.subgraphs).map(([name, s]) => [name, s.url]));
  const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0' });
  const gateway = await createGateway({
    ...gatewayOptionsOf(config, {
      supergraphSdl: readSupergraph(config.projectRoot),
      subgraphUrls: { ...urls, ...replacements },
      log,
      verifier: graph.verifier,
    }),
    resilience,
    shutdownTimeoutMs: 1_000,
  });
  const running = await gateway.listen(0);
  gateways.push(running);
  return running;
}

/** An HTTP server in front of a subgraph that answers 502, or resets the connection, when `fault()` says so, counting what reaches it. */
async function flakyProxy(target: string, fault: (n: number) => '502' | 'reset' | null) {
  const counts = { requests: 0 };
  const server = createServer((req, res) => {
    // Only GraphQL calls: the gateway's long-lived GET /changes (the entity cache's change stream) is not one.
    if (req.method !== 'POST') return res.writeHead(404).end();
    counts.requests += 1;
    const failure = fault(counts.requests);
    if (failure === 'reset') {
      req.socket.destroy();
      return;
    }
    if (failure === '502') {
      req.resume();
      res.writeHead(502).end('bad gateway');
      return;
    }
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, counts };
}

/**
 * An HTTP server in front of a subgraph that can freeze: while frozen it
 * takes every request and never answers (a process stuck in a loop, a
 * database lock, a half-dead node), counting them; thawed, it passes them on.
 */
async function freezableProxy(target: string) {
  const counts = { whileFrozen: 0 };
  let frozen = false;
  const held = new Set<Socket>();
  const server = createServer((req, res) => {
    if (req.method !== 'POST') return res.writeHead(404).end();
    if (frozen) {
      counts.whileFrozen += 1;
      held.add(req.socket);
      req.resume();
      return;
    }
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    counts,
    freeze: () => (frozen = true),
    thaw: () => {
      frozen = false;
      for (const socket of held) socket.destroy();
    },
  };
}

describe('a subgraph that is down', () => {
  it('leaves the others answering with partial data and a clear error, then recovers by itself', async () => {
    const learning = graph.subgraphs.learning;
    const port = new URL(learning.url).port;
    await learning.stop();
    const tally = { sent: 0, answered: 0, partial: 0, failed: 0 };
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => graph.post(DASHBOARD, staff)));
      for (const { status, body } of answers) {
        tally.sent += 1;
        if (status !== 200 || !body.data?.organisation) {
          tally.failed += 1;
          continue;
        }
        tally.answered += 1;
        expect(body.data.organisation.name).toBe('City of Edinburgh');
        expect(body.data.organisation.payments.nodes).toHaveLength(1);
        expect(body.data.organisation.learners).toBeNull();
        expect(body.errors).toEqual([
          expect.objectContaining({
            message: expect.stringContaining('The learning service is unavailable'),
            // Its circuit opens after the first failures: `circuit: 'open'` from then on.
            extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'learning' }),
          }),
        ]);
        tally.partial += 1;
      }
    }
    expect(tally).toEqual({ sent: 50, answered: 50, partial: 50, failed: 0 });
    expect(await readyz(graph.gateway.url)).toBe(503);
    const metrics = await (await fetch(graph.gateway.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/graph_subgraph_fetches_total\{subgraph="learning",outcome="(error|open)",component="gateway"\} [1-9]/);
    expect(metrics).toMatch(/graph_requests_total\{operation="anonymous",outcome="partial",component="gateway"\} 50/);
    expect(metrics).toMatch(/graph_errors_total\{code="SERVICE_UNAVAILABLE",component="gateway"\} 50/);
    // Open, or half-open if its pause is over: not closed.
    expect(metrics).toContain('graph_subgraph_breaker_state{subgraph="learning",state="closed",component="gateway"} 0');

    const revived = await createSubgraph(SUBGRAPHS.learning, { dataSource: graph.dataSources.learning, log, verifier: graph.verifier });
    graph.subgraphs.learning = await revived.listen(Number(port));
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      await pause(100);
      const { body } = await graph.post(DASHBOARD, staff);
      recovered = body.errors === undefined && body.data.organisation.learners !== null;
    }
    expect(recovered).toBe(true);
    expect(await readyz(graph.gateway.url)).toBe(200);
  });
});

describe('a subgraph that hangs', () => {
  it('is cut off at its timeout and named in the error', async () => {
    const hanging = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    servers.push(hanging);
    hanging.unref();
    const url = await gatewayWith(
      { datasets: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql` },
      { ...RESILIENCE, timeoutMs: HANG_TIMEOUT_MS },
    );
    const { status, body } = await post(url, { query: `{ organisation(id: "${EDINBURGH}") { name datasets { nodes { title } } } }` });
    expect(status).toBe(200);
    expect(body.data.organisation).toEqual({ name: 'City of Edinburgh', datasets: null });
    expect(body.errors[0]).toMatchObject({
      message: `The datasets service is unavailable (it did not answer within ${HANG_TIMEOUT_MS} ms); the rest of the answer stands.`,
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'datasets' },
    });
    hanging.closeAllConnections();
  });
});

describe('retries', () => {
  it('sends a query again after a reset connection, never after an HTTP error, and never a mutation', async () => {
    const proxy = await flakyProxy(graph.subgraphs.payments.url, (n) => (n === 1 || n === 4 ? 'reset' : n === 3 ? '502' : null));
    const url = await gatewayWith({ payments: proxy.url });
    const payments = { query: `{ organisation(id: "${EDINBURGH}") { payments(first: 1) { nodes { id } } } }` };
    // Reset, then answered.
    expect((await post(url, payments)).body.errors).toBeUndefined();
    expect(proxy.counts.requests).toBe(2);
    // 502: the subgraph answered; asking again would only add to its load.
    const http = await post(url, { query: `{ organisation(id: "${EDINBURGH}") { payments(first: 2) { nodes { id } } } }` });
    expect(http.body.errors[0]).toMatchObject({ message: expect.stringContaining('it answered HTTP 502'), extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(proxy.counts.requests).toBe(3);

    const mutation = await post(url, {
      query: `mutation { createPayment(input: { idempotencyKey: "retry-test-1", organisationId: "${EDINBURGH}", direction: INBOUND, amount: "100", reference: "R", description: "Retry test" }) { id } }`,
    });
    expect(mutation.body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'payments' });
    expect(proxy.counts.requests).toBe(4);
    expect(await graph.sql(`SELECT id FROM payments.payment WHERE idempotency_key = 'retry-test-1'`)).toEqual([]);
  });
});

describe('the circuit breaker', () => {
  it('stops sending to a failing subgraph, then lets a trial through and closes on success', async () => {
    let healthy = false;
    const proxy = await flakyProxy(graph.subgraphs.payments.url, () => (healthy ? null : '502'));
    const url = await gatewayWith({ payments: proxy.url });
    const ask = () => post(url, { query: `{ organisation(id: "${EDINBURGH}") { name payments(first: 1) { nodes { id } } } }` });
    for (let i = 0; i < RESILIENCE.breakerFailures; i++) expect((await ask()).body.data.organisation.payments).toBeNull();
    const reachedWhileClosed = proxy.counts.requests;
    expect(reachedWhileClosed).toBe(RESILIENCE.breakerFailures);
    // Open: fail fast without reaching the subgraph, still answering the rest.
    const fast = await ask();
    expect(fast.body.data.organisation.name).toBe('City of Edinburgh');
    expect(fast.body.errors[0]).toMatchObject({
      message: expect.stringContaining('calls to it are paused'),
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'payments', circuit: 'open' },
    });
    expect(proxy.counts.requests).toBe(reachedWhileClosed);
    // Half-open after the pause: a trial; it succeeds and the circuit closes.
    healthy = true;
    await pause(RESILIENCE.breakerOpenMs + 50);
    expect((await ask()).body.errors).toBeUndefined();
    expect((await ask()).body.errors).toBeUndefined();
    expect(proxy.counts.requests).toBe(reachedWhileClosed + 2);
  });

  it('fails fast within a timeout of a subgraph that stops answering under concurrent load, answers the rest meanwhile, and recovers', async () => {
    // The production defaults: 5 s timeout, one retry (never after a timeout), 5 failures, 10 s open, 3 trials.
    const resilience = GATEWAY_DEFAULTS.resilience;
    const proxy = await freezableProxy(graph.subgraphs.payments.url);
    const url = await gatewayWith({ payments: proxy.url }, { ...resilience });
    const USERS = 20;
    type Outcome = 'ok' | 'timeout' | 'open' | 'half-open' | 'other';
    const answers: { at: number; ms: number; outcome: Outcome }[] = [];
    let running = true;
    const users = Array.from({ length: USERS }, async (_, user) => {
      // Half the users ask the same thing (their payments fetches are shared), half each their own page size.
      const first = user % 2 === 0 ? 1 : 2 + (user % 7);
      const query = { query: `{ organisation(id: "${EDINBURGH}") { name payments(first: ${first}) { nodes { id } } } }` };
      while (running) {
        const sent = Date.now();
        const { status, body } = await post(url, query);
        const error = body.errors?.[0];
        let outcome: Outcome = 'other';
        if (status === 200 && body.data?.organisation?.name === 'City of Edinburgh') {
          if (!error && body.data.organisation.payments?.nodes?.length === first) outcome = 'ok';
          else if (error?.extensions?.code === 'SERVICE_UNAVAILABLE' && error.extensions.serviceName === 'payments' && body.data.organisation.payments === null)
            outcome = error.extensions.circuit ?? (/did not answer within/.test(error.message) ? 'timeout' : 'other');
        }
        answers.push({ at: sent, ms: Date.now() - sent, outcome });
        await pause(50);
      }
    });
    await pause(1_000);
    const frozenAt = Date.now();
    proxy.freeze();
    await pause(8_000);
    const thawedAt = Date.now();
    proxy.thaw();
    let recoveredAt: number | null = null;
    while (!recoveredAt && Date.now() - thawedAt < resilience.breakerOpenMs + resilience.timeoutMs + 10_000) {
      await pause(100);
      recoveredAt = answers.find((answer) => answer.at > thawedAt && answer.outcome === 'ok')?.at ?? null;
    }
    await pause(1_000);
    running = false;
    await Promise.all(users);

    // Answered after the freeze (those in flight when it froze too) and asked before the thaw.
    const during = answers.filter((answer) => answer.at + answer.ms >= frozenAt && answer.at < thawedAt);
    const firstFast = during.find((answer) => answer.outcome === 'open');
    const openedAfterMs = firstFast ? firstFast.at - frozenAt : null;
    const byOutcome = (list: typeof answers) => list.reduce<Record<string, number>>((tally, a) => ({ ...tally, [a.outcome]: (tally[a.outcome] ?? 0) + 1 }), {});
    const afterOpen = during.filter((answer) => firstFast && answer.at >= firstFast.at);
    const figures = {
      users: USERS,
      openedAfterMs,
      longestWaitDuringHangMs: Math.max(...during.map((answer) => answer.ms)),
      longestWaitOnceOpenMs: Math.max(0, ...afterOpen.map((answer) => answer.ms)),
      answersDuringHang: byOutcome(during),
      reachedFrozenSubgraph: proxy.counts.whileFrozen,
      recoveredAfterThawMs: recoveredAt ? recoveredAt - thawedAt : null,
      afterRecovery: byOutcome(answers.filter((answer) => recoveredAt && answer.at > recoveredAt + 500)),
    };
    console.info(`Frozen payments subgraph under load: ${JSON.stringify(figures)}`);

    // Every request was answered, with the rest of the data, during the hang too.
    expect(answers.filter((answer) => answer.outcome === 'other')).toEqual([]);
    // No request waited for two timeouts (a second attempt after a timeout would), with room for a loaded machine
    // (undici checks its timeouts about once a second).
    expect(figures.longestWaitDuringHangMs).toBeLessThan(resilience.timeoutMs + 4_000);
    // The circuit opened within about one timeout of the freeze, and from then on answers came at once.
    expect(openedAfterMs).not.toBeNull();
    expect(openedAfterMs!).toBeLessThan(resilience.timeoutMs + 4_000);
    expect(figures.longestWaitOnceOpenMs).toBeLessThan(2_000);
    expect(figures.answersDuringHang.open).toBeGreaterThan(USERS);
    // Few requests reached the frozen subgraph: those in flight when it froze, no retries, no trials until the pause was over.
    expect(figures.reachedFrozenSubgraph).toBeLessThanOrEqual(USERS);
    // Recovered by itself after the pause, and stayed so.
    expect(figures.recoveredAfterThawMs).not.toBeNull();
    expect(figures.recoveredAfterThawMs!).toBeLessThan(resilience.breakerOpenMs + 3_000);
    expect(Object.keys(figures.afterRecovery)).toEqual(['ok']);
  });
});

describe('Postgres going away', () => {
  it('is answered with a clear error under load and recovered from without a restart', async () => {
    const [{ name: database }] = await graph.sql('SELECT current_database() AS name');
    const { adminUrl } = testRoles();
    const QUERY = { query: '{ organisations(first: 1) { nodes { name } } }' };
    // Load across the whole outage: batches of five until told to stop.
    const tally = { sent: 0, answered: 0, unavailable: 0, other: 0 };
    let loading = true;
    const load = (async () => {
      while (loading) {
        const answers = await Promise.all(Array.from({ length: 5 }, () => graph.post(QUERY)));
        for (const { status, body } of answers) {
          tally.sent += 1;
          if (status === 200 && body.data?.organisations?.nodes?.[0]?.name === 'Aberdeen City') tally.answered += 1;
          else if (status === 200 && body.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE') tally.unavailable += 1;
          else tally.other += 1;
        }
      }
    })();
    await pause(200);
    // What a restart does to its clients: every connection dropped, new ones refused for a while.
    await withClient(adminUrl, async (client) => {
      await client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
    });
    try {
      await pause(300);
      const { status, body } = await graph.post(QUERY);
      expect(status).toBe(200);
      expect(body.errors[0]).toMatchObject({
        message: 'The organisations database is unavailable; try again shortly.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      expect(await readyz(graph.subgraphs.organisations.url)).toBe(503);
      expect(await readyz(graph.gateway.url)).toBe(503);
    } finally {
      await withClient(adminUrl, (client) => client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`));
    }
    await pause(300);
    loading = false;
    await load;
    const { body } = await graph.post(QUERY);
    expect(body).toEqual({ data: { organisations: { nodes: [{ name: 'Aberdeen City' }] } } });
    // Each subgraph's pool replaces the connections Postgres dropped as it is next used: readiness follows within moments.
    let ready = await readyz(graph.gateway.url);
    for (let i = 0; i < 30 && ready !== 200; i++) {
      await pause(100);
      ready = await readyz(graph.gateway.url);
    }
    expect(ready).toBe(200);
    // Every request got an answer: the data, or the clear error while the database was away.
    expect(tally.other).toBe(0);
    expect(tally.unavailable).toBeGreaterThan(0);
    expect(tally.answered).toBeGreaterThan(0);
    expect(tally.sent).toBe(tally.answered + tally.unavailable);
    console.info(`Postgres outage under load: ${JSON.stringify(tally)}`);
  });
});

describe('shutdown', () => {
  it('finishes the requests in flight before it closes (what SIGTERM runs)', async () => {
    // A datasets subgraph that holds every request until released.
    const held: (() => void)[] = [];
    const holding = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () =>
        held.push(() => {
          const upstream = httpRequest(graph.subgraphs.datasets.url, { method: 'POST', headers: req.headers }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          });
          upstream.end(Buffer.concat(chunks));
        }),
      );
    });
    await new Promise<void>((resolve) => holding.listen(0, '127.0.0.1', resolve));
    servers.push(holding);
    const gateway = await runGatewayWith({ datasets: `http://127.0.0.1:${(holding.address() as AddressInfo).port}/graphql` });
    gateways.splice(gateways.indexOf(gateway), 1);

    // Named apart, so the gateway sends twenty subgraph fetches: identical ones in flight would share one, and the wait
    // below for twenty held would then run into the subgraph timeout.
    const inFlight = Array.from({ length: 20 }, (_, i) => post(gateway.url, { query: `query InFlight${i} { datasets(first: 3) { nodes { title } } }` }));
    for (let i = 0; i < 500 && held.length < 20; i++) await pause(10);
    expect(gateway.inFlight()).toBe(20);
    const stopped = gateway.stop();
    // New connections are refused while the twenty finish.
    await expect(fetch(gateway.url, { method: 'POST' })).rejects.toThrow();
    for (const release of held) release();
    await stopped;
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.every((a) => a.body.errors === undefined && a.body.data.datasets.nodes.length === 3)).toBe(true);
  });
});
