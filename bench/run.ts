/**
 * `npm run bench`: our gateway against a plain @apollo/gateway, Hive Gateway
 * and Hive Gateway with Hive Router's runtime, on the same subgraphs,
 * supergraph, data and queries, one gateway at a time. Two runs:
 *  - graph: the real subgraphs and Postgres behind every gateway, both
 *    workloads (identical and varied requests);
 *  - gateway-only: five stand-in subgraphs answering from a memo
 *    (bench/memo-subgraphs.ts), identical requests, so the gateway's own cost
 *    is what is measured (requests per second per gateway core, peak RSS).
 * Writes bench/results/<date>-<scale>.{json,md} and
 * <date>-<scale>-gateway-only.{json,md}, bench/results/latest.md and the
 * README's tables. Not a test: it measures, it does not assert.
 *
 * Flags (or the environment variable in brackets): --duration <s> (BENCH_DURATION, 10),
 * --warmup <s> (BENCH_WARMUP, 3), --connections <n> (BENCH_CONNECTIONS, 50),
 * --gateways ours,apollo,hive,router (BENCH_GATEWAYS),
 * --queries small,heavy,analyst,partner (BENCH_QUERIES),
 * --workloads identical,varied (BENCH_WORKLOADS), --gateway-only or
 * --graph-only (BENCH_SUBGRAPHS=memo or real; both runs by default).
 * BENCH_SCALE=default for a quick run on the small seed (written to
 * bench/tmp, not recorded in bench/results or the README).
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { localIssuer } from '../platform/tokens';
import { flag } from '../runtime/cli';
import { loadConfig } from '../runtime/config';
import { cpuMs, progress, rssBytes, startChild, stopChild, supergraphFor } from './processes';
import { type BenchQuery, type BenchRequest, type GatewayKind, type Workload, benchQueries } from './queries';
import { type Machine, type RunResult, gatewayOnlyReport, markdownReport, updateReadme } from './report';

const GATEWAYS: Record<GatewayKind, { label: string; entry: string }> = {
  ours: { label: '(a) this gateway', entry: 'bench/gateways/ours.ts' },
  apollo: { label: '(b) @apollo/gateway, defaults', entry: 'bench/gateways/apollo.ts' },
  hive: { label: '(c) Hive Gateway', entry: 'bench/gateways/hive.ts' },
  router: { label: '(d) Hive Gateway, router runtime', entry: 'bench/gateways/router.ts' },
};
const ALL_GATEWAYS: GatewayKind[] = ['ours', 'apollo', 'hive', 'router'];
const ALL_QUERIES = ['small', 'heavy', 'analyst', 'partner'];
const ALL_WORKLOADS: Workload[] = ['identical', 'varied'];

/** A flag's value, else the environment variable's. */
const setting = (name: string, variable: string) => flag(name) ?? (process.env[variable] || undefined);
const list = <T extends string>(name: string, variable: string, all: readonly T[]): T[] => (setting(name, variable)?.split(',') as T[] | undefined) ?? [...all];
const number = (name: string, variable: string, fallback: number) => Number(setting(name, variable) ?? fallback);

async function post(url: string, request: BenchRequest): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  const response = await fetch(url, { method: 'POST', headers, body: request.body });
  return { status: response.status, body: await response.json() };
}

/** Our gateway's cache lookups so far, `cache/result` → count, from its Prometheus metrics (labels after these two: the process's own); empty for the other gateways. */
async function cacheLookups(gateway: GatewayKind, url: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (gateway !== 'ours') return counts;
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  for (const match of text.matchAll(/^graph_cache_lookups_total\{cache="([^"]+)",result="([^"]+)"[^}]*\} (\d+)/gm))
    counts.set(`${match[1]}/${match[2]}`, Number(match[3]));
  return counts;
}

