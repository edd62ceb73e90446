/**
 * `npm run migrate`: provisions the roles and schemas (with DATABASE_URL or the
 * embedded Postgres), applies every subgraph's pending migrations, and seeds
 * an empty graph at SEED's scale. One job per deployment, before the services.
 */
import 'reflect-metadata';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph-names';
import { flag, runMain } from '../runtime/cli';
import { openAndMigrate, prepareDatabase } from '../runtime/graph';
import { migrateDownAll } from '../runtime/migrations';
import { seedGraph, seededAccounts } from '../seed';

runMain('migrate', async (config, log) => {
  const database = await prepareDatabase(config, log);
  const dataSources = await openAndMigrate(database.urls, log);
  try {
    const revert = flag('revert');
    if (revert) {
      if (!SUBGRAPH_NAMES.includes(revert as SubgraphName)) throw new Error(`--revert takes a subgraph: ${SUBGRAPH_NAMES.join(', ')}`);
      log.info({ subgraph: revert, reverted: await migrateDownAll(dataSources[revert as SubgraphName]) }, 'migrations reverted');
    } else if (config.seed !== 'none' && (await seededAccounts(dataSources.identity)) === 0) {
      await seedGraph(dataSources, config.seed, log);
    }
  } finally {
    await Promise.all(Object.values(dataSources).map((ds) => ds.destroy()));
    await database.stop();
  }
});
