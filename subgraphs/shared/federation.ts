import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { authChecker } from './auth';

/**
 * The one place that owns the Federation version every subgraph links to.
 * Raising it here raises it for the whole graph; `npm run compose` then
 * rewrites schema/ and the drift test shows the change.
 */
export const FEDERATION_LINK = `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"]
    )
`;

/** Resolvers keyed by type name, e.g. `{ Account: { __resolveReference } }`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each reference resolver takes its own entity's representation and context
export type ReferenceResolvers = Record<string, { __resolveReference: (...args: any[]) => unknown }>;

/**
 * Builds a subgraph schema from type-graphql resolvers: type-graphql writes
 * the types and directives, @apollo/subgraph adds `_entities`/`_service`, and
 * the reference resolvers are merged into the type-graphql resolver map.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'validate'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ authChecker, ...options, skipCheck: true, validate: false });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, fields] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...fields };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as never,
  });
}
