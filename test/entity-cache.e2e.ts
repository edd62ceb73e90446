/**
 * The gateway's entity cache and public answers, on the real graph: public
 * entities (fields marked `@cacheControl(scope: PUBLIC)`) are fetched once
 * and served from memory or Redis to every viewer; a selection with any field
 * that is the viewer's own is never cached; a write through one gateway is
 * read through another once its change arrives; public answers carry
 * `cache-control: public` and an ETag, and a matching `If-None-Match` is 304.
 */
import Redis from 'ioredis';
import { createGateway, type RunningGateway } from '../gateway/server';
import { readSupergraph } from '../gateway/supergraph';
import { createLogger } from '../platform/logger';
import { gatewayOptionsOf, loadConfig } from '../runtime/config';
import { seedId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const EDINBURGH = seedId('organisation', 'S12000036');
const GLASGOW = seedId('organisation', 'S12000049');

let graph: TestGraph;
const gateways: RunningGateway[] = [];

/** Datasets of one publisher, with the publisher's public details: an `_entities` fetch of Organisation the cache may answer. */
const PUBLISHED = `query Published($publisherId: ID!) {
  searchDatasets(filters: { publisherIds: [$publisherId] }, first: 3) { nodes { id title publisher { id name website } } }
}`;

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors: any[] } };
}

/** The gateway's count of entity cache lookups with this result. */
async function entityLookups(url: string, result: 'hit' | 'miss'): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`graph_cache_lookups_total{cache="entity",result="${result}"`));
  return Number(line?.split(' ')[1] ?? NaN);
}

/** Whether a gateway follows a subgraph's changes, so it caches that subgraph's public entities. */
async function follows(url: string, subgraph: string): Promise<boolean> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  return text.split('\n').some((l) => l.startsWith(`graph_entity_changes_followed{subgraph="${subgraph}"`) && l.endsWith(' 1'));
}

/** Another gateway over the same subgraphs, as another replica would be. */
async function replica(env: Record<string, string> = {}): Promise<RunningGateway> {
  const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0', ...env });
  const gateway = await (
    await createGateway({
      ...gatewayOptionsOf(config, {
        supergraphSdl: readSupergraph(config.projectRoot),
        subgraphUrls: Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
        log: createLogger({ level: 'silent' }),
        verifier: graph.verifier,
      }),
      shutdownTimeoutMs: 1_000,
    })
  ).listen(0);
  gateways.push(gateway);
  return gateway;
}

/** Waits until `check` holds, at most `ms`: a change reaches other gateways a moment after its commit. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Waits until a gateway follows every subgraph's changes (its first cached answer proves it for organisations). */
async function warm(url: string, variables: Record<string, unknown>) {
  await eventually(
    async () => {
      await post(url, PUBLISHED, variables);
      return entityLookups(url, 'hit');
    },
    (hits) => hits > 0,
  );
}

/** Publishers of datasets, those with myaccount integrations first (their staff see them; nobody else may). */
let publishers: string[];

beforeAll(async () => {
  graph = await startTestGraph('default');
  publishers = (
    await graph.sql<{ id: string }>(
      `SELECT d.publisher_id AS id FROM datasets.dataset d
       GROUP BY d.publisher_id
       ORDER BY EXISTS (SELECT 1 FROM organisations.integration i WHERE i.organisation_id = d.publisher_id) DESC, d.publisher_id LIMIT 2`,
    )
  ).map((row) => row.id);
}, 120_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await graph?.stop();
});

