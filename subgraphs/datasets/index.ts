import { datasetsMigrations } from '../../migrations/datasets';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { Dataset } from './entities/dataset';
import { Distribution } from './entities/distribution';
import { createDatasetsLoaders, type DatasetsContext } from './loaders';
import { OrganisationRef } from './resolvers/references';
import { DatasetResolver, PublisherDatasetsResolver } from './resolvers/dataset.resolver';

/** Open data: DCAT datasets and their distributions, with search. */
export const datasetsSubgraph: SubgraphDefinition<ReturnType<typeof createDatasetsLoaders>> = {
  name: 'datasets',
  entities: [Dataset, Distribution],
  migrations: datasetsMigrations,
  createLoaders: createDatasetsLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [DatasetResolver, PublisherDatasetsResolver], orphanedTypes: [OrganisationRef] },
      { Dataset: { __resolveReference: (ref: { id: string }, ctx: DatasetsContext) => ctx.loaders.datasetById.load(ref.id) } },
    ),
};
