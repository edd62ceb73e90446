import { datasetsMigrations } from '../../migrations/datasets';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { Dataset } from './entities/dataset';
import { Distribution } from './entities/distribution';
import { createDatasetsLoaders, type DatasetsContext } from './loaders';
import { OrganisationRef } from './resolvers/references';
import { DatasetResolver, DatasetSearchResultResolver, PublisherDatasetsResolver } from './resolvers/dataset.resolver';
import { DatasetFeedbackResolver, PublisherFeedbackResolver } from './resolvers/feedback.resolver';
import { DatasetFeedback } from './entities/feedback';

/** Open data: DCAT datasets and distributions, search with facets, feedback to publishers, recommendations. */
export const datasetsSubgraph: SubgraphDefinition<ReturnType<typeof createDatasetsLoaders>> = {
  name: 'datasets',
  entities: [Dataset, Distribution, DatasetFeedback],
  migrations: datasetsMigrations,
  createLoaders: createDatasetsLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [DatasetResolver, DatasetSearchResultResolver, PublisherDatasetsResolver, DatasetFeedbackResolver, PublisherFeedbackResolver], orphanedTypes: [OrganisationRef] },
      { Dataset: { __resolveReference: (ref: { id: string }, ctx: DatasetsContext) => ctx.loaders.datasetById.load(ref.id) } },
    ),
};
