/**
 * `npm run migrate`: provisions the roles and schemas (with DATABASE_URL or the
 * embedded Postgres), applies every subgraph's pending migrations, and seeds
 * an empty graph at SEED's scale. One job per deployment, before the services.
 *
 *   npm run migrate                                  apply what is pending, then seed an empty graph
 *   npm run migrate -- --dry-run                     print what would be applied; change nothing
 *   npm run migrate -- status                        applied and pending migrations of each subgraph
 *   npm run migrate -- revert payments               revert payments' last migration only
 *   npm run migrate -- revert payments --count 3 --yes   revert its last three (more than one needs --yes)
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPH_NAMES, isSubgraphName, type SubgraphName } from '../platform/subgraph-names';
import { localIssuer } from '../platform/tokens';
import { flag, runMain } from '../runtime/cli';
import { prepareDatabase } from '../runtime/graph';
import { migrateDown, migrateUp, migrationStatus, openDataSource } from '../runtime/migrations';
import { seedGraph, seededAccounts } from '../seed';
import { SUBGRAPHS } from '../subgraphs';

const argv = process.argv.slice(2);
const positional = argv.filter((arg, index) => !arg.startsWith('--') && !(index > 0 && ['--count', '--revert'].includes(argv[index - 1])));
const dryRun = argv.includes('--dry-run');
// `--revert <subgraph>` is the older spelling of `revert <subgraph>`; both revert one step.
const command = flag('revert') ? 'revert' : (positional[0] ?? 'up');
const out = (line: string) => process.stdout.write(`${line}\n`);

function revertTarget(): { subgraph: SubgraphName; count: number } {
  const subgraph = flag('revert') ?? positional[1];
  if (!isSubgraphName(subgraph)) throw new Error(`revert takes a subgraph: one of ${SUBGRAPH_NAMES.join(', ')}.`);
  const count = Number(flag('count') ?? '1');
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a whole number of migrations, 1 or more.');
  if (count > 1 && !argv.includes('--yes') && !dryRun) {
    throw new Error(`Reverting ${count} migrations of ${subgraph} drops what they made, data included: add --yes to confirm, or --dry-run to see which.`);
  }
  return { subgraph, count };
}

runMain('migrate', async (config, log) => {
  if (!['up', 'status', 'revert'].includes(command))
    throw new Error(`Unknown command "${command}": use status, revert <subgraph>, or nothing to apply pending migrations.`);
  const target = command === 'revert' ? revertTarget() : null;
  const database = await prepareDatabase(config, log);
  const dataSources = {} as Record<SubgraphName, DataSource>;
  try {
    for (const name of SUBGRAPH_NAMES) dataSources[name] = await openDataSource(SUBGRAPHS[name], database.urls[name], { log: log.child({ subgraph: name }) });
    if (command === 'status' || (dryRun && command === 'up')) {
      for (const name of SUBGRAPH_NAMES) {
        const { applied, pending } = await migrationStatus(dataSources[name]);
        out(
          `${name}: ${applied.length} applied${applied.length ? ` (last ${applied[applied.length - 1]})` : ''}, ${pending.length} pending${pending.length ? `: ${pending.join(', ')}` : ''}`,
        );
      }
      if (dryRun) out('Dry run: nothing was applied.');
    } else if (target) {
      const { applied } = await migrationStatus(dataSources[target.subgraph]);
      const victims = applied.slice(-target.count).reverse();
      if (dryRun) {
        out(`Would revert on ${target.subgraph}, newest first: ${victims.join(', ') || 'nothing (none applied)'}.`);
      } else {
        const reverted = await migrateDown(dataSources[target.subgraph], target.count);
        out(`Reverted on ${target.subgraph}: ${reverted.join(', ') || 'nothing (none applied)'}.`);
        log.info({ subgraph: target.subgraph, reverted }, 'migrations reverted');
      }
    } else {
      for (const name of SUBGRAPH_NAMES) {
        const applied = await migrateUp(dataSources[name]);
        if (applied.length) log.info({ subgraph: name, applied }, 'migrations applied');
      }
      if (config.seed !== 'none' && (await seededAccounts(dataSources.identity)) === 0) await seedGraph(dataSources, config.seed, log);
      // With the development issuer, the key is made here, once, before any service starts: services started
      // together would each make their own (docker-compose.yml shares this folder as a volume).
      if (config.auth.local) await localIssuer(config.embeddedPostgres.dataDir, config.auth.issuer, config.auth.audience);
    }
  } finally {
    await Promise.all(Object.values(dataSources).map((ds) => ds.destroy()));
    await database.stop();
  }
});
