import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetcherOf } from '../gateway/subgraph-data-source';
import { CircuitBreaker, SubgraphClient, resilientCall, sharedCalls } from '../gateway/subgraph-fetch';
import { createLogger } from '../platform/logger';
import { Metrics } from '../platform/metrics';

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

function fetcher() {
  const client = new SubgraphClient(url, 2_000);
  const metrics = new Metrics('test');
  let shared = 0;
  const call = resilientCall(
    'stand-in',
    client,
    { timeoutMs: 2_000, retries: 1, breakerFailures: 5, breakerOpenMs: 1_000 },
    new CircuitBreaker(5, 1_000),
    createLogger({ level: 'silent' }),
    metrics,
  );
  const fetch = fetcherOf(sharedCalls(call, () => (shared += 1)));
  return { fetch, client, shared: () => shared };
}

const send = (fetch: ReturnType<typeof fetcher>['fetch'], body: string, authorization?: string) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: authorization ? { authorization, 'content-type': 'application/json' } : { 'content-type': 'application/json' },
  }).then((response) => response.json());

describe('calls from the gateway to a subgraph', () => {
  it('sends identical in-flight queries with the same token once, and gives each caller its own copy', async () => {
    const { fetch, client, shared } = fetcher();
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
    const { fetch, client } = fetcher();
    const body = JSON.stringify({ query: '{ account(id: "x") { id } }' });
    await Promise.all([send(fetch, body, 'Bearer one'), send(fetch, body, 'Bearer two'), send(fetch, body)]);
    expect(received.map((r) => r.authorization ?? null).sort()).toEqual(['Bearer one', 'Bearer two', null].sort());
    await send(fetch, body, 'Bearer one');
    expect(received).toHaveLength(4);
    await client.close();
  });

  it('never shares a mutation', async () => {
    const { fetch, client, shared } = fetcher();
    const body = JSON.stringify({ query: 'mutation Pay__payments__0 { createPayment(input: {}) { id } }' });
    await Promise.all([send(fetch, body, 'Bearer one'), send(fetch, body, 'Bearer one')]);
    expect(received).toHaveLength(2);
    expect(shared()).toBe(0);
    await client.close();
  });
});
