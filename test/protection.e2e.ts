import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { auditServer } from 'graphql-http';
import { createLogger } from '../platform/logger';
import { type TestGraph, startTestGraph } from './support/graph';

const REDIS_URL = process.env.CPG_TEST_REDIS_URL;
const ORIGIN = 'https://www.edinburgh.gov.uk';

/** Small limits, so each refusal takes a short query to show. */
const LIMITS = {
  QUERY_MAX_DEPTH: '5',
  QUERY_MAX_ALIASES: '3',
  QUERY_MAX_ROOT_FIELDS: '3',
  QUERY_MAX_TOKENS: '200',
  QUERY_MAX_DIRECTIVES: '2',
  QUERY_MAX_COST: '2000',
};

let graph: TestGraph;
/** Every line the gateway and subgraphs log, at info and above. */
const logLines: any[] = [];

beforeAll(async () => {
  const log = createLogger({ level: 'info', name: 'protection-test', destination: { write: (line: string) => logLines.push(JSON.parse(line)) } });
  graph = await startTestGraph('none', { ...LIMITS, CORS_ORIGINS: `${ORIGIN},https://myaccount.scot` }, log);
}, 60_000);
afterAll(() => graph?.stop());

async function stillAnswers(): Promise<void> {
  const { status, body } = await graph.post({ query: '{ __typename }' });
  expect(status).toBe(200);
  expect(body).toEqual({ data: { __typename: 'Query' } });
}

describe('query limits', () => {
  it.each([
    ['depth', '{ organisations { nodes { services { organisation { services { name } } } } } }'],
    ['aliases', '{ a: __typename b: __typename c: __typename d: __typename }'],
    [
      'rootFields',
      '{ organisations { pageInfo { hasNextPage } } datasets { pageInfo { hasNextPage } } courses { pageInfo { hasNextPage } } integrations { pageInfo { hasNextPage } } }',
    ],
    ['directives', '{ __typename @include(if: true) __typename @skip(if: false) __typename @include(if: true) }'],
    ['tokens', `query Long(${Array.from({ length: 60 }, (_, i) => `$v${i}: Int`).join(', ')}) { __typename }`],
    ['cost', '{ organisations(first: 100) { nodes { datasets(first: 100) { nodes { id } } } } }'],
  ])('refuses an operation over the %s limit with QUERY_LIMIT_EXCEEDED and keeps serving', async (limit, query) => {
    const { status, body } = await graph.post({ query });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toEqual(expect.any(String));
    expect(body.errors[0].extensions).toEqual(expect.objectContaining({ code: 'QUERY_LIMIT_EXCEEDED', limit }));
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js/);
    await stillAnswers();
  });

  it('counts page sizes passed as variables, which a static count would miss', async () => {
    const query = 'query Big($n: Int!) { organisations(first: $n) { nodes { datasets(first: $n) { nodes { id } } } } }';
    expect((await graph.post({ query, variables: { n: 5 } })).status).toBe(200);
    const big = await graph.post({ query, variables: { n: 1000 } });
    expect(big.status).toBe(400);
    expect(big.body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', maxCost: 2000 });
  });

  it('bounds introspection too, at a depth that still lets GraphiQL read the schema', async () => {
    const nested =
      '{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } } } }';
    const { status, body } = await graph.post({ query: nested });
    expect(status).toBe(400);
    expect(body.errors[0].extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth' });
    // Not cyclic, but deeper than any client needs.
    const deep = `{ __schema { queryType { ${'ofType { '.repeat(16)}name${' }'.repeat(16)} } } }`;
    const refused = await graph.post({ query: deep });
    expect(refused.body.errors).toEqual([
      { message: 'Query depth limit of 16 exceeded, found 19.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth' } },
    ]);
  });
});

