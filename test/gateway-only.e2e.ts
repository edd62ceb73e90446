import { createGateway, type RunningGateway } from '../gateway/server';
import { readSupergraph } from '../gateway/supergraph';
import { signGatewayCall } from '../platform/gateway-signature';
import { createLogger } from '../platform/logger';
import { ConfigError, gatewayOptionsOf, loadConfig, subgraphSecretsOf } from '../runtime/config';
import { seedId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

const CURRENT = 'current-secret-0123456789abcdef0123456789abcdef';
const PREVIOUS = 'previous-secret-0123456789abcdef0123456789abcdef';
const EDINBURGH = seedId('organisation', 'S12000036');

let graph: TestGraph;
const logLines: any[] = [];
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  const log = createLogger({ level: 'info', name: 'gateway-only-test', destination: { write: (line: string) => logLines.push(JSON.parse(line)) } });
  // A rotation under way: the subgraphs accept the new secret and the old one; this gateway signs with the new one.
  graph = await startTestGraph('default', { SUBGRAPH_SECRET: CURRENT, SUBGRAPH_SECRET_PREVIOUS: PREVIOUS }, log);
}, 60_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await graph?.stop();
});

/** Posts straight to a subgraph, as something other than the gateway would. */
async function direct(body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  const response = await fetch(graph.subgraphs.organisations.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
  return { status: response.status, body: (await response.json()) as any, requestId: response.headers.get('x-request-id') };
}

const SDL = { query: '{ _service { sdl } }' };
const ENTITIES = {
  query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { name } } }',
  variables: { r: [{ __typename: 'Organisation', id: EDINBURGH }] },
};

describe('subgraphs in production answer the gateway only', () => {
  it('serves the gateway, which signs every call', async () => {
    const { status, body } = await graph.post({ query: `{ organisation(id: "${EDINBURGH}") { name datasets(first: 1) { nodes { title } } } }` });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.organisation.name).toBe('City of Edinburgh');
  });

  it.each([
    ['no signature', SDL, {}],
    ['no signature', ENTITIES, {}],
    ['a signature made with another secret', SDL, { 'x-gateway-signature': signGatewayCall('an-attacker-guess-0123456789abcdef0123', JSON.stringify(SDL)) }],
    ['a signature over another body', ENTITIES, { 'x-gateway-signature': signGatewayCall(CURRENT, JSON.stringify(SDL)) }],
    ['a signature ten minutes old', SDL, { 'x-gateway-signature': signGatewayCall(CURRENT, JSON.stringify(SDL), Date.now() - 10 * 60_000) }],
    ['a malformed signature', SDL, { 'x-gateway-signature': CURRENT }],
  ])('refuses a caller with %s before anything runs: 403 FORBIDDEN, logged with the request id', async (_case, request, headers) => {
    const { status, body, requestId } = await direct(request, headers);
    expect(status).toBe(403);
    expect(body).toEqual({ errors: [{ message: expect.stringContaining('gateway only'), extensions: { code: 'FORBIDDEN' } }] });
    expect(JSON.stringify(body)).not.toContain('Organisation');
    expect(logLines.find((line) => line.requestId === requestId && line.msg === 'caller refused: not the gateway')).toMatchObject({ level: 40 });
  });

  it('refuses GraphQL by GET, which the gateway never sends, and keeps the probes and metrics open', async () => {
    const search = new URLSearchParams({ query: '{ _service { sdl } }' });
    const get = await fetch(`${graph.subgraphs.organisations.url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(403);
    const base = graph.subgraphs.organisations.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('accepts the current secret and, during a rotation, the previous one', async () => {
    for (const secret of [CURRENT, PREVIOUS]) {
      const { status, body } = await direct(ENTITIES, { 'x-gateway-signature': signGatewayCall(secret, JSON.stringify(ENTITIES)) });
      expect(status).toBe(200);
      expect(body.data._entities).toEqual([{ name: 'City of Edinburgh' }]);
    }
    // A gateway not yet given the new secret keeps working while the subgraphs accept both.
    const config = loadConfig({ NODE_ENV: 'test', SUBGRAPH_SECRET: PREVIOUS, RATE_LIMIT_PER_MINUTE: '0' });
    const gateway = await createGateway(
      gatewayOptionsOf(config, {
        supergraphSdl: readSupergraph(config.projectRoot),
        subgraphUrls: Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
        log: createLogger({ level: 'silent' }),
        verifier: graph.verifier,
      }),
    );
    const running = await gateway.listen(0);
    gateways.push(running);
    const answer = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ organisation(id: "${EDINBURGH}") { name datasets(first: 1) { nodes { title } } } }` }),
    });
    expect(((await answer.json()) as any).data.organisation.name).toBe('City of Edinburgh');
  });
});

describe('the subgraph secret in configuration', () => {
  const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', AUTH_ISSUER: 'https://signin.example.gov.scot' };

  it('is required in production by every process that serves GraphQL, and optional in development', () => {
    expect(() => subgraphSecretsOf(loadConfig(production))).toThrow(ConfigError);
    expect(() => subgraphSecretsOf(loadConfig(production))).toThrow(/SUBGRAPH_SECRET/);
    expect(subgraphSecretsOf(loadConfig({ ...production, SUBGRAPH_SECRET: CURRENT }))).toEqual({ current: CURRENT, previous: null });
    expect(subgraphSecretsOf(loadConfig({}))).toEqual({ current: null, previous: null });
  });

  it('refuses a short secret, and a previous secret without a current one', () => {
    expect(() => loadConfig({ SUBGRAPH_SECRET: 'short' })).toThrow(
      new ConfigError('SUBGRAPH_SECRET must be at least 32 characters (for instance `openssl rand -hex 32`).'),
    );
    expect(() => loadConfig({ SUBGRAPH_SECRET_PREVIOUS: PREVIOUS })).toThrow(/SUBGRAPH_SECRET_PREVIOUS is set without SUBGRAPH_SECRET/);
  });
});
