/**
 * `npm run seed -- --scale full`: loads a scale into the graph's database,
 * replacing what is there unless that scale is already loaded.
 */
import 'reflect-metadata';
import { flag, runMain } from '../runtime/cli';
import { openAndMigrate, prepareDatabase } from '../runtime/graph';
import { seedGraph, seededAccounts } from '../seed';
import { SEED_PLANS } from '../seed/scales';

runMain('seed', async (config, log) => {
  const scale = flag('scale') ?? 'default';
  if (scale !== 'default' && scale !== 'full') throw new Error('--scale must be "default" or "full".');
  const database = await prepareDatabase(config, log);
  const dataSources = await openAndMigrate(database.urls, log);
  try {
    const accounts = await seededAccounts(dataSources.identity);
    if (accounts === SEED_PLANS[scale].accounts && !process.argv.includes('--force')) {
      log.info({ scale, accounts }, 'this scale is already loaded (pass --force to load it again)');
      return;
    }
    const report = await seedGraph(dataSources, scale, log, { replace: true });
    process.stdout.write(`Seeded the ${scale} scale in ${report.totalSeconds.toFixed(1)} s (${JSON.stringify(report.seconds)}).\n`);
  } finally {
    await Promise.all(Object.values(dataSources).map((ds) => ds.destroy()));
    await database.stop();
  }
});
