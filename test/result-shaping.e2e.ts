/**
 * Our result shaping (gateway/result-shaping.ts) against @apollo/gateway's
 * own, on the real graph: every request below is shaped by both from the
 * same operation and merged subgraph data, and the answers (data and
 * errors) must be the same, value for value. The requests cover the
 * benchmark's four operations (identical and varied), the playground's
 * examples, and what shaping must get exactly right: aliases, @skip and
 * @include (variables and literals), __typename at every level and aliased,
 * inline and named fragments, a field repeated across fragments, and nulls
 * from refused fields inside lists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { benchQueries } from '../bench/queries';
import { type ComputeResponseArgs, computeResponse, gatewaysComputeResponse } from '../gateway/result-shaping';
import { seedId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

let graph: TestGraph;
const compared: string[] = [];
const differences: string[] = [];
let shaping: { computeResponse: (args: ComputeResponseArgs) => ReturnType<typeof computeResponse> };

beforeAll(async () => {
  graph = await startTestGraph('default', { ENTITY_CACHE_MAX_BYTES: '0' });
  const gateways = gatewaysComputeResponse();
  if (!gateways) throw new Error('our result shaping is not installed');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module the executor calls through, as installResultShaping patches it
  shaping = require('@apollo/gateway/dist/resultShaping');
  shaping.computeResponse = (args) => {
    const ours = computeResponse(args);
    const theirs = gateways(args);
    const plain = (result: ReturnType<typeof computeResponse>) => ({
      data: JSON.parse(JSON.stringify(result.data ?? null)),
      errors: result.errors.map((error) => ({ message: error.message, path: (error as { path?: unknown }).path })),
    });
    const name = args.operation.name ?? '(anonymous)';
    compared.push(name);
    if (!isDeepStrictEqual(plain(ours), plain(theirs)))
      differences.push(`${name}: ours ${JSON.stringify(plain(ours)).slice(0, 300)} / theirs ${JSON.stringify(plain(theirs)).slice(0, 300)}`);
    return ours;
  };
});

afterAll(async () => {
  shaping.computeResponse = computeResponse;
  await graph?.stop();
});

const EDINBURGH = seedId('organisation', 'S12000036');

async function send(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const { status, body } = await graph.post({ query, variables }, token);
  expect(status).toBe(200);
  return body;
}

it("shapes the benchmark's operations, identical and varied, as @apollo/gateway does", async () => {
  const sign = (claims: Parameters<TestGraph['token']>[0]) => graph.token(claims);
  for (const query of benchQueries(process.cwd(), 2_000)) {
    for (const workload of ['identical', 'varied'] as const) {
      for (const request of (await query.requests(workload, 6, sign, 'ours')).slice(0, 6)) {
        const { status, body } = await (async () => {
          const response = await fetch(graph.gateway.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(request.token ? { authorization: `Bearer ${request.token}` } : {}) },
            body: request.body,
          });
          return { status: response.status, body: (await response.json()) as { data?: unknown } };
        })();
        expect(status).toBe(200);
        expect(body.data).toBeTruthy();
      }
    }
  }
  expect(differences).toEqual([]);
});

it("shapes the playground's examples as @apollo/gateway does", async () => {
  const staff = await graph.token({ role: 'staff', sub: 'shaping-staff', org: EDINBURGH });
  const analyst = await graph.token({ role: 'analyst', sub: 'shaping-analyst' });
  const root = path.join(process.cwd(), 'operations', 'playground');
  for (const audience of readdirSync(root)) {
    for (const file of readdirSync(path.join(root, audience))) {
      const text = readFileSync(path.join(root, audience, file), 'utf8');
      if (/^\s*subscription\b/m.test(text)) continue;
      await send(text, {}, audience.includes('staff') ? staff : analyst);
    }
  }
  expect(differences).toEqual([]);
});

it('agrees on aliases, @skip and @include, __typename, fragments, repeated fields and nulls from refused fields', async () => {
  const staff = await graph.token({ role: 'staff', sub: 'shaping-staff', org: EDINBURGH });
  const query = `
    query Shapes($withServices: Boolean!, $withoutTotals: Boolean!) {
      __typename
      council: organisationByGssCode(gssCode: "S12000036") {
        kind: __typename
        id
        title: name
        name
        services @include(if: $withServices) { __typename name }
        paymentTotals @skip(if: $withoutTotals) { direction payments }
        integrations @skip(if: false) { serviceName }
        datasets(first: 2) @include(if: true) { nodes { title ...DatasetBits } }
        ... on Organisation { name gssCode payments(first: 3) { nodes { id ...PaymentBits account { id assuranceLevel } } } }
        ...OrganisationBits
      }
      nobody: organisationByGssCode(gssCode: "S99999999") { id name }
    }
    fragment DatasetBits on Dataset { __typename theme publisher { name } }
    fragment PaymentBits on Payment { status amount organisation { id name } }
    fragment OrganisationBits on Organisation { id type website learners(first: 2) { nodes { account { id } statements } } }
  `;
  for (const variables of [
    { withServices: true, withoutTotals: false },
    { withServices: false, withoutTotals: true },
  ]) {
    await send(query, variables, staff);
    await send(query, variables);
  }
  expect(compared.filter((name) => name === 'Shapes')).toHaveLength(4);
  expect(differences).toEqual([]);
  // Enough answers were compared to mean something.
  expect(compared.length).toBeGreaterThan(40);
});
