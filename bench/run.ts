/**
 * `npm run bench`: our gateway against a plain @apollo/gateway and Hive
 * Gateway, on the same subgraphs, supergraph, data and queries, one gateway at
 * a time. Writes bench/results/<date>.{json,md}, bench/results/latest.md and
 * the README's table. Not a test: it measures, it does not assert.
 *
 * Flags: --duration <s> (10), --warmup <s> (3), --connections <n> (50),
 * --gateways ours,apollo,hive, --queries small,heavy,analyst,partner,
 * --workloads identical,varied. BENCH_SCALE=default for a quick run on the
 * small seed (not recorded in the README).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { readSupergraph } from '../gateway/supergraph';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { localIssuer } from '../platform/tokens';
import { flag } from '../runtime/cli';
import { composedUrl } from '../runtime/composition';
import { loadConfig } from '../runtime/config';
import { type BenchRequest, type GatewayKind, type Workload, benchQueries } from './queries';
import { type RunResult, markdownReport, updateReadme } from './report';

const GATEWAYS: Record<GatewayKind, { label: string; entry: string }> = {
  ours: { label: '(a) this gateway', entry: 'bench/gateways/ours.ts' },
  apollo: { label: '(b) @apollo/gateway, defaults', entry: 'bench/gateways/apollo.ts' },
  hive: { label: '(c) Hive Gateway', entry: 'bench/gateways/hive.ts' },
};

const list = <T extends string>(name: string, all: readonly T[]): T[] => (flag(name)?.split(',') as T[] | undefined) ?? [...all];
const number = (name: string, fallback: number) => Number(flag(name) ?? fallback);

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Starts a child and resolves with its first stdout line that starts with `prefix`. */
function startChild(entry: string, env: NodeJS.ProcessEnv, prefix: string, logFile: string): Promise<{ child: ChildProcess; line: string }> {
  // BENCH_CPU_PROF=ours (or subgraphs, apollo, hive): a V8 CPU profile of that process under bench/tmp/profiles.
  const profiled = (process.env.BENCH_CPU_PROF ?? '').split(',').some((name) => name && entry.includes(name));
  const flags = profiled ? ['--cpu-prof', '--cpu-prof-dir', path.join(path.dirname(logFile), 'profiles')] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    let found = false;
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (found) return;
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(prefix)) {
          found = true;
          resolve({ child, line: line.slice(prefix.length).trim() });
          return;
        }
        log.push(line);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.startsWith('bench:')) process.stderr.write(text);
      else log.push(text);
    });
    child.on('exit', (code) => {
      writeFileSync(logFile, log.join('\n'));
      if (!found) reject(new Error(`${entry} exited (${code}) before it was ready; its output is in ${logFile}`));
    });
  });
}

