import { learningMigrations } from '../../migrations/learning';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { AccountRef } from './entities/account';
import { Badge } from './entities/badge';
import { Course } from './entities/course';
import { LearningRecord } from './entities/learning-record';
import { OrganisationRef } from './entities/organisation';
import { createLearningLoaders } from './loaders';
import { AccountResolver } from './resolvers/account.resolver';
import { BadgeResolver } from './resolvers/badge.resolver';
import { resolveCourseReference } from './resolvers/course.resolver';
import { LearningRecordResolver } from './resolvers/learning-record.resolver';
import { MutationResolver } from './resolvers/mutation.resolver';
import { OrganisationResolver } from './resolvers/organisation.resolver';
import { QueryResolver } from './resolvers/query.resolver';

/** The Scottish Digital Academy: courses, xAPI statements with voiding, progress, badges and anonymised aggregates. */
export const learningSubgraph: SubgraphDefinition<ReturnType<typeof createLearningLoaders>> = {
  name: 'learning',
  entities: [Course, LearningRecord, Badge],
  migrations: learningMigrations,
  createLoaders: createLearningLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [QueryResolver, LearningRecordResolver, AccountResolver, OrganisationResolver, MutationResolver, BadgeResolver],
        // Reached only through _entities, so named here or type-graphql would leave them out.
        orphanedTypes: [AccountRef, OrganisationRef],
      },
      { Course: { __resolveReference: resolveCourseReference } },
    ),
};
