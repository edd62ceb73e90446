/**
 * `npm run config`: the configuration the graph would run with here, every
 * variable with its effective value and whether it was set or defaulted,
 * secrets hidden, then any warnings. A configuration that would not start
 * prints why and exits 1. Any entry point prints the same with
 * `--print-config`, e.g. `node dist/runtime/bin/gateway.js --print-config`
 * in a container.
 */
import 'reflect-metadata';
import { loadConfig } from '../runtime/config';
import { printConfiguration } from '../runtime/print-config';

try {
  process.stdout.write(printConfiguration(loadConfig(), process.env));
} catch (error) {
  console.error(`config: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
