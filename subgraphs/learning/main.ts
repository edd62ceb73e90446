/** The learning subgraph as its own process. */
import 'reflect-metadata';
import { runMain } from '../../runtime/cli';
import { serveSubgraph } from '../../runtime/services';

runMain('learning', (config, log) => serveSubgraph('learning', config, log));
