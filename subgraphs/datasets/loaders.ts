import type { DataSource } from 'typeorm';
import { type KeysetPageQuery, loadPagesByParent } from '../shared/keyset';
import { loaderById, loaderOfChildren, loaderPerArgs } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { Dataset } from './entities/dataset';
import { Distribution } from './entities/distribution';

export function createDatasetsLoaders(db: DataSource) {
  return {
    datasetById: loaderById(db, Dataset),
    distributionsOfDataset: loaderOfChildren(db, Distribution, 'datasetId', 't.format, t.id'),
    datasetsOfPublisher: loaderPerArgs((q: KeysetPageQuery<Dataset>, ids) => loadPagesByParent(db, Dataset, 'publisherId', ids, q)),
  };
}

export type DatasetsContext = SubgraphContext<ReturnType<typeof createDatasetsLoaders>>;
