import { type Server, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fetcherOf } from '../gateway/subgraph-data-source';
import {
  type BreakerTicket,
  CircuitBreaker,
  type ResilienceOptions,
  SubgraphClient,
  SubgraphUnavailable,
  breakerCall,
  retryingCall,
  sharedCalls,
} from '../gateway/subgraph-fetch';
import { createLogger } from '../platform/logger';
import { Metrics } from '../platform/metrics';
import { freePort } from './support/free-port';

const log = createLogger({ level: 'silent' });

/** A stand-in subgraph on a real port: counts what reaches it and answers after a pause, so calls overlap. */
let server: Server;
let url: string;
let received: { authorization?: string; body: string }[];

beforeAll(async () => {
  received = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ authorization: req.headers.authorization, body });
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { seen: received.length } }));
      }, 100);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => (received = []));

const RESILIENCE: ResilienceOptions = { timeoutMs: 2_000, retries: 1, breakerFailures: 5, breakerOpenMs: 1_000, breakerTrials: 2 };

/** The chain subgraphCalls builds (fetch with retries, sharing, breaker), with the parts exposed for the checks. */
function chain(target = url, resilience = RESILIENCE) {
  const client = new SubgraphClient(target, resilience.timeoutMs);
  const metrics = new Metrics('test');
  const breaker = new CircuitBreaker({ failures: resilience.breakerFailures, openMs: resilience.breakerOpenMs, trials: resilience.breakerTrials });
  let shared = 0;
  const call = breakerCall(
    'stand-in',
    breaker,
    sharedCalls(retryingCall('stand-in', client, resilience, log, metrics), () => (shared += 1)),
    metrics,
  );
  return { call, fetch: fetcherOf(call), client, breaker, shared: () => shared };
}

const send = (fetch: ReturnType<typeof chain>['fetch'], body: string, authorization?: string) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: authorization ? { authorization, 'content-type': 'application/json' } : { 'content-type': 'application/json' },
  }).then((response) => response.json());

/** A server that takes every request and never answers it (a hung subgraph); counts the requests it took. */
async function frozenServer() {
  const sockets = new Set<Socket>();
  const counts = { requests: 0 };
  const frozen = createServer((req) => {
    counts.requests += 1;
    req.resume();
  });
  frozen.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(frozen.address() as AddressInfo).port}/graphql`,
    counts,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => frozen.close(resolve));
    },
  };
}

describe('calls from the gateway to a subgraph', () => {
  it('sends identical in-flight queries with the same token once, and gives each caller its own copy', async () => {
    const { fetch, client, shared } = chain();
    const body = JSON.stringify({ query: '{ organisations { nodes { name } } }' });
    const answers = (await Promise.all(Array.from({ length: 10 }, () => send(fetch, body, 'Bearer one')))) as { data: { seen: number } }[];
    expect(received).toHaveLength(1);
    expect(shared()).toBe(9);
    expect(answers.every((answer) => answer.data.seen === 1)).toBe(true);
    answers[0].data.seen = 99;
    expect(answers[1].data.seen).toBe(1);
    await client.close();
  });

  it('never shares between different tokens, nor once the first answer is in', async () => {
    const { fetch, client } = chain();
    const body = JSON.stringify({ query: '{ account(id: "x") { id } }' });
    await Promise.all([send(fetch, body, 'Bearer one'), send(fetch, body, 'Bearer two'), send(fetch, body)]);
    expect(received.map((r) => r.authorization ?? null).sort()).toEqual(['Bearer one', 'Bearer two', null].sort());
    await send(fetch, body, 'Bearer one');
    expect(received).toHaveLength(4);
    await client.close();
  });

  it('never shares a mutation', async () => {
    const { fetch, client, shared } = chain();
    const body = JSON.stringify({ query: 'mutation Pay__payments__0 { createPayment(input: {}) { id } }' });
    await Promise.all([send(fetch, body, 'Bearer one'), send(fetch, body, 'Bearer one')]);
    expect(received).toHaveLength(2);
    expect(shared()).toBe(0);
    await client.close();
  });
});

describe('retries', () => {
  it('sends a query again after a refused connection, never a mutation, and never after a timeout or an HTTP error', async () => {
    // Refused: nothing listens on the port.
    const nobody = `http://127.0.0.1:${await freePort()}/graphql`;
    const refused = chain(nobody);
    await expect(refused.call({}, '{"query":"{ a }"}', false)).rejects.toMatchObject({ kind: 'refused' });
    await refused.client.close();

    // A connection reset on the first request only: the query is sent again and answered; a mutation is not.
    let requests = 0;
    const resetting = createServer((req, res) => {
      requests += 1;
      if (requests % 2 === 1) return req.socket.destroy();
      res.setHeader('content-type', 'application/json');
      res.end('{"data":{"ok":true}}');
    });
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve));
    const reset = chain(`http://127.0.0.1:${(resetting.address() as AddressInfo).port}/graphql`);
    expect((await reset.call({}, '{"query":"{ a }"}', false)).status).toBe(200);
    expect(requests).toBe(2);
    await expect(reset.call({}, '{"query":"mutation { b }"}', true)).rejects.toMatchObject({ kind: 'reset' });
    expect(requests).toBe(3);
    await reset.client.close();
    await new Promise((resolve) => resetting.close(resolve));

    // A timeout: one request, one wait, no second try.
    const frozen = await frozenServer();
    const hung = chain(frozen.url, { ...RESILIENCE, timeoutMs: 300 });
    const started = Date.now();
    await expect(hung.call({}, '{"query":"{ a }"}', false)).rejects.toMatchObject({ kind: 'timeout', message: 'it did not answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(frozen.counts.requests).toBe(1);
    await hung.client.close();
    await frozen.close();

    // An HTTP error: the subgraph answered, so it is not asked again.
    let errors = 0;
    const failing = createServer((req, res) => {
      errors += 1;
      req.resume();
      res.writeHead(502).end('bad gateway');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const http = chain(`http://127.0.0.1:${(failing.address() as AddressInfo).port}/graphql`);
    await expect(http.call({}, '{"query":"{ a }"}', false)).rejects.toMatchObject({ kind: 'status', message: 'it answered HTTP 502' });
    expect(errors).toBe(1);
    await http.client.close();
    await new Promise((resolve) => failing.close(resolve));
  });
});