/** Hit rate and lookups per request of each cache between two readings. */
function cacheHitRates(before: Map<string, number>, after: Map<string, number>, answered: number): RunResult['cacheHitRates'] {
  if (after.size === 0) return undefined;
  const rates: NonNullable<RunResult['cacheHitRates']> = {};
  for (const cache of new Set([...after.keys()].map((key) => key.split('/')[0]))) {
    const delta = (result: string) => (after.get(`${cache}/${result}`) ?? 0) - (before.get(`${cache}/${result}`) ?? 0);
    const lookups = delta('hit') + delta('miss');
    rates[cache] = {
      hitRate: lookups ? Math.round((delta('hit') / lookups) * 1000) / 1000 : 0,
      lookupsPerRequest: answered ? Math.round((lookups / answered) * 100) / 100 : 0,
    };
  }
  return rates;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One autocannon run; latencies recorded per response so p95 is exact (autocannon's own table skips it). */
async function load(url: string, requests: BenchRequest[], seconds: number, connections: number, record: boolean) {
  const latencies: number[] = [];
  let next = 0;
  const options: autocannon.Options = {
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request: any) => {
          const chosen = requests[next++ % requests.length];
          const headers: Record<string, string> = { ...request.headers, 'content-type': 'application/json' };
          if (chosen.token) headers.authorization = `Bearer ${chosen.token}`;
          return { ...request, method: 'POST', body: chosen.body, headers };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    if (record) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return { result, latencies };
}

interface Stage {
  /** 'graph' (the real subgraphs) or 'gateway-only' (the memo stand-ins). */
  name: 'graph' | 'gateway-only';
  supergraphFile: string;
  subgraphUrls: Record<string, string>;
  /** The process whose CPU is counted as the subgraphs'. */
  subgraphsPid: number;
  /** Resets and returns SQL statements per subgraph. */
  statements(): Promise<Record<string, number>>;
  /** Resets and returns the memo's misses (gateway-only run). */
  misses?(): Promise<number>;
  gateways: GatewayKind[];
  queries: BenchQuery[];
  workloads: Workload[];
}

async function runStage(
  stage: Stage,
  env: NodeJS.ProcessEnv,
  tmp: string,
  pools: Map<string, BenchRequest[]>,
  timing: { duration: number; warmup: number; connections: number },
): Promise<RunResult[]> {
  const { gateways, queries, workloads } = stage;
  const gatewayEnv = {
    ...env,
    BENCH_SUPERGRAPH: stage.supergraphFile,
    BENCH_SUBGRAPH_URLS: JSON.stringify(stage.subgraphUrls),
    // Our gateway as shipped (request logs at info included), with a budget no benchmark client can spend.
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '10000000',
  };
  const running = new Map<GatewayKind, { child: ChildProcess; url: string }>();
  const stopAll = () => running.forEach(({ child }) => child.kill('SIGTERM'));
  process.on('exit', stopAll);
  const startGateway = async (gateway: GatewayKind) => {
    const started = await startChild(GATEWAYS[gateway].entry, gatewayEnv, 'LISTENING ', path.join(tmp, `${gateway}.log`));
    running.set(gateway, { child: started.child, url: started.line });
    return { child: started.child, url: started.line };
  };

  // Same answers first: the first requests of every pool, sent to every gateway, must come back identical.
  progress(`${stage.name}: checking that every gateway returns the same JSON`);
  for (const gateway of gateways) await startGateway(gateway);
  for (const query of queries) {
    for (const workload of workloads) {
      for (let i = 0; i < (workload === 'varied' ? 8 : 1); i += 1) {
        const answers = await Promise.all(gateways.map((gateway) => post(running.get(gateway)!.url, pools.get(`${gateway}/${query.name}/${workload}`)![i])));
        const [first] = answers;
        const errors = (first as { body: { errors?: unknown[] } }).body.errors;
        if ((first as { status: number }).status !== 200 || errors)
          throw new Error(`${query.name} (${workload} #${i}) did not answer cleanly: ${JSON.stringify(first).slice(0, 500)}`);
        answers.forEach((answer, g) => {
          if (!isDeepStrictEqual(answer, first))
            throw new Error(
              `${gateways[g]} answers ${query.name} (${workload} #${i}) differently from ${gateways[0]}:\n${JSON.stringify(answer).slice(0, 400)}\n${JSON.stringify(first).slice(0, 400)}`,
            );
        });
      }
    }
  }
  for (const { child } of running.values()) await stopChild(child);
  running.clear();

  const results: RunResult[] = [];
  for (const gateway of gateways) {
    progress(`${stage.name}: ${GATEWAYS[gateway].label}: starting`);
    const { child, url } = await startGateway(gateway);
    for (const query of queries) {
      for (const workload of workloads) {
        const pool = pools.get(`${gateway}/${query.name}/${workload}`)!;
        await load(url, pool, timing.warmup, timing.connections, false);
        await stage.statements(); // resets the statement counts
        await stage.misses?.();
        let peak = 0;
        const cpuBefore = { gateway: cpuMs(child.pid!), subgraphs: cpuMs(stage.subgraphsPid) };
        const lookupsBefore = await cacheLookups(gateway, url);
        const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(child.pid!))), 100);
        const { result, latencies } = await load(url, pool, timing.duration, timing.connections, true);
        clearInterval(sampler);
        peak = Math.max(peak, rssBytes(child.pid!));
        const cpu = { gateway: cpuMs(child.pid!) - cpuBefore.gateway, subgraphs: cpuMs(stage.subgraphsPid) - cpuBefore.subgraphs };
        const statements = await stage.statements();
        const misses = await stage.misses?.();
        const answered = result.requests.total;
        const hitRates = cacheHitRates(lookupsBefore, await cacheLookups(gateway, url), answered);
        const perRequest = (n: number) => (answered ? Math.round((n / answered) * 100) / 100 : 0);
        const run: RunResult = {
          gateway,
          query: query.name,
          workload,
          requestsPerSecond: Math.round((answered / timing.duration) * 10) / 10,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          peakRssMb: Math.round(peak / 1024 / 1024),
          sqlPerRequest: perRequest(Object.values(statements).reduce((a, b) => a + b, 0)),
          gatewayCpuMsPerRequest: perRequest(cpu.gateway),
          subgraphsCpuMsPerRequest: perRequest(cpu.subgraphs),
          requestsPerGatewayCoreSecond: cpu.gateway > 0 ? Math.round((answered / cpu.gateway) * 1000) : 0,
          sqlBySubgraph: Object.fromEntries(Object.entries(statements).map(([name, n]) => [name, perRequest(n)])),
          ...(misses === undefined ? {} : { memoMissesPerRequest: perRequest(misses) }),
          ...(hitRates ? { cacheHitRates: hitRates } : {}),
        };
        results.push(run);
        progress(
          `${stage.name}: ${gateway} ${query.name} ${workload}: ${run.requestsPerSecond} req/s (${run.requestsPerGatewayCoreSecond} per gateway core), p95 ${run.p95} ms, ${run.peakRssMb} MB, ` +
            `${run.sqlPerRequest} SQL/request, CPU ms/request gateway ${run.gatewayCpuMsPerRequest} subgraphs ${run.subgraphsCpuMsPerRequest}, ` +
            `${misses === undefined ? '' : `${run.memoMissesPerRequest} memo misses/request, `}${run.errors + run.non2xx} errors`,
        );
      }
    }
    await stopChild(child);
    running.delete(gateway);
  }
  process.off('exit', stopAll);
  return results;
}

