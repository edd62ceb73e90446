import type { SubgraphName } from '../platform/subgraph-names';
import { datasetsSubgraph } from './datasets';
import { identitySubgraph } from './identity';
import { learningSubgraph } from './learning';
import { organisationsSubgraph } from './organisations';
import { paymentsSubgraph } from './payments';
import type { SubgraphDefinition } from './shared/subgraph';

/** Every subgraph of the graph, by name. Each has loaders of its own type; the runtime treats them alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition's loaders type differs, and only the subgraph itself reads them
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition<any>> = {
  organisations: organisationsSubgraph,
  identity: identitySubgraph,
  payments: paymentsSubgraph,
  learning: learningSubgraph,
  datasets: datasetsSubgraph,
};
