import type { DataSource } from 'typeorm';
import { type KeysetPageQuery, loadPagesByParent } from '../shared/keyset';
import { loaderById, loaderPerArgs } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { Course } from './entities/course';
import { LearningRecord } from './entities/learning-record';
import { type Learner, learnersOfOrganisations } from './resolvers/learner';

export function createLearningLoaders(db: DataSource) {
  return {
    courseById: loaderById(db, Course),
    recordsOfAccount: loaderPerArgs((q: KeysetPageQuery<LearningRecord>, ids) => loadPagesByParent(db, LearningRecord, 'accountId', ids, q)),
    learnersOfOrganisation: loaderPerArgs((q: { limit: number; after: string | null }, ids) =>
      learnersOfOrganisations(db, ids, q.limit, q.after),
    ) as { load(q: { limit: number; after: string | null }, id: string): Promise<Learner[]> },
  };
}

export type LearningContext = SubgraphContext<ReturnType<typeof createLearningLoaders>>;
