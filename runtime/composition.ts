import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema, parse } from 'graphql';
import { printApiSchema } from '../gateway/supergraph';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph-names';
import { SUBGRAPHS } from '../subgraphs';
import { DEFAULT_SUBGRAPH_PORTS } from './config';

export interface Composition {
  subgraphSdl: Record<SubgraphName, string>;
  supergraphSdl: string;
  /** The schema clients see: the supergraph without its join directives and @inaccessible parts. */
  apiSdl: string;
}

/** The URL composed into the supergraph: the docker-compose service name. The gateway overrides it from config. */
export function composedUrl(name: SubgraphName): string {
  return `http://${name}:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
}

/**
 * Prints every subgraph's SDL from its code and composes the supergraph with
 * @apollo/composition, exactly as a schema registry would. Needs no database.
 */
export async function composeGraph(): Promise<Composition> {
  const subgraphSdl = {} as Record<SubgraphName, string>;
  // Sorted, so the printed SDL does not depend on the order in which modules happen to declare their classes.
  for (const name of SUBGRAPH_NAMES) subgraphSdl[name] = printSubgraphSchema(lexicographicSortSchema(await SUBGRAPHS[name].buildSchema()));
  const result = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: composedUrl(name), typeDefs: parse(subgraphSdl[name]) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return { subgraphSdl, supergraphSdl: result.supergraphSdl, apiSdl: printApiSchema(result.supergraphSdl) };
}
