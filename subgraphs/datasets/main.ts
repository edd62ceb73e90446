/** The datasets subgraph as its own process. */
import 'reflect-metadata';
import { runMain } from '../../runtime/cli';
import { serveSubgraph } from '../../runtime/services';

runMain('datasets', (config, log) => serveSubgraph('datasets', config, log));
