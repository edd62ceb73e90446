import type { DataSource } from 'typeorm';
import { type KeysetPageQuery, loadPagesByParent } from '../shared/keyset';
import DataLoader from 'dataloader';
import type { Viewer } from '../shared/auth';
import { loaderById, loaderOfChildren, loaderPerArgs } from '../shared/loaders';
import { Badge } from './entities/badge';
import { progressOf } from './resolvers/progress';
import type { SubgraphContext } from '../shared/subgraph';
import { Course } from './entities/course';
import { LearningRecord } from './entities/learning-record';
import { type Learner, learnersOfOrganisations } from './resolvers/learner';

export function createLearningLoaders(db: DataSource, viewer: Viewer) {
  return {
    courseById: loaderById(db, Course),
    /** Progress per course; staff see only what happened in their organisation's context. */
    progressOfAccount: new DataLoader<string, Awaited<ReturnType<typeof progressOf>> extends Map<string, infer V> ? V : never>(async (ids) => {
      const found = await progressOf(db, ids, viewer.role === 'citizen' ? null : viewer.organisationId);
      return ids.map((id) => found.get(id)!);
    }),
    badgesOfAccount: loaderOfChildren(db, Badge, 'accountId', 't.issued_at, t.id'),
    recordsOfAccount: loaderPerArgs((q: KeysetPageQuery<LearningRecord>, ids) => loadPagesByParent(db, LearningRecord, 'accountId', ids, q)),
    learnersOfOrganisation: loaderPerArgs((q: { limit: number; after: string | null }, ids) =>
      learnersOfOrganisations(db, ids, q.limit, q.after),
    ) as { load(q: { limit: number; after: string | null }, id: string): Promise<Learner[]> },
  };
}

export type LearningContext = SubgraphContext<ReturnType<typeof createLearningLoaders>>;
