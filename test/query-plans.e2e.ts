/**
 * Asking the gateway how it plans an operation: the Apollo-Query-Plan-Experimental
 * header, answered for the roles QUERY_PLAN_ROLES allows (everyone outside production).
 */
import { loadConfig } from '../runtime/config';
import { type TestGraph, startTestGraph } from './support/graph';

const QUERY = '{ organisationByGssCode(gssCode: "S12000036") { name datasets(first: 2) { nodes { title } } } }';
let graph: TestGraph;
let tokens: Record<'analyst' | 'admin' | 'staff', string>;

/** Posts QUERY with these headers and returns the JSON answer. */
async function ask(headers: Record<string, string>): Promise<any> {
  const response = await fetch(graph.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

beforeAll(async () => {
  graph = await startTestGraph('default', { QUERY_PLAN_ROLES: 'admin,analyst' });
  const organisation = (await graph.client.request<any>(QUERY.replace('name', 'id name'))).organisationByGssCode.id;
  tokens = {
    analyst: await graph.token({ role: 'analyst', sub: 'analyst-1' }),
    admin: await graph.token({ role: 'admin', sub: 'admin-1' }),
    staff: await graph.token({ role: 'staff', sub: 'staff-1', org: organisation }),
  };
});

afterAll(async () => {
  await graph?.stop();
});

describe('query plans', () => {
  it('come as text in extensions.__queryPlanExperimental to an allowed role that asks', async () => {
    const body = await ask({ authorization: `Bearer ${tokens.analyst}`, 'apollo-query-plan-experimental': '1' });
    expect(body.errors).toBeUndefined();
    expect(body.data.organisationByGssCode.name).toBe('City of Edinburgh');
    const plan: string = body.extensions.__queryPlanExperimental;
    expect(plan).toMatch(/^QueryPlan \{/);
    expect(plan).toContain('Fetch(service: "organisations")');
    expect(plan).toContain('Fetch(service: "datasets")');
  });

  it("come as the planner's own object with Apollo-Query-Plan-Experimental-Format: internal", async () => {
    const body = await ask({
      authorization: `Bearer ${tokens.admin}`,
      'apollo-query-plan-experimental': '1',
      'apollo-query-plan-experimental-format': 'internal',
    });
    expect(body.extensions.__queryPlanExperimental).toMatchObject({ kind: 'QueryPlan', node: { kind: 'Sequence' } });
  });

  it('are not given to roles the setting leaves out, to anonymous callers, or without the header', async () => {
    expect((await ask({ authorization: `Bearer ${tokens.staff}`, 'apollo-query-plan-experimental': '1' })).extensions).toBeUndefined();
    expect((await ask({ 'apollo-query-plan-experimental': '1' })).extensions).toBeUndefined();
    expect((await ask({ authorization: `Bearer ${tokens.analyst}` })).extensions).toBeUndefined();
  });

  it('are for everyone outside production and nobody in production unless QUERY_PLAN_ROLES says', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', AUTH_ISSUER: 'https://signin.example.gov.scot' };
    expect(loadConfig({}).gateway.queryPlanRoles).toBe('everyone');
    expect(loadConfig(production).gateway.queryPlanRoles).toEqual([]);
    expect(loadConfig({ ...production, QUERY_PLAN_ROLES: 'admin' }).gateway.queryPlanRoles).toEqual(['admin']);
    expect(loadConfig({ QUERY_PLAN_ROLES: 'none' }).gateway.queryPlanRoles).toEqual([]);
    expect(loadConfig({ ...production, QUERY_PLAN_ROLES: '*' }).gateway.queryPlanRoles).toBe('everyone');
    expect(() => loadConfig({ QUERY_PLAN_ROLES: 'admin,root' })).toThrow(
      'QUERY_PLAN_ROLES must be *, none, or roles from citizen, staff, analyst, partner, admin; "root" is not one.',
    );
  });
});
