/** The five subgraphs of the graph, in the order they start. Both wings and the runtime name them from here. */
export const SUBGRAPH_NAMES = ['organisations', 'identity', 'payments', 'learning', 'datasets'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export function isSubgraphName(value: unknown): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly unknown[]).includes(value);
}
