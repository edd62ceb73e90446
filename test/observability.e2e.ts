/**
 * The dashboard and the alert rules against what the processes export: the
 * whole graph on port 0, exercised a little so the series exist, its
 * gateway's and subgraphs' /metrics scraped, and every metric, label and
 * label value the dashboard and the rules select checked against them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { OperationNames } from '../platform/metrics';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { type TestGraph, startTestGraph } from './support/graph';
import { type Selector, selectors } from './support/promql';

const root = path.join(__dirname, '..');
const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy', 'grafana', 'scotland-graph.json'), 'utf8'));
const monitoring = parseAllDocuments(readFileSync(path.join(root, 'deploy', 'kubernetes', 'base', 'monitoring.yaml'), 'utf8'))
  .map((doc) => doc.toJSON())
  .filter(Boolean);
const rules: { alert: string; expr: string; for?: string; labels: Record<string, string>; annotations: Record<string, string> }[] = monitoring
  .filter((doc) => doc.kind === 'PrometheusRule')
  .flatMap((doc) => doc.spec.groups.flatMap((group: any) => group.rules));
const panels: any[] = dashboard.panels.flatMap((panel: any) => [panel, ...(panel.panels ?? [])]).filter((panel: any) => panel.type !== 'row');

/** Labels Prometheus adds to every scraped series from its target (the ServiceMonitor's): never in an exposition. */
const TARGET_LABELS = new Set(['namespace', 'pod', 'job', 'instance', 'service', 'endpoint', 'container']);