async function main(): Promise<void> {
  const timing = {
    duration: number('duration', 'BENCH_DURATION', 10),
    warmup: number('warmup', 'BENCH_WARMUP', 3),
    connections: number('connections', 'BENCH_CONNECTIONS', 50),
  };
  const gateways = list<GatewayKind>('gateways', 'BENCH_GATEWAYS', ALL_GATEWAYS);
  const workloads = list<Workload>('workloads', 'BENCH_WORKLOADS', ALL_WORKLOADS);
  const queryNames = list<string>('queries', 'BENCH_QUERIES', ALL_QUERIES);
  const argv = process.argv.slice(2);
  const only = argv.includes('--gateway-only') ? 'memo' : argv.includes('--graph-only') ? 'real' : process.env.BENCH_SUBGRAPHS;
  if (only !== undefined && only !== 'memo' && only !== 'real') throw new Error(`BENCH_SUBGRAPHS is memo or real, not ${only}`);
  const scale = process.env.BENCH_SCALE ?? 'full';
  const root = process.cwd();
  const tmp = path.join(root, 'bench', 'tmp');
  mkdirSync(tmp, { recursive: true });
  // Its own data folder (keys, embedded Postgres) so a benchmark never touches the development graph's.
  const freePorts = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0']));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...freePorts,
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    DATA_DIR: process.env.DATA_DIR ?? path.join(root, '.data', 'bench'),
    EMBEDDED_POSTGRES_PORT: process.env.EMBEDDED_POSTGRES_PORT ?? '54339',
    SEED: 'none',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  // Made here, open to all: created later under a secret's private folder, it would keep the embedded Postgres (run as its own user) out.
  mkdirSync(env.DATA_DIR!, { recursive: true });
  const config = loadConfig(env as Record<string, string>);

  progress(`starting the subgraphs (${scale} scale; seeding if needed)`);
  const subgraphs = await startChild('bench/subgraphs.ts', env, 'READY ', path.join(tmp, 'subgraphs.log'));
  const ready = JSON.parse(subgraphs.line) as { urls: Record<string, string>; controlUrl: string; accounts: number };
  let memo: { child: ChildProcess } | undefined;
  try {
    const issuer = await localIssuer(config.embeddedPostgres.dataDir, config.auth.issuer, config.auth.audience);
    const sign = (claims: Parameters<typeof issuer.sign>[0]) => issuer.sign(claims, { expiresIn: '2h' });
    const queries = benchQueries(root, ready.accounts).filter((query) => queryNames.includes(query.name));

    // Requests are made once, per gateway kind (only the partner operation differs: an id for ours, text for the others).
    const pools = new Map<string, BenchRequest[]>();
    for (const gateway of gateways)
      for (const query of queries)
        for (const workload of workloads) pools.set(`${gateway}/${query.name}/${workload}`, await query.requests(workload, 400, sign, gateway));
    const statements = async () => (await (await fetch(ready.controlUrl)).json()) as Record<string, number>;

    const machine: Machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      scale,
      accounts: ready.accounts,
      ...timing,
      date: new Date().toISOString(),
    };
    const stamp = machine.date.slice(0, 16).replace(/[:T]/g, '-');
    // A complete run at full scale is a record (bench/results, the README); anything narrower is an experiment (bench/tmp).
    const everyGatewayAndQuery = scale === 'full' && gateways.length === ALL_GATEWAYS.length && queries.length === ALL_QUERIES.length;
    const save = (name: string, results: RunResult[], report: string, complete: boolean, marker: string) => {
      const resultsDir = path.join(root, 'bench', complete ? 'results' : 'tmp');
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(path.join(resultsDir, `${stamp}-${scale}${name}.json`), `${JSON.stringify({ machine, results }, null, 2)}\n`);
      writeFileSync(path.join(resultsDir, `${stamp}-${scale}${name}.md`), report);
      if (complete) {
        writeFileSync(path.join(resultsDir, `latest${name}.md`), report);
        updateReadme(path.join(root, 'README.md'), report, marker);
      }
      process.stdout.write(`${report}\n`);
    };

    if (only !== 'memo') {
      const stage: Stage = {
        name: 'graph',
        supergraphFile: supergraphFor(root, tmp, ready.urls, 'supergraph.graphql'),
        subgraphUrls: ready.urls,
        subgraphsPid: subgraphs.child.pid!,
        statements,
        gateways,
        queries,
        workloads,
      };
      const results = await runStage(stage, env, tmp, pools, timing);
      save('', results, markdownReport(machine, results, queries), everyGatewayAndQuery && workloads.length === ALL_WORKLOADS.length, 'bench');
    }

    if (only !== 'real') {
      // The gateway alone: the stand-ins record each distinct subgraph request once (in the JSON check and the
      // warm-up), then answer it from memory; identical requests only, since a memo cannot answer what it has not seen.
      progress('gateway-only: starting the memo stand-ins');
      const started = await startChild(
        'bench/memo-subgraphs.ts',
        { ...env, BENCH_MEMO_TARGETS: JSON.stringify(ready.urls) },
        'READY ',
        path.join(tmp, 'memo-subgraphs.log'),
      );
      memo = started;
      const memoReady = JSON.parse(started.line) as { urls: Record<string, string>; controlUrl: string };
      if (!workloads.includes('identical'))
        for (const gateway of gateways)
          for (const query of queries) pools.set(`${gateway}/${query.name}/identical`, await query.requests('identical', 1, sign, gateway));
      const stage: Stage = {
        name: 'gateway-only',
        supergraphFile: supergraphFor(root, tmp, memoReady.urls, 'supergraph-memo.graphql'),
        subgraphUrls: memoReady.urls,
        subgraphsPid: started.child.pid!,
        statements,
        misses: async () => ((await (await fetch(memoReady.controlUrl)).json()) as { misses: number }).misses,
        gateways,
        queries,
        workloads: ['identical'],
      };
      const results = await runStage(stage, env, tmp, pools, timing);
      save('-gateway-only', results, gatewayOnlyReport(machine, results, queries), everyGatewayAndQuery, 'bench-gateway-only');
    }
  } finally {
    if (memo) await stopChild(memo.child);
    await stopChild(subgraphs.child);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