/** SIGTERM, then wait for the exit (so a CPU profile is written). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** CPU time a process has used so far, in milliseconds (utime + stime from /proc; Linux's clock tick is 100 Hz). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function post(url: string, request: BenchRequest): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  const response = await fetch(url, { method: 'POST', headers, body: request.body });
  return { status: response.status, body: await response.json() };
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

async function main(): Promise<void> {
  const duration = number('duration', 10);
  const warmup = number('warmup', 3);
  const connections = number('connections', 50);
  const gateways = list<GatewayKind>('gateways', ['ours', 'apollo', 'hive']);
  const workloads = list<Workload>('workloads', ['identical', 'varied']);
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
  const config = loadConfig(env as Record<string, string>);

  progress(`starting the subgraphs (${scale} scale; seeding if needed)`);
  const subgraphs = await startChild('bench/subgraphs.ts', env, 'READY ', path.join(tmp, 'subgraphs.log'));
  const ready = JSON.parse(subgraphs.line) as { urls: Record<string, string>; controlUrl: string; accounts: number };
  try {
    // Every gateway gets the same supergraph, with the subgraphs' real addresses in it.
    let supergraphSdl = readSupergraph(root);
    for (const name of SUBGRAPH_NAMES) supergraphSdl = supergraphSdl.replace(composedUrl(name), ready.urls[name]);
    const supergraphFile = path.join(tmp, 'supergraph.graphql');
    writeFileSync(supergraphFile, supergraphSdl);
    const issuer = await localIssuer(config.embeddedPostgres.dataDir, config.auth.issuer, config.auth.audience);
    const sign = (claims: Parameters<typeof issuer.sign>[0]) => issuer.sign(claims, { expiresIn: '2h' });
    const queries = benchQueries(root, ready.accounts).filter((query) =>
      list<string>('queries', ['small', 'heavy', 'analyst', 'partner']).includes(query.name),
    );
    const gatewayEnv = {
      ...env,
      BENCH_SUPERGRAPH: supergraphFile,
      BENCH_SUBGRAPH_URLS: JSON.stringify(ready.urls),
      // Our gateway as shipped (request logs at info included), with a budget no benchmark client can spend.
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '10000000',
    };

    // Requests are made once, per gateway kind (only the partner operation differs: an id for ours, text for the others).
    const pools = new Map<string, BenchRequest[]>();
    for (const gateway of gateways)
      for (const query of queries)
        for (const workload of workloads) pools.set(`${gateway}/${query.name}/${workload}`, await query.requests(workload, 400, sign, gateway));

    const running = new Map<GatewayKind, { child: ChildProcess; url: string }>();
    const stopAll = () => running.forEach(({ child }) => child.kill('SIGTERM'));
    process.on('exit', stopAll);
    const startGateway = async (gateway: GatewayKind) => {
      const started = await startChild(GATEWAYS[gateway].entry, gatewayEnv, 'LISTENING ', path.join(tmp, `${gateway}.log`));
      running.set(gateway, { child: started.child, url: started.line });
      return { child: started.child, url: started.line };
    };

    // Same answers first: the first requests of every pool, sent to every gateway, must come back identical.
    progress('checking that every gateway returns the same JSON');
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
    stopAll();
    running.clear();

    const results: RunResult[] = [];
    for (const gateway of gateways) {
      progress(`${GATEWAYS[gateway].label}: starting`);
      const { child, url } = await startGateway(gateway);
      for (const query of queries) {
        for (const workload of workloads) {
          const pool = pools.get(`${gateway}/${query.name}/${workload}`)!;
          await load(url, pool, warmup, connections, false);
          await fetch(ready.controlUrl); // resets the statement counts
          let peak = 0;
          const cpuBefore = { gateway: cpuMs(child.pid!), subgraphs: cpuMs(subgraphs.child.pid!) };
          const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(child.pid!))), 100);
          const { result, latencies } = await load(url, pool, duration, connections, true);
          clearInterval(sampler);
          peak = Math.max(peak, rssBytes(child.pid!));
          const cpu = { gateway: cpuMs(child.pid!) - cpuBefore.gateway, subgraphs: cpuMs(subgraphs.child.pid!) - cpuBefore.subgraphs };
          const statements = (await (await fetch(ready.controlUrl)).json()) as Record<string, number>;
          const answered = result.requests.total;
          const run: RunResult = {
            gateway,
            query: query.name,
            workload,
            requestsPerSecond: Math.round((answered / duration) * 10) / 10,
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            p99: percentile(latencies, 99),
            errors: result.errors + result.timeouts,
            non2xx: result.non2xx,
            peakRssMb: Math.round(peak / 1024 / 1024),
            sqlPerRequest: answered ? Math.round((Object.values(statements).reduce((a, b) => a + b, 0) / answered) * 100) / 100 : 0,
            gatewayCpuMsPerRequest: answered ? Math.round((cpu.gateway / answered) * 100) / 100 : 0,
            subgraphsCpuMsPerRequest: answered ? Math.round((cpu.subgraphs / answered) * 100) / 100 : 0,
            sqlBySubgraph: Object.fromEntries(Object.entries(statements).map(([name, n]) => [name, answered ? Math.round((n / answered) * 100) / 100 : 0])),
          };
          results.push(run);
          progress(
            `${gateway} ${query.name} ${workload}: ${run.requestsPerSecond} req/s, p95 ${run.p95} ms, ${run.peakRssMb} MB, ${run.sqlPerRequest} SQL/request, CPU ms/request gateway ${run.gatewayCpuMsPerRequest} subgraphs ${run.subgraphsCpuMsPerRequest}, ${run.errors + run.non2xx} errors`,
          );
        }
      }
      await stopChild(child);
      running.delete(gateway);
    }

    const machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      scale,
      accounts: ready.accounts,
      duration,
      warmup,
      connections,
      date: new Date().toISOString(),
    };
    const report = markdownReport(machine, results, queries);
    // A complete run at full scale is a record (bench/results, the README); anything narrower is an experiment (bench/tmp).
    const complete = scale === 'full' && gateways.length === 3 && queries.length === 4 && workloads.length === 2;
    const resultsDir = path.join(root, 'bench', complete ? 'results' : 'tmp');
    mkdirSync(resultsDir, { recursive: true });
    const stamp = machine.date.slice(0, 16).replace(/[:T]/g, '-');
    writeFileSync(path.join(resultsDir, `${stamp}-${scale}.json`), `${JSON.stringify({ machine, results }, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, `${stamp}-${scale}.md`), report);
    if (complete) {
      writeFileSync(path.join(resultsDir, 'latest.md'), report);
      updateReadme(path.join(root, 'README.md'), report);
    }
    process.stdout.write(`${report}\n`);
  } finally {
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
