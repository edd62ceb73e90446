import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { type KeysetPageQuery, loadPagesByParent } from '../shared/keyset';
import { loaderById, loaderOfChildren, loaderPerArgs } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { Dataset } from './entities/dataset';
import { DatasetFeedback } from './entities/dataset-feedback';
import { Distribution } from './entities/distribution';
import { recommendationsFor } from './recommendations';
import { type SearchRequest, searchFacets } from './search';

export function createDatasetsLoaders(db: DataSource) {
  return {
    datasetById: loaderById(db, Dataset),
    distributionsOfDataset: loaderOfChildren(db, Distribution, 'datasetId', 't.format, t.id'),
    datasetsOfPublisher: loaderPerArgs((q: KeysetPageQuery<Dataset>, ids) => loadPagesByParent(db, Dataset, 'publisherId', ids, q)),
    feedbackOfDataset: loaderOfChildren(db, DatasetFeedback, 'datasetId', 't.sent_at DESC, t.id DESC'),
    feedbackOfPublisher: loaderPerArgs((q: KeysetPageQuery<DatasetFeedback>, ids) => loadPagesByParent(db, DatasetFeedback, 'publisherId', ids, q)),
    recommendationsOf: loaderPerArgs((limit: number, ids) => recommendationsFor(db, ids, limit)),
    /** Total and facets of a search, computed once however many fields ask. */
    facetsOf: new DataLoader<SearchRequest, Awaited<ReturnType<typeof searchFacets>>, string>(
      async (requests) => Promise.all(requests.map((request) => searchFacets(db, request))),
      { cacheKeyFn: (request) => JSON.stringify({ ...request, limit: 0, offset: 0 }) },
    ),
  };
}

export type DatasetsContext = SubgraphContext<ReturnType<typeof createDatasetsLoaders>>;
