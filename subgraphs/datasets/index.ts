import { datasetsMigrations } from '../../migrations/datasets';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { Dataset } from './entities/dataset';
import { DatasetFeedback } from './entities/dataset-feedback';
import { Distribution } from './entities/distribution';
import { OrganisationRef } from './entities/organisation';
import { createDatasetsLoaders } from './loaders';
import { DatasetFeedbackResolver } from './resolvers/dataset-feedback.resolver';
import { DatasetSearchResultResolver } from './resolvers/dataset-search-result.resolver';
import { DatasetResolver, resolveDatasetReference } from './resolvers/dataset.resolver';
import { MutationResolver } from './resolvers/mutation.resolver';
import { OrganisationResolver } from './resolvers/organisation.resolver';
import { QueryResolver } from './resolvers/query.resolver';

/** Open data: DCAT datasets and distributions, search with facets, feedback to publishers, recommendations. */
export const datasetsSubgraph: SubgraphDefinition<ReturnType<typeof createDatasetsLoaders>> = {
  name: 'datasets',
  entities: [Dataset, Distribution, DatasetFeedback],
  migrations: datasetsMigrations,
  createLoaders: createDatasetsLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [QueryResolver, DatasetResolver, DatasetSearchResultResolver, OrganisationResolver, DatasetFeedbackResolver, MutationResolver],
        orphanedTypes: [OrganisationRef],
      },
      { Dataset: { __resolveReference: resolveDatasetReference } },
    ),
};
