/** The gateway alone; `npm start` runs the whole graph instead. */
import 'reflect-metadata';
import { runMain } from '../runtime/cli';
import { serveGateway } from '../runtime/services';

runMain('gateway', serveGateway);
