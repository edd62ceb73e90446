import type { DataSource } from 'typeorm';
import type { Viewer } from '../shared/auth';
import { type KeysetPageQuery, type KeysetRows, loadPagesByParent } from '../shared/keyset';
import { loaderById, loaderByParent, loaderOfChildren, loaderPerArgs } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { Badge } from './entities/badge';
import { Course } from './entities/course';
import type { Learner } from './entities/learner';
import { LearningRecord } from './entities/learning-record';
import { learnersOfOrganisations } from './learners';
import { progressOf } from './progress';

export function createLearningLoaders(db: DataSource, viewer: Viewer) {
  return {
    courseById: loaderById(db, Course),
    /** Progress per course; staff see only what happened in their organisation's context. */
    progressOfAccount: loaderByParent((ids) => progressOf(db, ids, viewer.role === 'citizen' ? null : viewer.organisationId)),
    badgesOfAccount: loaderOfChildren(db, Badge, 'accountId', 't.issued_at, t.id'),
    recordsOfAccount: loaderPerArgs((q: KeysetPageQuery<LearningRecord>, ids) => loadPagesByParent(db, LearningRecord, 'accountId', ids, q)),
    learnersOfOrganisation: loaderPerArgs((q: { limit: number; after: string | null }, ids) => learnersOfOrganisations(db, ids, q.limit, q.after)) as {
      load(q: { limit: number; after: string | null }, id: string): Promise<KeysetRows<Learner>>;
    },
  };
}

export type LearningContext = SubgraphContext<ReturnType<typeof createLearningLoaders>>;
