/**
 * (d) Hive Gateway with Hive Router's query planner and executor (Rust, via
 * @graphql-hive/router-runtime: what `hive-gateway --hive-router-runtime`
 * loads) on node:http, otherwise as (c): defaults, the caller's token passed on.
 */
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { serveHiveGateway } from './hive-runtime';

void serveHiveGateway({ unifiedGraphHandler });
