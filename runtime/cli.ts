import type { Logger } from 'pino';
import { createLogger } from '../platform/logger';
import { type GraphConfig, loadConfig } from './config';

/**
 * Runs a command-line entry point: reads the config once, gives it a logger,
 * and turns any failure into one clear line and exit code 1.
 */
export function runMain(name: string, main: (config: GraphConfig, log: Logger) => Promise<void>): void {
  let config: GraphConfig;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const log = createLogger({ level: config.logLevel, name });
  main(config, log).catch((error: unknown) => {
    log.error({ err: error }, `${name} failed`);
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/** Stops cleanly on Ctrl-C or SIGTERM, once. */
export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'stopped with an error');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** `--name value` from argv. */
export function flag(name: string, argv: string[] = process.argv.slice(2)): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}
