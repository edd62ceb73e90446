import { gql } from 'graphql-request';
import { seedId } from '../seed/ids';
import { type TestGraph, startTestGraph } from './support/graph';

let graph: TestGraph;
const EDINBURGH = seedId('organisation', 'S12000036');
let edinburghStaff: string;
let admin: string;

beforeAll(async () => {
  // No entity cache: these tests count the statements the subgraphs send, which a warm cache would hide.
  graph = await startTestGraph('default', { ENTITY_CACHE_MAX_BYTES: '0' });
  edinburghStaff = await graph.token({ role: 'staff', sub: 'edinburgh-officer', org: EDINBURGH });
  admin = await graph.token({ role: 'admin', sub: 'platform-admin' });
});

afterAll(async () => {
  await graph?.stop();
});

const EDINBURGH_DASHBOARD = gql`
  query EdinburghDashboard {
    organisationByGssCode(gssCode: "S12000036") {
      name
      type
      gssCode
      integrations {
        serviceName
        domain
        status
      }
      services {
        name
      }
      paymentTotals {
        direction
        status
        payments
        amount
      }
      payments(first: 5, direction: INBOUND) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          amount
          direction
          status
          finished
          organisation {
            name
          }
          account {
            id
            assuranceLevel
            organisations {
              name
            }
            learningRecords(first: 3) {
              nodes {
                verb
                course {
                  title
                  theme
                }
              }
            }
          }
        }
      }
      learners(first: 3) {
        nodes {
          statements
          coursesCompleted
          account {
            id
          }
        }
      }
      datasets(first: 3) {
        nodes {
          title
        }
      }
    }
  }
`;

