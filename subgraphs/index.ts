import { datasetsSubgraph } from './datasets';
import { identitySubgraph } from './identity';
import { learningSubgraph } from './learning';
import { organisationsSubgraph } from './organisations';
import { paymentsSubgraph } from './payments';
import type { SubgraphDefinition } from './shared/subgraph';
import type { SubgraphName } from '../platform/subgraph-names';

/** Every subgraph of the graph, by name. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition<any>> = {
  organisations: organisationsSubgraph,
  identity: identitySubgraph,
  payments: paymentsSubgraph,
  learning: learningSubgraph,
  datasets: datasetsSubgraph,
};
