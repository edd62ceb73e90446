/** The gateway alone; `npm start` runs the whole graph instead. */
import 'reflect-metadata';
import { runMain } from '../cli';
import { serveGateway } from '../services';

runMain('gateway', serveGateway);
