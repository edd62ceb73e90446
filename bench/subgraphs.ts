/**
 * The benchmark's subgraphs (on free ports: the benchmark sets <NAME>_PORT=0), in a process of their own so the load generator
 * and the gateways under test never share their event loop. Seeds the full
 * scale unless it is already there, starts the five subgraphs on free ports
 * and a control server that reports SQL statements per subgraph, then prints
 * one `READY {json}` line.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPH_NAMES } from '../platform/subgraph-names';
import { verifierFor } from '../platform/tokens';
import { runMain } from '../runtime/cli';
import { listenSubgraphs, openAndMigrate, prepareDatabase, statementCounters } from '../runtime/graph';
import { seedGraph, seededAccounts } from '../seed';
import { SEED_PLANS } from '../seed/scales';

runMain('bench-subgraphs', async (config, log) => {
  const scale = (process.env.BENCH_SCALE ?? 'full') as 'full' | 'default';
  const db = await prepareDatabase(config, log);
  const counters = statementCounters();
  const dataSources = await openAndMigrate(db.urls, log, { poolSize: config.database.poolSize, counters });
  const accounts = await seededAccounts(dataSources.identity);
  const wanted = SEED_PLANS[scale].accounts;
  if (accounts !== wanted) {
    // Another scale's data (a BENCH_SCALE=default run before a full one) is replaced, not added to.
    process.stderr.write(`bench: ${accounts} accounts seeded, ${wanted} wanted: seeding the ${scale} scale (about 4 minutes for full)\n`);
    const report = await seedGraph(dataSources, scale, log, { replace: accounts > 0 });
    process.stderr.write(`bench: seeded in ${report.totalSeconds} s\n`);
  }
  const verifier = await verifierFor(config.auth, config.embeddedPostgres.dataDir);
  const running = await listenSubgraphs(config, dataSources, verifier, log);
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, running[name].url]));
  // GET /statements: the counts since the last call (each call resets them).
  const control = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, counters[name].reset()]))));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}/statements`;
  process.stdout.write(`READY ${JSON.stringify({ urls, controlUrl, accounts: wanted })}\n`);
  process.on('SIGTERM', () => process.exit(0));
});
