import { organisationsMigrations } from '../../migrations/organisations';
import { buildFederatedSchema } from '../shared/federation';
import type { SubgraphDefinition } from '../shared/subgraph';
import { Integration } from './entities/integration';
import { Organisation } from './entities/organisation';
import { Service } from './entities/service';
import { createOrganisationsLoaders } from './loaders';
import { IntegrationResolver } from './resolvers/integration.resolver';
import { MutationResolver } from './resolvers/mutation.resolver';
import { OrganisationResolver, resolveOrganisationReference } from './resolvers/organisation.resolver';
import { QueryResolver } from './resolvers/query.resolver';

/** Organisations, their services and their myaccount integrations. */
export const organisationsSubgraph: SubgraphDefinition<ReturnType<typeof createOrganisationsLoaders>> = {
  name: 'organisations',
  entities: [Organisation, Service, Integration],
  migrations: organisationsMigrations,
  createLoaders: createOrganisationsLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [QueryResolver, MutationResolver, OrganisationResolver, IntegrationResolver] },
      { Organisation: { __resolveReference: resolveOrganisationReference } },
    ),
};
