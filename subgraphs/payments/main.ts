/** The payments subgraph as its own process. */
import 'reflect-metadata';
import { runMain } from '../../runtime/cli';
import { serveSubgraph } from '../../runtime/services';

runMain('payments', (config, log) => serveSubgraph('payments', config, log));