describe('entity cache', () => {
  it('fetches a public entity once and then answers it from memory, for every viewer', async () => {
    const url = graph.gateway.url;
    const variables = { publisherId: publishers[0] };
    await warm(url, variables);
    const citizen = await graph.token({ role: 'citizen', sub: seedId('account', 'cache-citizen') });
    const hitsBefore = await entityLookups(url, 'hit');
    const statements = await graph.countStatements(async () => {
      const { body } = await post(url, PUBLISHED, variables, citizen);
      expect(body.errors).toBeUndefined();
      expect(body.data.searchDatasets.nodes[0].publisher.id).toBe(publishers[0]);
    });
    // The datasets subgraph still answers its own root field; the publisher comes from the cache, with no SQL at all.
    expect(statements.organisations).toBe(0);
    expect(statements.datasets).toBeGreaterThan(0);
    expect(await entityLookups(url, 'hit')).toBeGreaterThan(hitsBefore);
  });

  it("never serves a staff-only field from the cache: another council's staff are refused, whatever was fetched before", async () => {
    const url = graph.gateway.url;
    const query = `query Integrations($publisherId: ID!) {
      searchDatasets(filters: { publisherIds: [$publisherId] }, first: 1) { nodes { publisher { name integrations { serviceName } } } }
    }`;
    const own = await graph.token({ role: 'staff', sub: 'publisher-officer', org: publishers[0] });
    const other = await graph.token({ role: 'staff', sub: 'glasgow-officer', org: GLASGOW });
    const first = await post(url, query, { publisherId: publishers[0] }, own);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.searchDatasets.nodes[0].publisher.integrations.length).toBeGreaterThan(0);
    const lookups = (await entityLookups(url, 'hit')) + (await entityLookups(url, 'miss'));
    const second = await post(url, query, { publisherId: publishers[0] }, other);
    expect(second.body.data.searchDatasets.nodes[0].publisher.integrations).toBeNull();
    expect(second.body.errors.map((error: any) => error.extensions.code)).toEqual(['FORBIDDEN']);
    // The fetch asked for a field that is not public: the cache was not even looked at.
    expect((await entityLookups(url, 'hit')) + (await entityLookups(url, 'miss'))).toBe(lookups);
  });

  it('reads a change made through one gateway on the next requests through another, once the change has arrived', async () => {
    const first = graph.gateway.url;
    const second = (await replica()).url;
    const variables = { publisherId: publishers[1] };
    await warm(second, variables);
    const website = async () => (await post(second, PUBLISHED, variables)).body.data.searchDatasets.nodes[0].publisher.website as string;
    const before = await website();
    const hits = await entityLookups(second, 'hit');
    expect(await website()).toBe(before);
    expect(await entityLookups(second, 'hit')).toBeGreaterThan(hits);

    const admin = await graph.token({ role: 'admin', sub: 'platform-admin' });
    const next = `https://www.example.gov.uk/${Date.now()}`;
    const update = `mutation Update($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id website } }`;
    const written = await post(first, update, { input: { organisationId: publishers[1], website: next } }, admin);
    expect(written.body.errors).toBeUndefined();
    expect(written.body.data.updateOrganisation.website).toBe(next);
    // Within a bounded time (the change's NOTIFY, relayed by the subgraph's stream), not after the entry's maxAge of 300 s.
    expect(await eventually(website, (value) => value === next, 3_000)).toBe(next);
  });

  it('refuses a malformed change with BAD_USER_INPUT and changes nothing', async () => {
    const admin = await graph.token({ role: 'admin', sub: 'platform-admin' });
    const update = `mutation Update($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { website } }`;
    const [row] = await graph.sql('SELECT website FROM organisations.organisation WHERE id = $1', [EDINBURGH]);
    const refused = await post(graph.gateway.url, update, { input: { organisationId: EDINBURGH, website: 'javascript:alert(1)' } }, admin);
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const citizen = await graph.token({ role: 'citizen', sub: seedId('account', 'cache-citizen') });
    const forbidden = await post(graph.gateway.url, update, { input: { organisationId: EDINBURGH, website: 'https://example.org' } }, citizen);
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await graph.sql('SELECT website FROM organisations.organisation WHERE id = $1', [EDINBURGH])).toEqual([row]);
  });

  it('shares public entities between replicas through Redis: a new replica answers from it with no SQL', async () => {
    const redis = new Redis(REDIS_URL);
    await redis.eval("for _, key in ipairs(redis.call('keys', 'scotland-graph:entity:*')) do redis.call('del', key) end", 0);
    await redis.quit();
    const a = (await replica({ REDIS_URL })).url;
    const variables = { publisherId: publishers[0] };
    await warm(a, variables);
    const b = (await replica({ REDIS_URL })).url;
    expect(await eventually(() => follows(b, 'organisations'), Boolean)).toBe(true);
    // b has fetched nothing yet: its first answer's publishers come from what a stored in Redis.
    const statements = await graph.countStatements(async () => {
      const { body } = await post(b, PUBLISHED, variables);
      expect(body.data.searchDatasets.nodes[0].publisher.id).toBe(publishers[0]);
    });
    expect(statements.organisations).toBe(0);
    expect(await entityLookups(b, 'miss')).toBe(0);
    expect(await entityLookups(b, 'hit')).toBeGreaterThan(0);
  });
});

describe('public answers', () => {
  const PUBLIC = 'query Courses { courses(first: 2) { nodes { id title theme } pageInfo { hasNextPage } } }';
  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${graph.gateway.url}?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });

  it('marks an answer of public fields only as public, with a strong ETag, and answers a matching If-None-Match with 304', async () => {
    const first = await get(PUBLIC);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const body = await first.text();
    expect(JSON.parse(body).data.courses.nodes).toHaveLength(2);
    const again = await get(PUBLIC, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const changed = await get(PUBLIC, { 'if-none-match': '"something-else"' });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe(body);
  });

  it('keeps no-store, and no ETag, on anything with a field that is not public or an error', async () => {
    const staff = await graph.token({ role: 'staff', sub: 'edinburgh-officer', org: EDINBURGH });
    const own = await get(`{ organisation(id: "${EDINBURGH}") { name integrations { serviceName } } }`, { authorization: `Bearer ${staff}` });
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect(own.headers.get('etag')).toBeNull();
    const failed = await get('{ course(id: "not-a-uuid") { title } }');
    expect(failed.headers.get('cache-control')).toBe('no-store');
    const posted = await post(graph.gateway.url, PUBLIC, {});
    // A POST is public too (the same for everyone), but a POST has no ETag: caches and If-None-Match are for GETs' answers.
    expect(posted.headers.get('cache-control')).toBe('public, max-age=300');
  });
});
