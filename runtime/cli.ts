import type { Logger } from 'pino';
import type { DrainReport } from '../platform/http/server';
import { createLogger } from '../platform/logger';
import { type GraphConfig, loadConfig } from './config';
import { printConfiguration } from './print-config';

/**
 * Runs a command-line entry point: reads the config once, gives it a logger,
 * and turns any failure into one clear line and exit code 1. With
 * `--print-config` it prints the effective configuration instead (as
 * `npm run config` does) and exits.
 */
export function runMain(name: string, main: (config: GraphConfig, log: Logger) => Promise<void>): void {
  let config: GraphConfig;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (process.argv.includes('--print-config')) {
    process.stdout.write(printConfiguration(config, process.env));
    return;
  }
  const log = createLogger({ level: config.logLevel, name, format: config.logFormat });
  for (const warning of config.warnings) log.warn(warning);
  main(config, log).catch((error: unknown) => {
    log.error({ err: error }, `${name} failed`);
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/**
 * Stops cleanly on Ctrl-C or SIGTERM, once: `stop` drains and closes in
 * order. The last line logged says how it went, and so does the exit code:
 * 0 when every request finished, 1 when some were cut at the shutdown
 * deadline or stopping failed. A second signal while stopping is ignored
 * (the deadline bounds the wait); SIGKILL remains for the impatient.
 */
export function onShutdown(log: Logger, stop: () => Promise<DrainReport | void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    stop().then(
      (drained) => {
        const cut = drained?.cut ?? 0;
        log.info({ finished: drained?.finished ?? 0, cut, ms: drained?.ms }, cut > 0 ? 'stopped, with requests cut at the deadline' : 'stopped');
        log.flush(() => process.exit(cut > 0 ? 1 : 0));
      },
      (error: unknown) => {
        log.error({ err: error }, 'stopped with an error');
        log.flush(() => process.exit(1));
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
