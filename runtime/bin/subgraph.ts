/** One subgraph as its own process: `subgraph.ts <name>`, e.g. `subgraph.ts payments`. */
import 'reflect-metadata';
import { SUBGRAPH_NAMES, isSubgraphName } from '../../platform/subgraph-names';
import { runMain } from '../cli';
import { serveSubgraph } from '../services';

const name = process.argv[2];
if (!isSubgraphName(name)) {
  process.stderr.write(`Name the subgraph to serve: one of ${SUBGRAPH_NAMES.join(', ')}.\n`);
  process.exit(2);
}
runMain(name, (config, log) => serveSubgraph(name, config, log));
