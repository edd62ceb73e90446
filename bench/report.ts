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
  sqlBySubgraph: Record<string, number>;
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

const LABELS: Record<GatewayKind, string> = { ours: '(a) ours', apollo: '(b) @apollo/gateway', hive: '(c) Hive Gateway' };
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

/** The results as the markdown README and bench/results show them: one table of runs, one of ratios. */
export function markdownReport(machine: Machine, results: RunResult[], queries: BenchQuery[]): string {
  const lines = [
    `Measured ${machine.date.slice(0, 10)} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
      `${machine.scale} seed (${machine.accounts.toLocaleString('en-GB')} accounts); autocannon, ${machine.connections} connections, ${machine.warmup} s warm-up then ${machine.duration} s per run; ` +
      'load generator, gateways, subgraphs and Postgres on the same machine.',
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
    '| query | workload | req/s (a)/(b) | req/s (a)/(c) | p95 (a)/(b) | p95 (a)/(c) | memory (a)/(b) | memory (a)/(c) | gateway CPU / request (a)/(b) | (a)/(c) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const find = (gateway: GatewayKind, query: string, workload: string) =>
    results.find((r) => r.gateway === gateway && r.query === query && r.workload === workload);
  for (const query of queries) {
    for (const workload of ['identical', 'varied']) {
      const [a, b, c] = (['ours', 'apollo', 'hive'] as const).map((g) => find(g, query.name, workload));
      if (!a) continue;
      lines.push(
        `| ${query.name} | ${workload} | ${b ? ratio(a.requestsPerSecond, b.requestsPerSecond) : '–'} | ${c ? ratio(a.requestsPerSecond, c.requestsPerSecond) : '–'} | ` +
          `${b ? ratio(a.p95, b.p95) : '–'} | ${c ? ratio(a.p95, c.p95) : '–'} | ${b ? ratio(a.peakRssMb, b.peakRssMb) : '–'} | ${c ? ratio(a.peakRssMb, c.peakRssMb) : '–'} | ` +
          `${b ? ratio(a.gatewayCpuMsPerRequest, b.gatewayCpuMsPerRequest) : '–'} | ${c ? ratio(a.gatewayCpuMsPerRequest, c.gatewayCpuMsPerRequest) : '–'} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the README's benchmark table (between its markers) with the latest report. */
export function updateReadme(file: string, report: string): void {
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section for the benchmark table.`);
  writeFileSync(file, `${readme.slice(0, start + START.length)}\n${report}${readme.slice(end)}`);
}
