import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { DirectiveLocation, GraphQLDirective, GraphQLEnumType, GraphQLInt, type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap, Directive } from 'type-graphql';
import { authChecker } from './auth';

/**
 * The one place that owns the Federation version every subgraph links to.
 * Raising it here raises it for the whole graph; `npm run compose` then
 * rewrites schema/ and the drift test shows the change.
 *
 * `@cacheControl` is composed into the supergraph (`@composeDirective`), so
 * the gateway reads from the schema it serves which fields are public and
 * for how long: its entity cache and the `cache-control` of public answers
 * follow the subgraphs' own marks, not a list kept in the gateway.
 */
export const FEDERATION_LINK = `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@composeDirective"]
    )
    @link(url: "https://specs.scotland-graph.dev/cache/v1.0", import: ["@cacheControl"])
    @composeDirective(name: "@cacheControl")
`;

const CacheControlScope = new GraphQLEnumType({
  name: 'CacheControlScope',
  description: 'Who an answer may be shared with.',
  values: {
    PUBLIC: { description: 'Anyone: the value is the same whoever asks.' },
    PRIVATE: { description: 'Only the viewer who asked.' },
  },
});

/** Apollo's cache hint, with its usual definition: the gateway honours `scope: PUBLIC` marks on fields. */
const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long a field may be cached, and whether for everyone (PUBLIC) or only the viewer who asked (PRIVATE).',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: { maxAge: { type: GraphQLInt }, scope: { type: CacheControlScope } },
});

/**
 * Marks a field as public data that is the same whoever asks, and may be
 * cached for `maxAgeSeconds` by the gateway (per entity, for every viewer)
 * and by browsers and proxies (an anonymous answer made only of such fields).
 * Only for fields whose resolver never looks at the viewer; a write that
 * changes one announces it (`./entity-changes`), so the cache is dropped
 * at once, not after `maxAgeSeconds`.
 */
export const PublicCache = (maxAgeSeconds: number) => Directive(`@cacheControl(maxAge: ${maxAgeSeconds}, scope: PUBLIC)`);

/**
 * type-graphql asks for a PubSub as soon as a resolver has a `@Subscription`.
 * Ours use `subscribe` (./change-stream: Postgres LISTEN/NOTIFY, which
 * reaches every replica), never `topics`: an in-process PubSub would see
 * only the writes of its own process.
 */
const noPubSub: NonNullable<BuildSchemaOptions['pubSub']> = {
  publish() {
    throw new Error('Subscriptions listen to the database (change-stream.ts); there is no in-process PubSub.');
  },
  subscribe() {
    throw new Error('Subscriptions listen to the database (change-stream.ts); give @Subscription a `subscribe`, not `topics`.');
  },
};

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
  const schema = await buildSchema({ authChecker, pubSub: noPubSub, ...options, directives: [cacheControlDirective], skipCheck: true, validate: false });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, fields] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...fields };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as never,
  });
}