describe('the circuit breaker', () => {
  it('counts every caller of a shared fetch that fails, so concurrent callers of a hung subgraph open it at their first timeout', async () => {
    const frozen = await frozenServer();
    const { call, client, breaker } = chain(frozen.url, { ...RESILIENCE, timeoutMs: 300 });
    // Five callers, one identical query: one fetch, five failures.
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => call({ authorization: 'Bearer one' }, '{"query":"{ a }"}', false)));
    expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason.kind)).toEqual(Array(5).fill('timeout'));
    expect(frozen.counts.requests).toBe(1);
    expect(breaker.state).toBe('open');
    const started = Date.now();
    await expect(call({}, '{"query":"{ b }"}', false)).rejects.toMatchObject({ kind: 'open' });
    expect(Date.now() - started).toBeLessThan(50);
    expect(frozen.counts.requests).toBe(1);
    await client.close();
    await frozen.close();
  });

  it('lets a small number of trials through when half-open while the rest fail fast, reopens when a trial fails and closes when one succeeds', () => {
    let now = 0;
    const opened: string[] = [];
    const breaker = new CircuitBreaker({ failures: 3, openMs: 1_000, trials: 2, onChange: (state) => opened.push(state) }, () => now);
    const fail = (ticket: BreakerTicket | null) => breaker.failed(ticket!, 'it did not answer');
    // Three callers admitted while closed fail: open.
    const closed = [breaker.admit(), breaker.admit(), breaker.admit(), breaker.admit()];
    closed.slice(0, 3).forEach(fail);
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBeNull();
    // A straggler admitted before it opened fails later: ignored, it does not extend the pause.
    now = 900;
    fail(closed[3]);
    now = 1_000;
    expect(breaker.state).toBe('half-open');
    const trials = [breaker.admit(), breaker.admit()];
    expect(trials.map((ticket) => ticket?.trial)).toEqual([true, true]);
    expect(breaker.admit()).toBeNull();
    fail(trials[0]);
    expect(breaker.state).toBe('open');
    // The other trial of that round answers late: it neither closes nor reopens the circuit.
    breaker.succeeded(trials[1]!);
    expect(breaker.state).toBe('open');
    now = 2_000;
    breaker.succeeded(breaker.admit()!);
    expect(breaker.state).toBe('closed');
    expect(opened).toEqual(['open', 'open', 'closed']);
  });

  it('fails fast with a clear reason while trials are out', async () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failures: 1, openMs: 100, trials: 1 }, () => now);
    const metrics = new Metrics('test');
    let release: () => void = () => undefined;
    const slow = breakerCall('stand-in', breaker, () => new Promise((resolve) => (release = () => resolve({ status: 200, headers: {}, body: '{}' }))), metrics);
    const failing = breakerCall('stand-in', breaker, () => Promise.reject(new SubgraphUnavailable('it refused the connection', 'refused')), metrics);
    await expect(failing({}, '', false)).rejects.toMatchObject({ kind: 'refused' });
    await expect(slow({}, '', false)).rejects.toMatchObject({ kind: 'open', message: expect.stringContaining('paused for 1 s') });
    now = 100;
    const trial = slow({}, '', false);
    await expect(slow({}, '', false)).rejects.toMatchObject({ kind: 'half-open', message: expect.stringContaining('trial calls are checking') });
    release();
    expect((await trial).status).toBe(200);
    expect(breaker.state).toBe('closed');
  });
});
