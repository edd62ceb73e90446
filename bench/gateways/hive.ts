/**
 * (c) Hive Gateway (@graphql-hive/gateway's runtime) on node:http, with
 * defaults; like (b), it passes the caller's token on.
 */
import { serveHiveGateway } from './hive-runtime';

void serveHiveGateway();