describe('HTTP rules', () => {
  it('refuses a batch of operations unless batching is switched on', async () => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
    await stillAnswers();
  });

  it('answers an operationName the document does not hold with OPERATION_RESOLUTION_FAILURE, not an internal error', async () => {
    const { status, body } = await graph.post({ query: 'query Councils { __typename }', operationName: 'SearchDatasets' });
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ message: 'Unknown operation named "SearchDatasets".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }]);
  });

  it.each([
    [
      'an operationName that names neither of two operations',
      { query: 'query A { __typename } query B { __typename }', operationName: 'C' },
      'OPERATION_RESOLUTION_FAILURE',
    ],
    ['two operations and no operationName', { query: 'query A { __typename } query B { __typename }' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['a subscription', { query: 'subscription { consentsUpdated { id } }' }, 'SUBSCRIPTION_NOT_SUPPORTED'],
    ['a named subscription', { query: 'subscription Changes { consentsUpdated { id } }', operationName: 'Changes' }, 'SUBSCRIPTION_NOT_SUPPORTED'],
  ])('answers %s with a 400 and a stable code, logged at info with its request id, never as an internal error', async (_case, request, code) => {
    const response = await fetch(graph.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    const body = (await response.json()) as any;
    const requestId = response.headers.get('x-request-id');
    expect(response.status).toBe(400);
    expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code } }] });
    if (code === 'SUBSCRIPTION_NOT_SUPPORTED') expect(body.errors[0].message).toMatch(/accept: text\/event-stream/);
    const lines = logLines.filter((line) => line.requestId === requestId);
    expect(lines.find((line) => line.msg === 'operation refused')).toMatchObject({ level: 30, code });
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ level: 30, status: 400 });
    // Nothing at warn or above for a client's mistake, on this request or without a request id.
    expect(logLines.filter((line) => line.level >= 40 && (line.requestId === requestId || line.requestId === undefined))).toEqual([]);
    await stillAnswers();
  });

  it('logs a client that hangs up halfway through its body at info, not as a failure of ours', async () => {
    const { port } = new URL(graph.gateway.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const marker = `abandoned-${Date.now()}`;
    socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Request-Id: ${marker}\r\nContent-Length: 1000\r\n\r\n{"query":`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lines = logLines.filter((line) => line.requestId === marker);
    expect(lines.find((line) => line.msg === 'request abandoned by the client')).toMatchObject({ level: 30 });
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    await stillAnswers();
  });

  it('refuses a mutation sent by GET', async () => {
    const search = new URLSearchParams({ query: 'mutation { withdrawConsent(id: "00000000-0000-0000-0000-000000000000") { id } }' });
    const response = await fetch(`${graph.gateway.url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });

  it('refuses requests a browser could send cross-site without a preflight (CSRF)', async () => {
    const search = new URLSearchParams({ query: '{ __typename }' });
    const simpleGet = await fetch(`${graph.gateway.url}?${search}`);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/);
    const formPost = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(formPost.status).toBe(400);
    const withHeader = await fetch(`${graph.gateway.url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(withHeader.status).toBe(200);
  });

  it('answers CORS preflights for allowed origins only, and names the origin, never *', async () => {
    const preflight = (origin: string) =>
      fetch(graph.gateway.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await preflight('https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(post.headers.get('vary')).toMatch(/origin/i);
  });
});

describe('CORS for front ends on a developer machine', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });

  it('allows loopback origins on any port when CORS_LOCALHOST is on (the development default), and nothing that only looks like them', async () => {
    // Off outside development: this graph runs as NODE_ENV=test.
    expect((await preflight(graph.gateway.url, 'http://localhost:5173')).status).toBe(403);
    const development = await startTestGraph('none', { CORS_LOCALHOST: 'on' });
    try {
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:41234', 'http://[::1]:8080', 'http://localhost']) {
        const answer = await preflight(development.gateway.url, origin);
        expect({ origin, status: answer.status, allowed: answer.headers.get('access-control-allow-origin') }).toEqual({ origin, status: 204, allowed: origin });
      }
      for (const origin of [
        'https://localhost:5173',
        'http://localhost.evil.example',
        'http://127.0.0.1.nip.io:80',
        'http://evil.example/?http://localhost:1',
      ]) {
        const answer = await preflight(development.gateway.url, origin);
        expect({ origin, status: answer.status, allowed: answer.headers.get('access-control-allow-origin') }).toEqual({ origin, status: 403, allowed: null });
      }
    } finally {
      await development.stop();
    }
  }, 60_000);
});

describe('schema details in production', () => {
  it('hides introspection and field suggestions when introspection is off (the production default)', async () => {
    const production = await startTestGraph('none', { INTROSPECTION: 'off' });
    try {
      const introspection = await production.post({ query: '{ __schema { queryType { name } } }' });
      expect(introspection.status).toBe(400);
      expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await production.post({ query: '{ organisatons { nodes { name } } }' });
      expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
      // With introspection on (development), the suggestion helps.
      expect((await graph.post({ query: '{ organisatons { nodes { name } } }' })).body.errors[0].message).toMatch(/Did you mean "organisations"/);
    } finally {
      await production.stop();
    }
  }, 60_000);

  it('publishes the API schema at /schema.graphql even with introspection and the playground off', async () => {
    const production = await startTestGraph('none', { INTROSPECTION: 'off', PLAYGROUND: 'off' });
    try {
      const url = new URL('/schema.graphql', production.gateway.url);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe(readFileSync(path.join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'));
      // A code generator that asks again with the ETag it has gets a 304 and no body.
      const again = await fetch(url, { headers: { 'if-none-match': response.headers.get('etag')! } });
      expect(again.status).toBe(304);
      expect((await fetch(url, { method: 'POST' })).status).toBe(404);
    } finally {
      await production.stop();
    }
  }, 60_000);
});

describe('rate limits', () => {
  async function burst(
    url: string,
    token: string,
    count: number,
  ): Promise<{ status: number; code?: string; retryAfter: string | null; remaining: string | null }[]> {
    const results = [];
    for (let i = 0; i < count; i += 1) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"query":"{ __typename }"}',
      });
      const body = (await response.json()) as any;
      results.push({
        status: response.status,
        code: body.errors?.[0]?.extensions?.code,
        retryAfter: response.headers.get('retry-after'),
        remaining: response.headers.get('ratelimit-remaining'),
      });
    }
    return results;
  }

  it('answers RATE_LIMITED with Retry-After past the budget, per client, in memory', async () => {
    const limited = await startTestGraph('none', { RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const one = await limited.token({ role: 'analyst', sub: `analyst-${randomUUID()}` });
      const two = await limited.token({ role: 'analyst', sub: `analyst-${randomUUID()}` });
      const results = await burst(limited.gateway.url, one, 7);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(results.map((r) => r.remaining)).toEqual(['4', '3', '2', '1', '0', '0', '0']);
      expect(results[5]).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.stringMatching(/^\d+$/) });
      // Another client has its own budget.
      expect((await burst(limited.gateway.url, two, 1))[0].status).toBe(200);
    } finally {
      await limited.stop();
    }
  }, 60_000);

  (REDIS_URL ? it : it.skip)(
    'shares one budget per client across gateway replicas through Redis',
    async () => {
      const env = { RATE_LIMIT_PER_MINUTE: '6', REDIS_URL: REDIS_URL! };
      const [one, two] = await Promise.all([startTestGraph('none', env), startTestGraph('none', env)]);
      try {
        // Both replicas trust the same issuer in production; here each has its own key, so each signs for the same subject.
        const subject = `partner-${randomUUID()}`;
        const viaOne = await one.token({ role: 'analyst', sub: subject });
        const viaTwo = await two.token({ role: 'analyst', sub: subject });
        const first = await burst(one.gateway.url, viaOne, 4);
        const second = await burst(two.gateway.url, viaTwo, 4);
        expect([...first, ...second].map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
        expect(second[2].code).toBe('RATE_LIMITED');
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
    },
    60_000,
  );
});

describe('GraphQL over HTTP', () => {
  it("passes every MUST of graphql-http's audit", async () => {
    const results = await auditServer({ url: graph.gateway.url });
    const must = results.filter((result) => result.name.startsWith('MUST'));
    const failed = results.filter((result) => result.status !== 'ok').map((result) => `${result.status}: ${result.name}`);
    console.info(
      `graphql-http audit: ${results.length - failed.length}/${results.length} passed, MUST ${must.filter((r) => r.status === 'ok').length}/${must.length}\n${failed.join('\n')}`,
    );
    expect(must.length).toBeGreaterThan(10);
    expect(must.filter((result) => result.status !== 'ok').map((result) => result.name)).toEqual([]);
  });
});
