import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchQuery, GatewayKind, Workload } from './queries';

export interface RunResult {
  gateway: GatewayKind;
  query: string;
  workload: Workload;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  peakRssMb: number;
  sqlPerRequest: number;
  /** CPU the gateway process used per answered request: its own cost, apart from the shared subgraphs and Postgres. */
  gatewayCpuMsPerRequest: number;
  subgraphsCpuMsPerRequest: number;
  /** Answered requests per second of the gateway process's CPU time: what one core of it would serve. */
  requestsPerGatewayCoreSecond: number;
  sqlBySubgraph: Record<string, number>;
  /** Gateway-only run: subgraph requests the memo had not seen, per answered request (0 once warm). */
  memoMissesPerRequest?: number;
  /** This gateway only: its caches' hit rates over the measured run (hits over lookups, from its /metrics), by cache. */
  cacheHitRates?: Record<string, { hitRate: number; lookupsPerRequest: number }>;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  scale: string;
  accounts: number;
  duration: number;
  warmup: number;
  connections: number;
  date: string;
}

const LABELS: Record<GatewayKind, string> = {
  ours: '(a) ours',
  apollo: '(b) @apollo/gateway',
  hive: '(c) Hive Gateway',
  router: '(d) Hive Gateway, router runtime',
};
const PEERS = ['apollo', 'hive', 'router'] as const;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
/** (a)'s figure over each peer's, for one measure; '–' where a peer was not run. */
const ratios = (a: RunResult, peers: (RunResult | undefined)[], measure: (r: RunResult) => number) =>
  peers.map((peer) => (peer ? ratio(measure(a), measure(peer)) : '–'));

const machineLine = (machine: Machine, what: string) =>
  `Measured ${machine.date.slice(0, 10)} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
  `${machine.scale} seed (${machine.accounts.toLocaleString('en-GB')} accounts); autocannon, ${machine.connections} connections, ${machine.warmup} s warm-up then ${machine.duration} s per run; ` +
  what;

/** The results as the markdown README and bench/results show them: one table of runs, one of ratios. */
export function markdownReport(machine: Machine, results: RunResult[], queries: BenchQuery[]): string {
  const lines = [
    machineLine(machine, 'load generator, gateways, subgraphs and Postgres on the same machine.'),
    '',
    ...queries.map((query) => `- **${query.name}**: ${query.description}`),
    '',
    '| query | workload | gateway | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | SQL / request | gateway CPU ms / request | subgraphs CPU ms / request |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.query} | ${r.workload} | ${LABELS[r.gateway]} | ${r.requestsPerSecond} | ${Math.round(r.p50)} | ${Math.round(r.p95)} | ${Math.round(r.p99)} | ${r.errors + r.non2xx} | ${r.peakRssMb} | ${r.sqlPerRequest} | ${r.gatewayCpuMsPerRequest} | ${r.subgraphsCpuMsPerRequest} |`,
    ),
    '',
    'Ratios of (a) to (b), (c) and (d), in that order within each measure:',
    '',
    '| query | workload | req/s (a)/(b) | (a)/(c) | (a)/(d) | p95 (a)/(b) | (a)/(c) | (a)/(d) | memory (a)/(b) | (a)/(c) | (a)/(d) | gateway CPU / request (a)/(b) | (a)/(c) | (a)/(d) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const find = (gateway: GatewayKind, query: string, workload: string) =>
    results.find((r) => r.gateway === gateway && r.query === query && r.workload === workload);
  for (const query of queries) {
    for (const workload of ['identical', 'varied']) {
      const a = find('ours', query.name, workload);
      if (!a) continue;
      const peers = PEERS.map((g) => find(g, query.name, workload));
      const cells = [
        ...ratios(a, peers, (r) => r.requestsPerSecond),
        ...ratios(a, peers, (r) => r.p95),
        ...ratios(a, peers, (r) => r.peakRssMb),
        ...ratios(a, peers, (r) => r.gatewayCpuMsPerRequest),
      ];
      lines.push(`| ${query.name} | ${workload} | ${cells.join(' | ')} |`);
    }
  }
  lines.push('', ...cacheTable(results));
  return `${lines.join('\n')}\n`;
}

