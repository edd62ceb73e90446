import { learningMigrations } from '../../migrations/learning';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { Badge } from './entities/badge';
import { Course } from './entities/course';
import { LearningRecord } from './entities/learning-record';
import { createLearningLoaders, type LearningContext } from './loaders';
import {
  AccountLearningResolver,
  CourseResolver,
  LearningRecordResolver,
  OrganisationLearnersResolver,
} from './resolvers/learning-record.resolver';
import { LearningAggregatesResolver } from './resolvers/aggregates.resolver';
import { AccountRef, OrganisationRef } from './resolvers/references';
import { AccountProgressResolver, BadgeResolver, StatementMutations } from './resolvers/statement-mutations.resolver';

/** The Scottish Digital Academy: courses, xAPI statements with voiding, progress, badges and anonymised aggregates. */
export const learningSubgraph: SubgraphDefinition<ReturnType<typeof createLearningLoaders>> = {
  name: 'learning',
  entities: [Course, LearningRecord, Badge],
  migrations: learningMigrations,
  createLoaders: createLearningLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          CourseResolver,
          LearningRecordResolver,
          AccountLearningResolver,
          OrganisationLearnersResolver,
          LearningAggregatesResolver,
          StatementMutations,
          AccountProgressResolver,
          BadgeResolver,
        ],
        // Reached only through _entities, so named here or type-graphql would leave them out.
        orphanedTypes: [AccountRef, OrganisationRef],
      },
      { Course: { __resolveReference: (ref: { id: string }, ctx: LearningContext) => ctx.loaders.courseById.load(ref.id) } },
    ),
};