describe('the federated graph over HTTP', () => {
  it('answers one query that spans all five subgraphs with seeded values', async () => {
    const data = await graph.as(edinburghStaff).request<any>(EDINBURGH_DASHBOARD);
    const edinburgh = data.organisationByGssCode;
    // organisations
    expect(edinburgh).toMatchObject({ name: 'City of Edinburgh', type: 'LOCAL_AUTHORITY', gssCode: 'S12000036' });
    expect(edinburgh.integrations.map((i: any) => i.domain).sort()).toEqual(['counciltax.edinburgh.gov.uk', 'getyournec.scot', 'parentsportal.scot']);
    expect(edinburgh.services).toHaveLength(6);
    // payments: inbound only, newest first, amounts as strings of pence
    expect(edinburgh.payments.nodes).toHaveLength(5);
    expect(edinburgh.payments.pageInfo.hasNextPage).toBe(true);
    for (const payment of edinburgh.payments.nodes) {
      expect(payment.direction).toBe('INBOUND');
      expect(payment.amount).toMatch(/^[1-9][0-9]*$/);
      expect(payment.organisation.name).toBe('City of Edinburgh');
      // identity: the payer is an account that has used Edinburgh's services
      expect(payment.account.organisations.map((o: any) => o.name)).toContain('City of Edinburgh');
      expect(['NONE', 'LOW', 'MEDIUM', 'HIGH']).toContain(payment.account.assuranceLevel);
    }
    const totalPayments = edinburgh.paymentTotals.reduce((sum: number, t: any) => sum + t.payments, 0);
    expect(totalPayments).toBe(150); // 6,000 payments spread over 40 organisations
    // learning
    expect(edinburgh.learners.nodes.length).toBeGreaterThan(0);
    expect(edinburgh.learners.nodes[0].statements).toBe(6);
    // datasets: Edinburgh publishes none; the graph still answers with an empty page
    expect(edinburgh.datasets.nodes).toEqual([]);
  });

  it("reaches learners' records from their organisation and datasets from their publisher", async () => {
    const data = await graph.as(edinburghStaff).request<any>(
      gql`
        query Reach($edinburgh: ID!) {
          nrs: organisations(first: 100) {
            nodes {
              name
              datasets(first: 50) {
                nodes {
                  title
                  theme
                }
              }
            }
          }
          organisation(id: $edinburgh) {
            learners(first: 20) {
              nodes {
                account {
                  learningRecords(first: 1) {
                    nodes {
                      verb
                      course {
                        theme
                      }
                      organisation {
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { edinburgh: EDINBURGH },
    );
    const nrs = data.nrs.nodes.find((o: any) => o.name === 'National Records of Scotland');
    expect(nrs.datasets.nodes).toHaveLength(30);
    expect(new Set(nrs.datasets.nodes.map((d: any) => d.theme))).toEqual(new Set(['Population']));
    const records = data.organisation.learners.nodes.flatMap((l: any) => l.account.learningRecords.nodes);
    expect(records.length).toBeGreaterThan(0);
    expect(records[0].course.theme).toEqual(expect.any(String));
    expect(records.every((r: any) => r.organisation.name === 'City of Edinburgh')).toBe(true);
  });

  it("holds the report's myaccount figures: 92 integrations across 40 organisations", async () => {
    const data = await graph.as(admin).request<any>(gql`
      {
        integrations(first: 1000) {
          nodes {
            organisation {
              id
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    `);
    expect(data.integrations.nodes).toHaveLength(92);
    expect(new Set(data.integrations.nodes.map((i: any) => i.organisation.id)).size).toBe(40);
    expect(data.integrations.pageInfo.hasNextPage).toBe(false);
  });

  it('pages through every organisation with cursors, without repeats or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const data: any = await graph.client.request(
        gql`
          query Page($after: String) {
            organisations(first: 10, after: $after) {
              nodes {
                name
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        `,
        { after },
      );
      seen.push(...data.organisations.nodes.map((o: any) => o.name));
      after = data.organisations.pageInfo.hasNextPage ? data.organisations.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
    expect([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(seen);
  });

  it('finds datasets by simple terms, best match first', async () => {
    const data = await graph.client.request<any>(gql`
      {
        searchDatasets(query: "hospital admissions", first: 3) {
          nodes {
            title
            publisher {
              name
            }
            distributions {
              format
            }
          }
        }
      }
    `);
    expect(data.searchDatasets.nodes).toHaveLength(3);
    expect(data.searchDatasets.nodes[0].title).toMatch(/^Hospital admissions/);
    expect(data.searchDatasets.nodes[0].publisher.name).toBe('Public Health Scotland');
    expect(data.searchDatasets.nodes[0].distributions.map((d: any) => d.format).sort()).toEqual(['CSV', 'JSON-LD']);
  });
});

describe('N+1: statements per request do not grow with the number of parents', () => {
  const ACCOUNTS_WITH_CHILDREN = gql`
    query Accounts($first: Int!) {
      accounts(first: $first) {
        nodes {
          id
          verifiedAttributes {
            kind
          }
          organisations {
            name
            integrations {
              domain
            }
          }
          payments(first: 3) {
            nodes {
              amount
              organisation {
                name
              }
            }
          }
          learningRecords(first: 3) {
            nodes {
              verb
              course {
                title
              }
            }
          }
        }
      }
    }
  `;

  beforeAll(async () => {
    // Arrange 1,000 Edinburgh users, each with a consent, a payment and a learning record there,
    // so that every list under every parent is non-empty and only the number of parents differs.
    const accounts = `(SELECT id FROM identity.account ORDER BY created_at DESC, id DESC LIMIT 1000)`;
    await graph.sql(
      `INSERT INTO identity.organisation_use (account_id, organisation_id, first_used_at, last_used_at)
                     SELECT id, $1, now(), now() FROM ${accounts} a ON CONFLICT DO NOTHING`,
      [EDINBURGH],
    );
    await graph.sql(
      `INSERT INTO identity.consent (account_id, organisation_id, attributes, purpose, method)
                     SELECT id, $1, ARRAY['GIVEN_NAME','FAMILY_NAME'], 'Council tax account', 'ONLINE_FORM' FROM ${accounts} a`,
      [EDINBURGH],
    );
    await graph.sql(
      `INSERT INTO payments.payment (organisation_id, account_id, direction, amount_pence, reference, description, status)
                     SELECT $1, id, 'INBOUND', 1000, 'N1', 'Council tax', 'SUCCESS' FROM ${accounts} a`,
      [EDINBURGH],
    );
    await graph.sql(
      `INSERT INTO learning.statement (id, account_id, verb, course_id, organisation_id, timestamp)
                     SELECT gen_random_uuid(), a.id, 'REGISTERED', (SELECT id FROM learning.course LIMIT 1), $1, now() FROM ${accounts} a`,
      [EDINBURGH],
    );
  });

  it('sends the same number of SQL statements for 10 and for 1,000 accounts', async () => {
    let small: any;
    let large: any;
    const client = graph.as(edinburghStaff);
    const forTen = await graph.countStatements(async () => {
      small = await client.request(ACCOUNTS_WITH_CHILDREN, { first: 10 });
    });
    const forThousand = await graph.countStatements(async () => {
      large = await client.request(ACCOUNTS_WITH_CHILDREN, { first: 1000 });
    });
    expect(small.accounts.nodes).toHaveLength(10);
    expect(large.accounts.nodes).toHaveLength(1000);
    // The lists were really resolved, not empty.
    for (const account of large.accounts.nodes) {
      expect(account.verifiedAttributes.map((a: any) => a.kind)).toEqual(['FAMILY_NAME', 'GIVEN_NAME']);
      expect(account.organisations).toEqual([{ name: 'City of Edinburgh', integrations: expect.any(Array) }]);
      expect(account.payments.nodes.length).toBeGreaterThan(0);
      expect(account.learningRecords.nodes.length).toBeGreaterThan(0);
    }
    expect(forThousand).toEqual(forTen);
    // One statement per entity type per subgraph fetch: accounts, consented attributes (and one INSERT
    // recording the read), organisations used (identity); payments; records and courses (learning);
    // organisations and integrations, plus the organisations of the payments, which the gateway
    // fetches in a later step of the plan (organisations).
    expect(forThousand).toEqual({ identity: 4, payments: 1, learning: 2, organisations: 3, datasets: 0 });
  });
});

describe('errors a client can act on', () => {
  it('refuses a malformed id with BAD_USER_INPUT and no stack trace', async () => {
    const { status, body } = await graph.post({ query: '{ organisation(id: "not-a-uuid") { name } }' });
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toBe('`id` must be a UUID.');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:/);
  });

  it('refuses page sizes out of range and cursors it did not issue', async () => {
    const tooMany = await graph.post({ query: '{ organisations(first: 5000) { nodes { name } } }' });
    expect(tooMany.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const forged = await graph.post({ query: '{ organisations(after: "bm90LWEtY3Vyc29y") { nodes { name } } }' });
    expect(forged.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('refuses a malformed GSS code and answers null for an unknown one', async () => {
    const bad = await graph.post({ query: '{ organisationByGssCode(gssCode: "E08000001") { name } }' });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await graph.post({ query: '{ organisationByGssCode(gssCode: "S12000099") { name } }' });
    expect(unknown.body).toEqual({ data: { organisationByGssCode: null } });
  });

  it('answers a syntax error with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await graph.post({ query: '{ organisations(' });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a body over the limit with 413', async () => {
    const { status, body } = await graph.post({ query: `{ __typename }`, variables: { padding: 'x'.repeat(3 * 1024 * 1024) } });
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('serves Prometheus metrics: requests by operation and outcome, subgraph fetches, pool usage', async () => {
    const base = graph.gateway.url.replace(/\/graphql$/, '');
    const gateway = await (await fetch(`${base}/metrics`)).text();
    expect(gateway).toMatch(/graph_requests_total\{operation="EdinburghDashboard",outcome="success",component="gateway"\} 1/);
    expect(gateway).toMatch(/graph_subgraph_fetches_total\{subgraph="payments",outcome="ok",component="gateway"\} [1-9]/);
    expect(gateway).toContain('graph_request_duration_seconds_bucket');
    const payments = await (await fetch(graph.subgraphs.payments.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(payments).toMatch(/graph_db_pool_connections\{component="payments"\} [1-9]/);
  });

  it('reports health and readiness', async () => {
    const base = graph.gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const subgraphBase = graph.subgraphs.payments.url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${subgraphBase}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});