/** (a)'s cache hit rates per run: entity (public entities, per representation), query plan and APQ. */
function cacheTable(results: RunResult[]): string[] {
  const ours = results.filter((r) => r.gateway === 'ours' && r.cacheHitRates);
  if (ours.length === 0) return [];
  const cell = (r: RunResult, cache: string) => {
    const rate = r.cacheHitRates?.[cache];
    return rate && rate.lookupsPerRequest > 0 ? `${(rate.hitRate * 100).toFixed(1)} % of ${rate.lookupsPerRequest}` : '–';
  };
  return [
    "(a)'s caches over each measured run: hit rate, of lookups per request.",
    '',
    '| query | workload | entity cache | query plans | APQ |',
    '|---|---|---:|---:|---:|',
    ...ours.map((r) => `| ${r.query} | ${r.workload} | ${cell(r, 'entity')} | ${cell(r, 'query_plan')} | ${cell(r, 'apq')} |`),
    '',
  ];
}

/** The gateway-only run: the subgraphs answer from a memo, so requests per second per gateway core is the gateway's own cost. */
export function gatewayOnlyReport(machine: Machine, results: RunResult[], queries: BenchQuery[]): string {
  const lines = [
    machineLine(
      machine,
      'identical requests; five stand-in subgraphs (one process) answer each distinct subgraph request from a memo recorded from the real subgraphs, so the gateway does all the work that remains. ' +
        '"req/s per gateway core" is answered requests over the gateway process\'s CPU seconds.',
    ),
    '',
    '| query | gateway | req/s | req/s per gateway core | gateway CPU ms / request | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | stand-ins CPU ms / request | memo misses / request |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.query} | ${LABELS[r.gateway]} | ${r.requestsPerSecond} | ${r.requestsPerGatewayCoreSecond} | ${r.gatewayCpuMsPerRequest} | ${Math.round(r.p50)} | ${Math.round(r.p95)} | ${Math.round(r.p99)} | ${r.errors + r.non2xx} | ${r.peakRssMb} | ${r.subgraphsCpuMsPerRequest} | ${r.memoMissesPerRequest ?? '–'} |`,
    ),
    '',
    'Ratios of (a) to (b), (c) and (d), in that order within each measure:',
    '',
    '| query | req/s per gateway core (a)/(b) | (a)/(c) | (a)/(d) | req/s (a)/(b) | (a)/(c) | (a)/(d) | peak RSS (a)/(b) | (a)/(c) | (a)/(d) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const query of queries) {
    const a = results.find((r) => r.gateway === 'ours' && r.query === query.name);
    if (!a) continue;
    const peers = PEERS.map((g) => results.find((r) => r.gateway === g && r.query === query.name));
    const cells = [
      ...ratios(a, peers, (r) => r.requestsPerGatewayCoreSecond),
      ...ratios(a, peers, (r) => r.requestsPerSecond),
      ...ratios(a, peers, (r) => r.peakRssMb),
    ];
    lines.push(`| ${query.name} | ${cells.join(' | ')} |`);
  }
  lines.push('', ...cacheTable(results));
  return `${lines.join('\n')}\n`;
}

/** Replaces one of the README's benchmark tables (between `<!-- marker:start -->` and `<!-- marker:end -->`) with the latest report. */
export function updateReadme(file: string, report: string, marker: string): void {
  const START = `<!-- ${marker}:start -->`;
  const END = `<!-- ${marker}:end -->`;
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section for the benchmark table.`);
  writeFileSync(file, `${readme.slice(0, start + START.length)}\n${report}${readme.slice(end)}`);
}
