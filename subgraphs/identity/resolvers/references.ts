import { entityReference } from '../../shared/references';

export const OrganisationRef = entityReference('Organisation', {
  extendable: false,
  description: 'A public body; its fields come from the organisations subgraph.',
});
