/** The identity subgraph as its own process. */
import 'reflect-metadata';
import { runMain } from '../../runtime/cli';
import { serveSubgraph } from '../../runtime/services';

runMain('identity', (config, log) => serveSubgraph('identity', config, log));
