/** `npm start`: the whole graph on this machine. */
import 'reflect-metadata';
import { loadConfig } from './config';
import { startGraph } from './graph';
import { createLogger } from './logger';

async function main() {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'graph' });
  const graph = await startGraph(config, log);
  process.stdout.write(`\nThe Scotland common-platforms graph is running.\n  GraphQL endpoint: ${graph.gateway.url}\n\nPress Ctrl-C to stop.\n\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    graph.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'stopped with an error');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Could not start the graph: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
