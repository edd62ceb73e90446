import type { DataSource } from 'typeorm';
import { loaderById, loaderOfChildren } from '../shared/loaders';
import type { SubgraphContext } from '../shared/subgraph';
import { Integration } from './entities/integration';
import { Organisation } from './entities/organisation';
import { Service } from './entities/service';

export function createOrganisationsLoaders(db: DataSource) {
  return {
    organisationById: loaderById(db, Organisation),
    servicesOfOrganisation: loaderOfChildren(db, Service, 'organisationId', 't.name, t.id'),
    integrationsOfOrganisation: loaderOfChildren(db, Integration, 'organisationId', 't.launched_at, t.id'),
  };
}

export type OrganisationsContext = SubgraphContext<ReturnType<typeof createOrganisationsLoaders>>;
