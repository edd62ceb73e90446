import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { type GraphQLSchema, printSchema } from 'graphql';

/** The composed supergraph checked in under schema/ (written by `npm run compose`). */
export function readSupergraph(projectRoot: string): string {
  return readFileSync(path.join(projectRoot, 'schema', 'supergraph.graphql'), 'utf8');
}

/** The schema clients see (the supergraph without its join directives and @inaccessible parts), for validating operations ahead of time. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The API schema as SDL with its descriptions: what `GET /schema.graphql` serves and `schema/api.graphql` holds, for client code generators. */
export function printApiSchema(supergraphSdl: string): string {
  return printSchema(apiSchemaOf(supergraphSdl));
}
