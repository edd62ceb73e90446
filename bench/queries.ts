import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PersistedQueryManifest } from '../gateway/persisted-queries';
import type { GraphClaims } from '../platform/tokens';
import { COUNCIL_KEYS, DATASET_THEMES } from '../seed/catalogue';
import { seedId, seedSerialId } from '../seed/ids';

/** One request as the load generator sends it. */
export interface BenchRequest {
  body: string;
  /** Bearer token, or none (anonymous). */
  token?: string;
}

export type Sign = (claims: GraphClaims) => Promise<string>;

export interface BenchQuery {
  name: string;
  description: string;
  /** Builds `count` requests: all the same ('identical') or each with its own variables and signed-in user ('varied'). */
  requests(workload: Workload, count: number, sign: Sign, gateway: GatewayKind): Promise<BenchRequest[]>;
}

export type Workload = 'identical' | 'varied';
export type GatewayKind = 'ours' | 'apollo' | 'hive' | 'router';

const COUNCIL_HOME = `query CouncilHome($gssCode: String!) {
  organisationByGssCode(gssCode: $gssCode) {
    id name website gssCode
    services { name category }
    datasets(first: 5) { nodes { title modified theme } }
  }
}`;

/** An organisation dashboard across all five subgraphs, with entity references inside lists. */
const DASHBOARD = `query OrganisationDashboard($gssCode: String!) {
  organisationByGssCode(gssCode: $gssCode) {
    id name type gssCode
    integrations { serviceName domain status }
    services { name category }
    paymentTotals { direction status payments amount }
    payments(first: 50) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id amount direction status reference createdAt
        organisation { name }
        account {
          id assuranceLevel
          organisations { name }
          learningRecords(first: 3) { nodes { verb course { title theme } organisation { name } } }
        }
      }
    }
    learners(first: 25) { nodes { statements coursesCompleted account { id } } }
    datasets(first: 10) { nodes { title theme publisher { name } distributions { format } } }
  }
}`;

const ANALYST = `query AnalystOverview($groupBy: LearningGrouping!, $term: String!) {
  learningAggregates(groupBy: $groupBy) { theme month organisation { name } learners registrations completions completionRate }
  searchDatasets(query: $term, first: 5) { total nodes { title publisher { name } } facets { themes { value count } } }
}`;

const body = (query: string, variables: object, operationName: string) => JSON.stringify({ query, variables, operationName });
const pick = <T>(list: readonly T[], i: number) => list[i % list.length];
const GROUPINGS = ['THEME', 'ORGANISATION', 'MONTH'] as const;
const TERMS = DATASET_THEMES.flatMap((theme) => [...theme.topics.slice(0, 3), ...theme.keywords.slice(0, 2)]);
const EDINBURGH = 'S12000036';
const DISCLOSURE = seedId('organisation', 'disclosure-scotland');

async function many(count: number, make: (i: number) => Promise<BenchRequest>): Promise<BenchRequest[]> {
  const out: BenchRequest[] = [];
  for (let i = 0; i < count; i += 1) out.push(await make(i));
  return out;
}

/** The four operations of issue "faster than the gateways people would pick instead". */
export function benchQueries(projectRoot: string, accounts: number): BenchQuery[] {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'persisted-queries', 'disclosure-scotland.json'), 'utf8')) as PersistedQueryManifest;
  const recentPayments = manifest.operations.find((op) => op.name === 'RecentPayments')!;
  const citizen = (i: number) => seedSerialId('account', 1 + ((i * 7919) % Math.min(accounts, 2_000_000)));
  return [
    {
      name: 'small',
      description: "a council front end's home page: one council, its services and latest datasets (2 subgraphs)",
      async requests(workload, count, sign) {
        if (workload === 'identical') return [{ body: body(COUNCIL_HOME, { gssCode: EDINBURGH }, 'CouncilHome') }];
        return many(count, async (i) => ({
          body: body(COUNCIL_HOME, { gssCode: pick(COUNCIL_KEYS, i) }, 'CouncilHome'),
          token: await sign({ role: 'citizen', sub: citizen(i) }),
        }));
      },
    },
    {
      name: 'heavy',
      description:
        "an organisation dashboard as its staff: payments, learners' accounts and records, integrations and datasets (5 subgraphs, entity references in lists)",
      async requests(workload, count, sign) {
        if (workload === 'identical')
          return [
            {
              body: body(DASHBOARD, { gssCode: EDINBURGH }, 'OrganisationDashboard'),
              token: await sign({ role: 'staff', sub: 'bench-staff', org: seedId('organisation', EDINBURGH) }),
            },
          ];
        return many(count, async (i) => {
          const gssCode = pick(COUNCIL_KEYS, i);
          return {
            body: body(DASHBOARD, { gssCode }, 'OrganisationDashboard'),
            token: await sign({ role: 'staff', sub: `bench-staff-${i}`, org: seedId('organisation', gssCode) }),
          };
        });
      },
    },
    {
      name: 'analyst',
      description: "an analyst's aggregate: Academy learning by theme, organisation or month, and a dataset search (3 subgraphs)",
      async requests(workload, count, sign) {
        if (workload === 'identical')
          return [
            {
              body: body(ANALYST, { groupBy: 'THEME', term: 'hospital admissions' }, 'AnalystOverview'),
              token: await sign({ role: 'analyst', sub: 'bench-analyst' }),
            },
          ];
        return many(count, async (i) => ({
          body: body(ANALYST, { groupBy: pick(GROUPINGS, i), term: pick(TERMS, i) }, 'AnalystOverview'),
          token: await sign({ role: 'analyst', sub: `bench-analyst-${i}` }),
        }));
      },
    },
    {
      name: 'partner',
      description:
        "a partner's persisted operation: Disclosure Scotland's recent payments (by manifest id on our gateway; the same text on the others, which have no safelists)",
      async requests(workload, count, sign, gateway) {
        const request = (first: number) =>
          gateway === 'ours'
            ? JSON.stringify({
                variables: { organisationId: DISCLOSURE, first },
                extensions: { persistedQuery: { version: 1, sha256Hash: recentPayments.id } },
              })
            : body(recentPayments.body, { organisationId: DISCLOSURE, first }, 'RecentPayments');
        if (workload === 'identical') return [{ body: request(20), token: await sign({ role: 'partner', sub: 'disclosure-scotland', org: DISCLOSURE }) }];
        // The same partner, a fresh token (its own jti) and page size each time.
        return many(count, async (i) => ({
          body: request(10 + (i % 41)),
          token: await sign({ role: 'partner', sub: 'disclosure-scotland', org: DISCLOSURE, jti: randomUUID() }),
        }));
      },
    },
  ];
}
