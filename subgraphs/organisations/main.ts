/** The organisations subgraph as its own process. */
import 'reflect-metadata';
import { runMain } from '../../runtime/cli';
import { serveSubgraph } from '../../runtime/services';

runMain('organisations', (config, log) => serveSubgraph('organisations', config, log));