type Series = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition, as names and labels. */
function parseExposition(text: string): Series[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
      if (!match) throw new Error(`Not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, name, value]) => [name, value]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

let graph: TestGraph;
let exported: Series[];

async function scrape(graphqlUrl: string): Promise<string> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'));
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

beforeAll(async () => {
  graph = await startTestGraph('default', { RATE_LIMIT_PER_MINUTE: '40' });
  const staff = await graph.token({
    role: 'staff',
    sub: 'observer',
    org: (await graph.client.request<any>('{ organisationByGssCode(gssCode: "S12000036") { id } }')).organisationByGssCode.id,
  });
  // Named and anonymous operations across subgraphs, the same one twice (a query plan hit), and a validation error.
  const councils = { operationName: 'Councils', query: 'query Councils { organisations(first: 3) { nodes { name datasets(first: 1) { nodes { title } } } } }' };
  await graph.post(councils);
  await graph.post(councils, staff);
  await graph.post({ query: '{ organisationByGssCode(gssCode: "S12000036") { name paymentTotals { amount } } }' }, staff);
  await graph.post({ query: '{ nope }' });
  // An automatically persisted query: unknown (a miss), registered, then found (a hit).
  const query = '{ datasets(first: 1) { nodes { title } } }';
  const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
  await graph.post({ extensions: { persistedQuery } });
  await graph.post({ query, extensions: { persistedQuery } });
  await graph.post({ extensions: { persistedQuery } });
  // Refusals before GraphQL: a bad token, then the rate limit.
  await graph.post({ query: '{ me { id } }' }, 'not-a-token');
  let status = 0;
  for (let i = 0; i < 60 && status !== 429; i++) status = (await graph.post({ query: '{ __typename }' })).status;
  expect(status).toBe(429);
  const texts = [await scrape(graph.gateway.url), ...(await Promise.all(SUBGRAPH_NAMES.map((name) => scrape(graph.subgraphs[name].url))))];
  exported = texts.flatMap(parseExposition);
});

afterAll(async () => {
  await graph?.stop();
});

/** What is wrong with a selector, given what the processes export; nothing when it selects what exists. */
function problems(selector: Selector): string[] {
  const series = exported.filter((entry) => entry.name === selector.metric);
  if (series.length === 0) return [`${selector.metric} is not exported`];
  return selector.matchers
    .filter((matcher) => !TARGET_LABELS.has(matcher.label))
    .flatMap((matcher) => {
      const values = new Set(series.flatMap((entry) => (matcher.label in entry.labels ? [entry.labels[matcher.label]] : [])));
      if (values.size === 0) return [`${selector.metric} has no label ${matcher.label}`];
      if (matcher.op === '=' && !values.has(matcher.value)) return [`${selector.metric}{${matcher.label}="${matcher.value}"} is not exported`];
      if (matcher.op === '=~') {
        // A list of literal alternatives must name values that exist, each of them.
        const alternatives = /^[\w-]+(\|[\w-]+)*$/.test(matcher.value) ? matcher.value.split('|') : null;
        if (alternatives)
          return alternatives.filter((value) => !values.has(value)).map((value) => `${selector.metric}{${matcher.label}="${value}"} is not exported`);
      }
      return [];
    });
}

describe('what the processes export', () => {
  it("has Node's and the process's metrics under prom-client's own names, once prefixed by nothing", () => {
    const names = new Set(exported.map((entry) => entry.name));
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes'])
      expect({ name, exported: names.has(name) }).toEqual({ name, exported: true });
    expect([...names].filter((name) => /^graph_process_|process_process_/.test(name))).toEqual([]);
  });

  it('counts what was exercised: named operations, refusals by code and role, cache hits and misses, breakers, pool size', () => {
    /** The sum of the series of `name` that carry these labels; undefined when there is none. */
    const value = (name: string, labels: Record<string, string>) => {
      const series = exported.filter((entry) => entry.name === name && Object.entries(labels).every(([label, expected]) => entry.labels[label] === expected));
      return series.length === 0 ? undefined : series.reduce((sum, entry) => sum + entry.value, 0);
    };
    expect(value('graph_requests_total', { component: 'gateway', operation: 'Councils', outcome: 'success' })).toBe(2);
    expect(value('graph_requests_total', { component: 'gateway', operation: 'anonymous' })).toBeGreaterThan(0);
    expect(value('graph_requests_total', { component: 'organisations' })).toBeGreaterThan(0);
    expect(value('graph_errors_total', { component: 'gateway', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(value('graph_errors_total', { component: 'gateway', code: 'PERSISTED_QUERY_NOT_FOUND' })).toBe(1);
    expect(value('graph_errors_total', { component: 'gateway', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(value('graph_errors_total', { component: 'gateway', code: 'RATE_LIMITED' })).toBe(1);
    expect(value('graph_rate_limit_refusals_total', { role: 'anonymous' })).toBe(1);
    expect(value('graph_rate_limit_refusals_total', { role: 'staff' })).toBe(0);
    expect(value('graph_cache_lookups_total', { cache: 'apq', result: 'miss' })).toBe(1);
    expect(value('graph_cache_lookups_total', { cache: 'apq', result: 'hit' })).toBe(1);
    expect(value('graph_cache_lookups_total', { cache: 'query_plan', result: 'hit' })).toBeGreaterThan(0);
    expect(value('graph_subgraph_fetches_total', { subgraph: 'datasets', outcome: 'ok' })).toBeGreaterThan(0);
    for (const subgraph of SUBGRAPH_NAMES) {
      expect({ subgraph, closed: value('graph_subgraph_breaker_state', { subgraph, state: 'closed' }) }).toEqual({ subgraph, closed: 1 });
      expect({ subgraph, open: value('graph_subgraph_breaker_state', { subgraph, state: 'open' }) }).toEqual({ subgraph, open: 0 });
    }
    expect(value('graph_db_pool_max', { component: 'payments' })).toBe(10);
    expect(value('graph_supergraph_reloads_total', { outcome: 'refused' })).toBe(0);
  });

  it('labels operations with a bounded set of names: reserved ones, the first N, then "other"', () => {
    const names = new OperationNames(2);
    names.reserve(['PartnerPayments']);
    expect(['A', 'B', 'C', 'A', null, 'PartnerPayments'].map((name) => names.label(name))).toEqual(['A', 'B', 'other', 'A', 'anonymous', 'PartnerPayments']);
  });
});

describe('the Grafana dashboard', () => {
  it('shows what the issue asks for, each panel with queries', () => {
    const titles = panels.map((panel) => panel.title);
    for (const title of [
      'Requests by outcome',
      'Errors by code',
      'Latency percentiles',
      'Subgraph fetch latency (p95)',
      'Subgraph fetch failures',
      'Circuit breakers',
      'Rate-limit refusals',
      'Cache hit rate',
      'Postgres pool in use',
      'Event-loop lag (p99)',
      'Memory',
    ])
      expect(titles).toContain(title);
    for (const panel of panels) expect({ panel: panel.title, queries: panel.targets?.length > 0 }).toEqual({ panel: panel.title, queries: true });
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
  });

  it.each(panels.flatMap((panel) => panel.targets.map((target: any) => [`${panel.title} ${target.refId}`, target.expr])))(
    '%s selects only metrics, labels and values the graph exports',
    (_name, expr: string) => {
      const found = selectors(expr);
      expect(found.length).toBeGreaterThan(0);
      expect(found.flatMap(problems)).toEqual([]);
    },
  );

  it('offers the namespaces of series that exist', () => {
    const namespace = dashboard.templating.list.find((variable: any) => variable.name === 'namespace');
    const [, metric] = /^label_values\((\w+), namespace\)$/.exec(namespace.query.query)!;
    expect(problems({ metric, matchers: [] })).toEqual([]);
  });
});

describe('the alert rules', () => {
  it('alert on a subgraph unavailable, the error ratio, latency, an open breaker, a refused reload and an exhausted pool', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'GraphSubgraphUnavailable',
        'GraphErrorRatioHigh',
        'GraphLatencyHigh',
        'GraphSubgraphBreakerOpen',
        'GraphSupergraphReloadRefused',
        'GraphDatabasePoolExhausted',
      ]),
    );
    for (const rule of rules)
      expect({ alert: rule.alert, severity: rule.labels?.severity, summary: typeof rule.annotations?.summary }).toEqual({
        alert: rule.alert,
        severity: expect.stringMatching(/^(critical|warning)$/),
        summary: 'string',
      });
    expect(rules.find((rule) => rule.alert === 'GraphSupergraphReloadRefused')!.expr).toContain(
      'graph_supergraph_reloads_total{component="gateway", outcome="refused"}',
    );
  });

  it.each(rules.map((rule) => [rule.alert, rule.expr]))('%s selects only metrics, labels and values the graph exports', (_alert, expr) => {
    const found = selectors(expr);
    expect(found.length).toBeGreaterThan(0);
    expect(found.flatMap(problems)).toEqual([]);
  });

  it('are scraped by a ServiceMonitor that selects every Service of the graph on its metrics port', () => {
    const monitor = monitoring.find((doc) => doc.kind === 'ServiceMonitor');
    expect(monitor.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/part-of': 'scotland-graph' });
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
  });
});

describe('the PromQL reader these checks rely on', () => {
  it('finds selectors and their matchers, and nothing else', () => {
    expect(
      selectors(
        'histogram_quantile(0.95, sum by (le, subgraph) (rate(a_bucket{x="1", y=~"p|q"}[$__rate_interval]))) / ignoring (state) b{z!="2"} and on (operation) topk(10, c) > 0.5',
      ),
    ).toEqual([
      {
        metric: 'a_bucket',
        matchers: [
          { label: 'x', op: '=', value: '1' },
          { label: 'y', op: '=~', value: 'p|q' },
        ],
      },
      { metric: 'b', matchers: [{ label: 'z', op: '!=', value: '2' }] },
      { metric: 'c', matchers: [] },
    ]);
  });
});
